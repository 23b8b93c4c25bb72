using System.Text;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

public class ConfigReaderTests
{
    [Fact]
    public void Reads_every_key_with_its_position()
    {
        var document = ConfigReader.Read("""
            domain: example.com
            mode: testing
            mx: [mx1.example.com, "*.example.net"]
            max_age: 86400
            id: auto
            tls_rpt:
              rua: mailto:tlsrpt@example.com
            ttl: 300
            """, "mta-sts.yaml");

        Assert.Empty(document.Diagnostics);
        var policy = Assert.Single(document.Policies);
        Assert.Equal(new ConfigScalar("example.com", new SourceSpan(1, 9, 1, 20)), policy.Domain);
        Assert.Equal(["mx1.example.com", "*.example.net"], policy.Mx!.Items.Select(i => i.Value));
        Assert.Equal((3, 23), (policy.Mx.Items[1].Span.Line, policy.Mx.Items[1].Span.Column));
        Assert.Equal("86400", policy.MaxAge!.Value);
        Assert.Equal("mailto:tlsrpt@example.com", Assert.Single(policy.TlsRptRua!.Items).Value);
        Assert.Equal("300", policy.Ttl!.Value);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var diagnostic = Single("");
        AssertAt(diagnostic, DiagnosticDescriptors.ConfigFileEmpty, 1, 1);
    }

    [Fact]
    public void File_with_only_comments_is_empty()
    {
        Assert.Equal(DiagnosticDescriptors.ConfigFileEmpty.Code, Single("# nothing here\n").Code);
    }

    [Fact]
    public void Yaml_syntax_error_points_at_the_problem()
    {
        var diagnostic = Single("domain: example.com\nmode: [testing\n");
        Assert.Equal(DiagnosticDescriptors.YamlSyntax.Code, diagnostic.Code);
        Assert.True(diagnostic.Span.Line >= 2, diagnostic.ToString());
        Assert.DoesNotContain("(Line:", diagnostic.Message);
    }

