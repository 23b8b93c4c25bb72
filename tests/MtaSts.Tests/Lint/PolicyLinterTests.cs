using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Lint;
using MtaSts.Policy;
using static MtaSts.Tests.Lint.LintAssert;

namespace MtaSts.Tests.Lint;

/// <summary>The published policy file against the RFC 8461 §3.2 ABNF, one rule per test.</summary>
public class PolicyLinterTests
{
    private static PolicyLintResult Lint(string text) => PolicyLinter.Lint(text, "mta-sts.txt");

    private static IReadOnlyList<Diagnostic> Diagnostics(string text) => Lint(text).Diagnostics;

    // ---- what a sender reads ----

    [Fact]
    public void The_rfc_example_policy_is_clean_and_read_like_a_sender()
    {
        var result = Lint(PolicyText(Example));
        Clean(result.Diagnostics);
        Assert.True(result.IsValid);
        Assert.Equal(PolicyMode.Enforce, result.Mode);
        Assert.Equal(["mail.example.com", "*.example.net", "backupmx.example.com"], result.Mx);
        Assert.Equal(604800, result.MaxAge);
    }

    [Fact]
    public void A_valid_policy_says_what_the_sender_applies()
    {
        Assert.Equal(
            "An RFC 8461 sender applies this policy: mode enforce, 3 mx patterns, cached for up to 7 days.",
            Lint(PolicyText(Example)).Verdict);
    }

    [Fact]
    public void An_invalid_policy_says_the_sender_rejects_it()
    {
        var result = Lint(ExampleWith(2, "mode: strict"));
        Assert.False(result.IsValid);
        Assert.StartsWith("An RFC 8461 sender rejects this policy and treats the domain as having no MTA-STS policy", result.Verdict);
    }

    [Fact]
    public void Diagnostics_carry_the_file_name()
    {
        Assert.Equal("mta-sts.txt", Assert.Single(Diagnostics(ExampleWith(2, "mode: strict"))).File);
    }

    // ---- empty ----

    [Fact]
    public void An_empty_policy_is_an_error()
    {
        Only(Diagnostics(""), DiagnosticDescriptors.PolicyEmpty, 1, 1);
    }

    [Fact]
    public void A_policy_of_only_line_breaks_is_empty()
    {
        Only(Diagnostics("\r\n \r\n"), DiagnosticDescriptors.PolicyEmpty, 1, 1);
    }

    // ---- line endings ----

    [Fact]
    public void Lf_line_endings_are_a_warning_at_the_first_lf()
    {
        var result = Lint(string.Join("\n", Example) + "\n");
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyLfLineEndings, 1, 15);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Mixed_line_endings_are_a_warning_at_the_first_lf()
    {
        var text = PolicyText(Example).Replace("mx: mail.example.com\r\n", "mx: mail.example.com\n");
        Only(Diagnostics(text), DiagnosticDescriptors.PolicyMixedLineEndings, 3, 21);
    }

    [Fact]
    public void The_final_line_break_is_optional()
    {
        Clean(Diagnostics(string.Join("\r\n", Example)));
    }

    [Fact]
    public void A_doubled_final_line_break_is_an_error()
    {
        var diagnostic = Only(Diagnostics(PolicyText(Example) + "\r\n"), DiagnosticDescriptors.PolicyLineSyntax, 7, 1);
        Assert.Contains("doubled line break", diagnostic.Message);
    }

    [Fact]
    public void Many_trailing_blank_lines_are_one_error_found_in_linear_time()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = Diagnostics(PolicyText(Example) + string.Concat(Enumerable.Repeat("\r\n", 200_000)));
        Assert.Equal([DiagnosticDescriptors.PolicyLineSyntax.Code, DiagnosticDescriptors.PolicyTooLargeForSenders.Code], diagnostics.Select(d => d.Code));
        At(diagnostics[0], DiagnosticDescriptors.PolicyLineSyntax, 7, 1);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_bare_carriage_return_is_an_invalid_character()
    {
        Only(Diagnostics(ExampleWith(2, "mode: enf\rorce")), DiagnosticDescriptors.PolicyInvalidCharacters, 2, 10);
    }

    // ---- characters ----

