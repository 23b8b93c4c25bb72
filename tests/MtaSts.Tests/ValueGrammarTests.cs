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

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("  Example.COM.\t", "example.com")]
    [InlineData("münchen.example", "xn--mnchen-3ya.example")]
    [InlineData("XN--MNCHEN-3YA.example.", "xn--mnchen-3ya.example")]
    public void A_policy_domain_is_trimmed_and_read_as_lower_case_a_labels_without_the_root_dot(string value, string domain)
    {
        Assert.Equal(domain, PolicyDomain.Parse(value).Value);
    }

    [Theory]
    [InlineData("localhost", ValueProblemKind.SingleLabel, 0, "")]
    [InlineData("localhost.", ValueProblemKind.SingleLabel, 0, "")]
    [InlineData(" example.com:25", ValueProblemKind.HasPort, 12, ":25")]
    [InlineData("192.0.2.1", ValueProblemKind.IpAddress, 0, "")]
    [InlineData("[2001:db8::1]", ValueProblemKind.IpAddress, 0, "")]
    [InlineData("", ValueProblemKind.Empty, 0, "")]
    [InlineData("   ", ValueProblemKind.Empty, 3, "")]
    [InlineData("example.com..", ValueProblemKind.TrailingDot, 11, "")]
    [InlineData("exa_mple.com", ValueProblemKind.InvalidCharacter, 3, "_")]
    [InlineData("https://Example.com:443/path", ValueProblemKind.Url, 0, "Example.com")]
    [InlineData("https://mta-sts.example.com/.well-known/mta-sts.txt", ValueProblemKind.Url, 0, "example.com")]
    [InlineData("example.com/", ValueProblemKind.Url, 0, "example.com")]
    [InlineData("https://localhost/", ValueProblemKind.Url, 0, "")]
    [InlineData("postmaster@example.com", ValueProblemKind.MailAddress, 10, "example.com")]
    [InlineData("mailto:postmaster@localhost", ValueProblemKind.MailAddress, 17, "")]
    public void A_policy_domain_problem_is_data(string value, ValueProblemKind kind, int offset, string detail)
    {
        Assert.Equal(new ValueProblem(kind, offset, detail), PolicyDomain.Parse(value).Problem);
    }

    [Fact]
    public void Two_spellings_of_a_policy_domain_find_the_same_deployment()
    {
        var result = TestConfig.Compile(TestConfig.Valid.Replace("domain: example.com", "domain: münchen.example"));

        Assert.Equal("xn--mnchen-3ya.example", result.For("MÜNCHEN.example.")!.PolicyDomain);
        Assert.Same(result.For("münchen.example"), result.For("xn--mnchen-3ya.example"));
        Assert.Null(result.For("münchen"));
    }

    [Theory]
    [InlineData("localhost", "'localhost' is not a valid domain: it has a single label; use a fully qualified name such as example.com.")]
    [InlineData("example.com:25", "'example.com:25' is not a valid domain: it ends with the port ':25', and a port does not belong in a domain name: write 'example.com'.")]
    [InlineData("192.0.2.1", "'192.0.2.1' is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData("https://mta-sts.example.com/", "'https://mta-sts.example.com/' is a URL, not a domain. Give the mail domain alone, the part of an address after '@': write 'example.com' (RFC 8461 §1.1).")]
    [InlineData("postmaster@localhost", "'postmaster@localhost' is an e-mail address, not a domain. Give the part after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData(" ", "The domain is empty. Give the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    public void A_policy_domain_problem_says_what_to_write(string value, string message)
    {
        Assert.Equal(message, ValueMessages.Describe(ValueSubject.Domain, value, PolicyDomain.Parse(value).Problem!, Strictness.Config));
    }

    [Fact]
    public void User_text_in_messages_is_cut_and_made_visible()
    {
        Assert.Equal("'a U+000D b'", UserText.Quoted("a \r b"));
        Assert.Equal(UserText.MaxQuotedLength + 1, UserText.Quote(new string('x', 100)).Length);
    }
}