    [Fact]
    public void Root_must_be_a_mapping()
    {
        AssertAt(Single("- example.com\n"), DiagnosticDescriptors.RootNotMapping, 1, 1);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_known_key()
    {
        var diagnostic = Single(Valid + "\nmaxage: 3");
        AssertAt(diagnostic, DiagnosticDescriptors.UnknownKey, 7, 1);
        Assert.Contains("Did you mean 'max_age'?", diagnostic.Message);
    }

    [Fact]
    public void Unknown_key_without_a_close_match_lists_the_known_keys()
    {
        var diagnostic = Single(Valid + "\ncolour: blue");
        Assert.Contains("Known keys: domain, mode, mx, max_age, id, tls_rpt, ttl.", diagnostic.Message);
    }

    [Fact]
    public void Unknown_key_under_tls_rpt_is_reported_with_its_path()
    {
        var diagnostic = Single(Valid + "\ntls_rpt:\n  rua: [mailto:a@example.com]\n  ruf: [mailto:b@example.com]");
        AssertAt(diagnostic, DiagnosticDescriptors.UnknownKey, 9, 3);
        Assert.Contains("'tls_rpt.ruf'", diagnostic.Message);
        Assert.Contains("Did you mean 'rua'?", diagnostic.Message);
    }

    [Fact]
    public void Duplicate_key_is_an_error_at_the_second_occurrence()
    {
        var diagnostic = Single(Valid + "\nmode: enforce");
        AssertAt(diagnostic, DiagnosticDescriptors.DuplicateKey, 7, 1);
        Assert.Contains("line 2", diagnostic.Message);
    }

    [Fact]
    public void Scalar_key_given_a_list_is_a_type_error()
    {
        var diagnostic = Single("domain: [a.example, b.example]\nmode: none\n");
        AssertAt(diagnostic, DiagnosticDescriptors.WrongType, 1, 9);
    }

    [Fact]
    public void Key_without_value_is_a_type_error_not_also_missing()
    {
        var diagnostic = Single("domain: example.com\nmode:\nmx: [mx.example.com]\n");
        AssertAt(diagnostic, DiagnosticDescriptors.WrongType, 2, 1);
        Assert.Contains("'mode' has no value", diagnostic.Message);
    }

    [Fact]
    public void Mx_given_a_mapping_is_a_type_error()
    {
        var diagnostic = Single("domain: example.com\nmode: testing\nmx:\n  host: mx.example.com\n");
        AssertAt(diagnostic, DiagnosticDescriptors.WrongType, 4, 3);
    }

    [Fact]
    public void Single_mx_value_is_accepted_as_a_list_of_one()
    {
        var deployment = Deploy("domain: example.com\nmode: testing\nmx: mx.example.com\n");
        Assert.Equal("mx.example.com", Assert.Single(deployment.Policy.Mx).Value);
    }

    [Fact]
    public void Tls_rpt_must_be_a_mapping()
    {
        var diagnostic = Single(Valid + "\ntls_rpt: mailto:a@example.com");
        AssertAt(diagnostic, DiagnosticDescriptors.WrongType, 7, 10);
    }

    [Fact]
    public void Aliases_are_refused()
    {
        var diagnostic = Single("domain: &d example.com\nmode: testing\nmx: [*d]\n");
        AssertAt(diagnostic, DiagnosticDescriptors.AliasNotAllowed, 3, 6);
    }

    [Fact]
    public void Unquoted_wildcard_is_an_alias_with_a_hint_to_quote_it()
    {
        var diagnostic = Single("domain: example.com\nmode: testing\nmx:\n  - *.mail.example.com\n");
        AssertAt(diagnostic, DiagnosticDescriptors.AliasNotAllowed, 4, 5);
        Assert.Contains("must be quoted: \"*.mail.example.com\"", diagnostic.Message);
    }

    [Fact]
    public void Directory_instead_of_file_is_unreadable()
    {
        var diagnostic = Assert.Single(ConfigReader.ReadFile(Path.GetTempPath()).Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ConfigFileUnreadable.Code, diagnostic.Code);
        Assert.Contains("is a directory", diagnostic.Message);
    }

    [Fact]
    public void A_second_document_is_refused()
    {
        var diagnostic = Single(Valid + "\n---\ndomain: other.example\n");
        Assert.Equal(DiagnosticDescriptors.MultipleDocuments.Code, diagnostic.Code);
    }

    [Theory]
    [InlineData("\"mx1.example.com\\r\\nmode: enforce\"")]
    [InlineData("\"mx1.example.com\\nmx: evil.example\"")]
    [InlineData("\"mx1.example.com\\u0000\"")]
    public void Escaped_line_breaks_cannot_inject_policy_lines(string mx)
    {
        var diagnostic = Single($"domain: example.com\nmode: testing\nmx:\n  - {mx}\n");
        AssertAt(diagnostic, DiagnosticDescriptors.ControlCharacter, 4, 5);
    }

    [Theory]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com\nmax_age: 1w\n", 3, 5)]
    [InlineData("a: [\nb: c\n", 1, 4)]
    public void Unclosed_flow_collection_is_a_syntax_error_at_its_opening(string yaml, int line, int column)
    {
        var diagnostic = Single(yaml);
        AssertAt(diagnostic, DiagnosticDescriptors.YamlSyntax, line, column);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_crashing()
    {
        var yaml = "domain: " + new string('[', 200) + new string(']', 200) + "\n";
        var result = Compile(yaml);
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticDescriptors.WrongType.Code);
    }

    [Fact]
    public void Oversized_input_is_refused_unread()
    {
        var text = Valid + "\n#" + new string('x', ConfigReader.MaxFileBytes);
        var diagnostic = Assert.Single(ConfigReader.Read(text, "mta-sts.yaml").Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ConfigFileTooLarge.Code, diagnostic.Code);
    }

    [Fact]
    public void Oversized_file_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mta-sts-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(ConfigReader.MaxFileBytes + 1);
            }