    [Fact]
    public void Ascii_bytes_without_bom_are_clean()
    {
        Clean(PolicyLinter.Lint(Encoding.ASCII.GetBytes(PolicyText(Example))).Diagnostics);
    }

    [Fact]
    public void A_byte_order_mark_is_an_error()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.ASCII.GetBytes(PolicyText(Example))).ToArray();
        var diagnostic = Only(PolicyLinter.Lint(bytes).Diagnostics, DiagnosticDescriptors.PolicyInvalidCharacters, 1, 1);
        Assert.Contains("byte order mark", diagnostic.Message);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_position()
    {
        var bytes = Encoding.ASCII.GetBytes(PolicyText(Example) + "note: ab").Concat(new byte[] { 0xFF, (byte)'c', 13, 10 }).ToArray();
        var diagnostic = Only(PolicyLinter.Lint(bytes).Diagnostics, DiagnosticDescriptors.PolicyInvalidCharacters, 7, 9);
        Assert.Contains("not valid UTF-8", diagnostic.Message);
    }

    [Fact]
    public void Extension_values_may_contain_utf8()
    {
        Clean(PolicyLinter.Lint(Encoding.UTF8.GetBytes(PolicyText([.. Example, "note: café \U0001F4EE"]))).Diagnostics);
    }

    [Fact]
    public void Non_ascii_outside_extension_values_is_an_error()
    {
        Only(Diagnostics(ExampleWith(2, "mode: enforcé")), DiagnosticDescriptors.PolicyInvalidCharacters, 2, 13);
    }

    [Fact]
    public void A_no_break_space_after_the_colon_is_an_error()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(2, "mode:\u00A0enforce")), DiagnosticDescriptors.PolicyInvalidCharacters, 2, 6);
        Assert.Contains("no-break space", diagnostic.Message);
    }

    [Fact]
    public void Non_ascii_in_a_field_name_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example, "nöte: x"])), DiagnosticDescriptors.PolicyInvalidCharacters, 7, 2);
    }

    [Fact]
    public void A_control_character_in_a_value_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example, "note: a\u0007b"])), DiagnosticDescriptors.PolicyInvalidCharacters, 7, 8);
    }

    [Fact]
    public void A_tab_inside_a_value_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example, "note: a\tb"])), DiagnosticDescriptors.PolicyInvalidCharacters, 7, 8);
    }

    [Fact]
    public void Tabs_and_spaces_after_the_colon_are_allowed()
    {
        Clean(Diagnostics(ExampleWith(2, "mode:\t  enforce")));
    }

    [Fact]
    public void No_space_after_the_colon_is_allowed()
    {
        Clean(Diagnostics(ExampleWith(2, "mode:enforce")));
    }

    // ---- line syntax ----

    [Fact]
    public void A_blank_line_is_an_error()
    {
        Only(Diagnostics(PolicyText("version: STSv1", "", "mode: none", "max_age: 86400")), DiagnosticDescriptors.PolicyLineSyntax, 2, 1);
    }

    [Fact]
    public void Leading_whitespace_is_an_error()
    {
        Only(Diagnostics(ExampleWith(2, " mode: enforce")), DiagnosticDescriptors.PolicyLineSyntax, 2, 1);
    }

    [Fact]
    public void Whitespace_before_the_colon_is_an_error()
    {
        Only(Diagnostics(ExampleWith(2, "mode : enforce")), DiagnosticDescriptors.PolicyLineSyntax, 2, 5);
    }

    [Fact]
    public void A_comment_line_is_an_error()
    {
        var diagnostic = Only(Diagnostics(PolicyText([.. Example, "# served by nginx"])), DiagnosticDescriptors.PolicyLineSyntax, 7, 1);
        Assert.Contains("no comments", diagnostic.Message);
    }

    [Fact]
    public void A_line_without_a_colon_is_an_error()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(2, "mode enforce")), DiagnosticDescriptors.PolicyLineSyntax, 2, 1);
        Assert.Contains("Write 'mode: value'", diagnostic.Message);
    }

    [Theory]
    [InlineData("_note: x", 1)]
    [InlineData("no te: x", 3)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456: x", 33)]
    [InlineData(": x", 1)]
    public void An_extension_name_outside_the_grammar_is_an_error(string line, int column)
    {
        Only(Diagnostics(PolicyText([.. Example, line])), DiagnosticDescriptors.PolicyLineSyntax, 7, column);
    }

    [Theory]
    [InlineData("x-y.z_1: value")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345: 32 characters")]
    [InlineData("9note: with inner  spaces and ;=!~")]
    public void Unknown_fields_in_the_grammar_are_accepted_and_ignored(string line)
    {
        var result = Lint(PolicyText([.. Example, line]));
        Clean(result.Diagnostics);
        Assert.Equal(3, result.Mx.Count);
    }

    [Theory]
    [InlineData("nmx: mx9.example.com", "Did you mean 'mx'?")]
    [InlineData("MX: mx9.example.com", "case-sensitive: write 'mx:'")]
    [InlineData("max_aeg: 86400", "Did you mean 'max_age'?")]
    [InlineData("Mode: testing", "case-sensitive: write 'mode:'")]
    public void An_unknown_field_that_looks_like_a_known_one_is_a_warning(string line, string fix)
    {
        var result = Lint(PolicyText([.. Example, line]));
        var diagnostic = Only(result.Diagnostics, DiagnosticDescriptors.PolicyUnknownField, 7, 1);
        Assert.Contains(fix, diagnostic.Message);
        Assert.True(result.IsValid);

        // Senders ignore the field: the policy they apply has only the example's three patterns.
        Assert.Equal(3, result.Policy!.Mx.Count);
    }

    [Fact]
    public void A_misspelled_mx_says_which_host_drops_out()
    {
        var diagnostic = Only(Diagnostics(PolicyText([.. Example, "nmx: mx9.example.com"])), DiagnosticDescriptors.PolicyUnknownField, 7, 1);
        Assert.Contains("'mx9.example.com' is not one of the policy's MX patterns", diagnostic.Message);
    }

    [Fact]
    public void A_lookalike_of_a_missing_field_is_reported_once_as_missing()
    {
        var result = Lint(PolicyText("version: STSv1", "Mode: enforce", "mx: mail.example.com", "max_age: 86400"));
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyMissingField, 2, 1);
    }

    [Fact]
    public void The_lint_result_carries_the_same_policy_model_the_configuration_builds()
    {
        var deployment = TestConfig.Deploy(TestConfig.Valid);
        var linted = Lint(deployment.PolicyText).Policy!;
        Assert.Equal(deployment.Policy.ToText(), linted.ToText());
        Assert.Null(Lint(ExampleWith(2, "mode: strict")).Policy);
    }

    [Fact]
    public void An_extension_without_a_value_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example, "note:"])), DiagnosticDescriptors.PolicyLineSyntax, 7, 1);
    }

    [Fact]
    public void Trailing_whitespace_is_a_warning()
    {
        var result = Lint(ExampleWith(2, "mode: enforce \t"));
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyTrailingWhitespace, 2, 14);
        Assert.Equal(PolicyMode.Enforce, result.Mode);
    }

    // ---- version ----

    [Fact]
    public void A_missing_version_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example.Skip(1)])), DiagnosticDescriptors.PolicyMissingField, 1, 1);
    }

    [Fact]
    public void A_wrong_case_field_name_is_reported_as_the_missing_field()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(1, "Version: STSv1")), DiagnosticDescriptors.PolicyMissingField, 1, 1);
        Assert.Contains("case-sensitive", diagnostic.Message);
    }

    [Theory]
    [InlineData("version: STSv2")]
    [InlineData("version: stsv1")]
    [InlineData("version: STSv1.0")]
    public void A_version_other_than_STSv1_is_an_error(string line)
    {
        Only(Diagnostics(ExampleWith(1, line)), DiagnosticDescriptors.PolicyInvalidVersion, 1, 10);
    }

    [Fact]
    public void Version_after_another_field_is_a_warning()
    {
        var result = Lint(PolicyText("mode: enforce", "version: STSv1", "mx: mail.example.com", "max_age: 604800"));
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyVersionNotFirst, 2, 1);
        Assert.True(result.IsValid);
    }

    // ---- mode ----

    [Theory]
    [InlineData("testing", PolicyMode.Testing)]
    [InlineData("enforce", PolicyMode.Enforce)]
    public void The_mode_keywords_are_valid(string keyword, PolicyMode mode)
    {
        var result = Lint(ExampleWith(2, "mode: " + keyword));
        Clean(result.Diagnostics);
        Assert.Equal(mode, result.Mode);
    }

    [Fact]
    public void A_mode_in_the_wrong_case_is_an_error()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(2, "mode: Enforce")), DiagnosticDescriptors.PolicyInvalidMode, 2, 7);
        Assert.Contains("lower case", diagnostic.Message);
    }

    [Fact]
    public void A_misspelled_mode_suggests_the_keyword()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(2, "mode: enfroce")), DiagnosticDescriptors.PolicyInvalidMode, 2, 7);
        Assert.Contains("Did you mean 'enforce'?", diagnostic.Message);
    }

    [Fact]
    public void A_mode_field_name_in_the_wrong_case_is_a_missing_mode_at_that_line()
    {
        Only(Diagnostics(ExampleWith(2, "Mode: enforce")), DiagnosticDescriptors.PolicyMissingField, 2, 1);
    }

    [Fact]
    public void A_repeated_mode_is_a_warning_and_the_first_wins()
    {
        var result = Lint(PolicyText([.. Example, "mode: testing"]));
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyDuplicateField, 7, 1);
        Assert.Equal(PolicyMode.Enforce, result.Mode);
    }

    [Fact]
    public void Many_repeats_of_a_field_are_one_warning_at_the_first_repeat()
    {
        var result = Lint(PolicyText([.. Example, "mode: testing", "mode: none", "mode: testing"]));

        var diagnostic = Only(result.Diagnostics, DiagnosticDescriptors.PolicyDuplicateField, 7, 1);
        Assert.Contains("here and 2 more times after this", diagnostic.Message);
    }

    [Fact]
    public void Every_missing_field_is_reported_even_when_all_are_reported_at_line_1()
    {
        var codes = Diagnostics(PolicyText("mx: a.b")).Select(d => (d.Code, d.Message)).ToList();

        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.Equal(DiagnosticDescriptors.PolicyMissingField.Code, c.Code));
        Assert.Contains(codes, c => c.Message.Contains("no 'version' field", StringComparison.Ordinal));
        Assert.Contains(codes, c => c.Message.Contains("no 'mode' field", StringComparison.Ordinal));
        Assert.Contains(codes, c => c.Message.Contains("no 'max_age' field", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mx: mail.*.example.com")]
    [InlineData("mx: *")]
    [InlineData("mx: 192.0.2.1")]
    [InlineData("mx: mail..example.com")]
    public void An_invalid_mx_message_cites_the_rfc_once(string line)
    {
        var diagnostic = Assert.Single(Diagnostics(ExampleWith(3, line)));
        Assert.Equal(DiagnosticDescriptors.PolicyInvalidMx.Code, diagnostic.Code);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(diagnostic.Message, "RFC "));
    }

    [Fact]
    public void Repeated_mx_fields_are_not_duplicates()
    {
        Assert.Equal(3, Lint(PolicyText(Example)).Mx.Count);
        Clean(Diagnostics(PolicyText(Example)));
    }

    // ---- max_age ----

    [Theory]
    [InlineData("0", 0)]
    [InlineData("31557600", 31557600)]
    [InlineData("0000604800", 604800)]
    public void A_max_age_of_1_to_10_digits_up_to_31557600_is_valid(string value, long seconds)
    {
        var result = Lint(ExampleWith(6, "max_age: " + value));
        Clean(result.Diagnostics);
        Assert.Equal(seconds, result.MaxAge);
    }

    [Theory]
    [InlineData("1w", 11)]
    [InlineData("-1", 10)]
    [InlineData("60480O", 15)]
    [InlineData("00000604800", 20)]
    [InlineData("31557601", 10)]
    public void An_invalid_max_age_is_an_error(string value, int column)
    {
        Only(Diagnostics(ExampleWith(6, "max_age: " + value)), DiagnosticDescriptors.PolicyInvalidMaxAge, 6, column);
    }

    [Fact]
    public void A_max_age_with_a_unit_suggests_seconds()
    {
        Assert.Contains("write 604800", Assert.Single(Diagnostics(ExampleWith(6, "max_age: 1w"))).Message);
    }

    [Fact]
    public void A_missing_max_age_is_an_error()
    {
        Only(Diagnostics(PolicyText([.. Example.Take(5)])), DiagnosticDescriptors.PolicyMissingField, 1, 1);
    }

    [Fact]
    public void A_misspelled_max_age_is_reported_at_its_line()
    {
        var diagnostic = Only(Diagnostics(ExampleWith(6, "max-age: 604800")), DiagnosticDescriptors.PolicyMissingField, 6, 1);
        Assert.Contains("'max-age'", diagnostic.Message);
    }

    // ---- mx ----

    [Theory]
    [InlineData("*.example.net")]
    [InlineData("MAIL.Example.COM")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("mx-1.example.com")]
    public void A_host_name_or_wildcard_pattern_is_a_valid_mx(string value)
    {
        var result = Lint(ExampleWith(3, "mx: " + value));
        Clean(result.Diagnostics);
        Assert.Equal(value, result.Mx[0]);
    }

    [Theory]
    [InlineData("mx*.example.com", 7)]
    [InlineData("*.*.example.com", 7)]
    [InlineData("mail.example.com.", 21)]
    [InlineData("192.0.2.1", 5)]
    [InlineData("[192.0.2.1]", 5)]
    [InlineData("mail_1.example.com", 9)]
    [InlineData("-mail.example.com", 5)]
    [InlineData("mail..example.com", 10)]
    [InlineData("mail.example.com:25", 21)]
    [InlineData("bücher.example", 6)]
    public void An_invalid_mx_is_an_error(string value, int column)
    {
        Only(Diagnostics(ExampleWith(3, "mx: " + value)), DiagnosticDescriptors.PolicyInvalidMx, 3, column);
    }

    [Fact]
    public void A_unicode_mx_suggests_its_a_label()
    {
        Assert.Contains("'xn--bcher-kva.example'", Assert.Single(Diagnostics(ExampleWith(3, "mx: bücher.example"))).Message);
    }

    [Fact]
    public void An_empty_mx_is_an_error()
    {
        Only(Diagnostics(ExampleWith(3, "mx:")), DiagnosticDescriptors.PolicyInvalidMx, 3, 4);
    }

    [Fact]
    public void No_mx_with_mode_testing_is_an_error()
    {
        Only(Diagnostics(PolicyText("version: STSv1", "mode: testing", "max_age: 86400")), DiagnosticDescriptors.PolicyMissingMx, 1, 1);
    }

    [Fact]
    public void No_mx_with_mode_none_is_valid()
    {
        var result = Lint(PolicyText("version: STSv1", "mode: none", "max_age: 86400"));
        Clean(result.Diagnostics);
        Assert.Equal("An RFC 8461 sender applies this policy: mode none (no active policy), 0 mx patterns, cached for up to 1 day.", result.Verdict);
    }

    [Fact]
    public void An_mx_field_name_in_the_wrong_case_is_a_missing_mx_at_that_line()
    {
        Only(Diagnostics(PolicyText("version: STSv1", "mode: enforce", "MX: mail.example.com", "max_age: 86400")), DiagnosticDescriptors.PolicyMissingMx, 3, 1);
    }

    // ---- size ----

    [Fact]
    public void A_policy_of_64000_bytes_is_clean()
    {
        Clean(Diagnostics(Padded(64_000)));
    }

    [Fact]
    public void A_policy_over_64000_bytes_is_a_warning_where_senders_may_cut_it()
    {
        var text = Padded(64_001);
        var result = Lint(text);
        Only(result.Diagnostics, DiagnosticDescriptors.PolicyTooLargeForSenders, 7, 64_000 - PolicyText(Example).Length + 1);
        Assert.True(result.IsValid);
    }

    /// <summary>The example policy plus one extension line, <paramref name="bytes"/> long in total.</summary>
    private static string Padded(int bytes)
    {
        var padding = bytes - PolicyText(Example).Length - "note: \r\n".Length;
        var text = PolicyText([.. Example, "note: " + new string('x', padding)]);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
        return text;
    }
}
