using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;
using MtaSts.Values;

namespace MtaSts.Tests;

/// <summary>Each RFC value parses in one place and says what is wrong as data: kind, offset, detail.</summary>
public class ValueGrammarTests
{
    [Theory]
    [InlineData("mx*.example.com", ValueProblemKind.PartialWildcard, 2, "")]
    [InlineData("mail.example.com.", ValueProblemKind.TrailingDot, 16, "")]
    [InlineData("mail.example.com:25", ValueProblemKind.HasPort, 16, ":25")]
    [InlineData("[192.0.2.1]", ValueProblemKind.IpAddress, 0, "")]
    [InlineData("*.mail_1.example.com", ValueProblemKind.InvalidCharacter, 6, "_")]
    [InlineData("bücher.example", ValueProblemKind.NotAscii, 1, "xn--bcher-kva.example")]
    [InlineData("*.bücher.example", ValueProblemKind.NotAscii, 3, "*.xn--bcher-kva.example")]
    [InlineData("", ValueProblemKind.Empty, 0, "")]
    public void A_published_mx_problem_is_data(string value, ValueProblemKind kind, int offset, string detail)
    {
        Assert.Equal(new ValueProblem(kind, offset, detail), MxPattern.Parse(value, Strictness.Published).Problem);
    }

    [Fact]
    public void The_config_trims_and_takes_u_labels_and_offsets_stay_in_the_value_as_given()
    {
        Assert.Equal("*.xn--bcher-kva.example", MxPattern.Parse("  *.Bücher.example ", Strictness.Config).Value.Value);
        Assert.Equal(new ValueProblem(ValueProblemKind.PartialWildcard, 4), MxPattern.Parse("  mx*.example.com", Strictness.Config).Problem);
    }

    [Fact]
    public void A_port_gets_the_same_words_from_the_config_and_the_linter()
    {
        var config = Assert.Single(TestConfig.Compile(TestConfig.Valid.Replace("mx1.example.com", "mail.example.com:25")).Diagnostics);
        var lint = Assert.Single(PolicyLinter.Lint("version: STSv1\r\nmode: testing\r\nmx: mail.example.com:25\r\nmax_age: 86400\r\n").Diagnostics);
        Assert.Equal(DiagnosticDescriptors.InvalidMxPattern, config.Descriptor);
        Assert.Equal(DiagnosticDescriptors.PolicyInvalidMx, lint.Descriptor);
        Assert.Equal(config.Message, lint.Message);
        Assert.Contains("write 'mail.example.com'", lint.Message);
        Assert.Equal(21, lint.Span.Column);
    }

    [Theory]
    [InlineData("Enforce", ValueProblemKind.WrongCase, "enforce")]
    [InlineData("enforse", ValueProblemKind.UnknownKeyword, "enforce")]
    [InlineData("strict", ValueProblemKind.UnknownKeyword, "")]
    [InlineData("", ValueProblemKind.Empty, "")]
    public void A_mode_problem_carries_its_fix(string value, ValueProblemKind kind, string detail)
    {
        Assert.Equal(new ValueProblem(kind, 0, detail), PolicyModeExtensions.Parse(value, Strictness.Published).Problem);
    }

    [Theory]
    [InlineData("1w", Strictness.Published, ValueProblemKind.NotDigits, 1, "604800")]
    [InlineData("12345678901", Strictness.Published, ValueProblemKind.TooManyDigits, 10, "11")]
    [InlineData("31557601", Strictness.Published, ValueProblemKind.OutOfRange, 0, "31557601")]
    [InlineData("2y", Strictness.Config, ValueProblemKind.NotADuration, 0, "")]
    [InlineData("366d", Strictness.Config, ValueProblemKind.OutOfRange, 0, "31622400")]
    public void A_max_age_problem_is_data(string value, Strictness strictness, ValueProblemKind kind, int offset, string detail)
    {
        Assert.Equal(new ValueProblem(kind, offset, detail), MaxAge.Parse(value, strictness).Problem);
    }

    [Fact]
    public void The_maximum_max_age_is_spelled_once_in_messages()
    {
        var config = Assert.Single(TestConfig.Compile(TestConfig.Valid.Replace("1w", "99999999")).Diagnostics).Message;
        var lint = Assert.Single(PolicyLinter.Lint("version: STSv1\r\nmode: testing\r\nmx: a.example.com\r\nmax_age: 99999999\r\n").Diagnostics).Message;
        Assert.Contains("maximum of 31,557,600", config);
        Assert.Contains("maximum of 31,557,600", lint);
    }

    [Theory]
    [InlineData("abc-def", ValueProblemKind.NotLetterOrDigit, 3, "-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", ValueProblemKind.TooLong, 32, "36")]
    [InlineData("", ValueProblemKind.Empty, 0, "")]
    public void An_id_problem_is_data(string value, ValueProblemKind kind, int offset, string detail)
    {
        Assert.Equal(new ValueProblem(kind, offset, detail), PolicyId.Parse(value, Strictness.Published).Problem);
    }

    [Theory]
    [InlineData("mailto:a@example.com!10m", ValueProblemKind.UriMustBeEncoded, 20)]
    [InlineData("mailto:a@exa_mple.com", ValueProblemKind.MailtoInvalidDomain, 12)]
    [InlineData("tlsrpt@example.com", ValueProblemKind.UriNoScheme, 0)]
    [InlineData("http://r.example.com/", ValueProblemKind.UriHttp, 0)]
    public void A_rua_problem_is_data(string value, ValueProblemKind kind, int offset)
    {
        var problem = RuaUri.Parse(value, Strictness.Published).Problem!;
        Assert.Equal((kind, offset), (problem.Kind, problem.Offset));
    }

    [Fact]
    public void User_text_in_messages_is_cut_and_made_visible()
    {
        Assert.Equal("'a U+000D b'", UserText.Quoted("a \r b"));
        Assert.Equal(UserText.MaxQuotedLength + 1, UserText.Quote(new string('x', 100)).Length);
    }
}