            var diagnostic = Assert.Single(ConfigReader.ReadFile(path).Diagnostics);
            Assert.Equal(DiagnosticDescriptors.ConfigFileTooLarge.Code, diagnostic.Code);
            Assert.Equal(path, diagnostic.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_is_reported_with_a_hint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "mta-sts.yaml");
        var diagnostic = Assert.Single(ConfigReader.ReadFile(path).Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ConfigFileNotFound.Code, diagnostic.Code);
        Assert.Contains("mta-sts init", diagnostic.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_position()
    {
        var bytes = Encoding.UTF8.GetBytes("domain: example.com\nmode: t").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("sting\n")).ToArray();
        var diagnostic = Assert.Single(ConfigReader.Read(bytes, "mta-sts.yaml").Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.ConfigFileNotUtf8, 2, 8);
    }

    [Fact]
    public void Utf8_bom_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();
        var document = ConfigReader.Read(bytes, "mta-sts.yaml");
        Assert.Empty(document.Diagnostics);
        Assert.Equal("example.com", document.Policies[0].Domain!.Value);
    }

    [Fact]
    public void Crlf_config_files_read_the_same()
    {
        var deployment = Deploy(Valid.Replace("\n", "\r\n"));
        Assert.Equal(Deploy(Valid).PolicyText, deployment.PolicyText);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var result = Compile("""
            domain: exa_mple.com
            mode: strict
            mx:
              - 192.0.2.1
            max_age: forever
            colour: blue
            """);
        Assert.Equal(
            ["MTASTS3001", "MTASTS3002", "MTASTS3007", "MTASTS3010", "MTASTS2003"],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal([1, 2, 4, 5, 6], result.Diagnostics.Select(d => d.Span.Line));
    }

    // Regressions found by fuzzing (build/fuzz.sh config; docs/reliability.md).

    [Theory]
    [InlineData("{''")]
    [InlineData("domain: om\nmode: enforce\nmx: [mail.example.")]
    [InlineData("domain: example.com\nmx: {a")]
    public void A_yaml_error_at_the_end_of_the_text_points_inside_the_text(string yaml)
    {
        // YamlDotNet reports the end of the stream on the line after the last one; an editor cannot show that.
        var diagnostic = Single(yaml);
        var lines = yaml.Split('\n');
        Assert.Equal(DiagnosticDescriptors.YamlSyntax.Code, diagnostic.Code);
        Assert.Equal(lines.Length, diagnostic.Span.Line);
        Assert.Equal(lines.Length, diagnostic.Span.EndLine);
        Assert.InRange(diagnostic.Span.Column, 1, lines[^1].Length + 1);
        Assert.InRange(diagnostic.Span.EndColumn, diagnostic.Span.Column, lines[^1].Length + 1);
    }

    [Fact]
    public void A_nul_character_is_an_error_at_its_position_not_the_end_of_the_file()
    {
        // YamlDotNet stops reading at U+0000: everything after it would have been ignored.
        var diagnostic = Single("domain: example.com\nmode: en\0force\nunknown: 1\n");
        Assert.Equal(DiagnosticDescriptors.YamlSyntax.Code, diagnostic.Code);
        Assert.Equal(new SourceSpan(2, 9, 2, 10), diagnostic.Span);
        Assert.Contains("U+0000", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("domain: example.com\nmode: enforce\nmx: [!!mail.example.co ]\nmax_age: 86 enforce\nmx: [!!mail[!!mail.example.exam400\n")]
    [InlineData("!!11]1\n!!1\n!,")]
    public void A_tag_that_is_not_a_uri_is_a_yaml_error_not_an_exception(string yaml)
    {
        var diagnostic = Assert.Single(ConfigReader.Read(yaml, "mta-sts.yaml").Diagnostics);
        Assert.Equal(DiagnosticDescriptors.YamlSyntax.Code, diagnostic.Code);
        Assert.False(diagnostic.Span.IsNone);
    }
}
