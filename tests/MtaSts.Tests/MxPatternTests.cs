using MtaSts.Policy;

namespace MtaSts.Tests;

/// <summary>MX host matching (RFC 8461 §4.1, Appendix B).</summary>
public class MxPatternTests
{
    [Theory]
    [InlineData("mail.example.com", "mail.example.com", true)]
    [InlineData("mail.example.com", "MAIL.Example.COM", true)]
    [InlineData("mail.example.com", "mail.example.com.", true)]
    [InlineData("mail.example.com", "mail2.example.com", false)]
    [InlineData("*.example.com", "mx1.example.com", true)]
    [InlineData("*.example.com", "MX1.EXAMPLE.COM.", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.example.com", "mx1.example.org", false)]
    [InlineData("*.xn--bcher-kva.example", "mx.bücher.example", true)]
    [InlineData("mail.example.com", "", false)]
    public void Matches_as_a_sender_does(string pattern, string host, bool matches)
    {
        Assert.Equal(matches, MxPattern.TryParse(pattern)!.Matches(host));
    }

    [Theory]
    [InlineData("mail.example.com.", "mail.example.com")]
    [InlineData("MX1.Example.COM", "mx1.example.com")]
    [InlineData(" mx1.example.com. ", "mx1.example.com")]
    [InlineData("", "")]
    public void Host_names_from_DNS_and_reports_are_normalised_in_one_place(string name, string normalized)
    {
        // Checking (DNS answers), Reporting (report host names) and MxPattern.Matches all use this one rule.
        Assert.Equal(normalized, MtaSts.Dns.HostName.Normalize(name));
    }

    [Theory]
    [InlineData("mail.example.com")]
    [InlineData("*.example.com")]
    [InlineData("xn--bcher-kva.example")]
    public void Parses_valid_patterns(string pattern)
    {
        Assert.Equal(pattern, MxPattern.TryParse(pattern)!.Value);
    }

    [Theory]
    [InlineData("mx*.example.com")]
    [InlineData("*")]
    [InlineData("bücher.example")]
    [InlineData("mail.example.com.")]
    [InlineData("[192.0.2.1]")]
    [InlineData("192.0.2.1")]
    [InlineData("mx_1.example.com")]
    [InlineData("")]
    public void Rejects_invalid_patterns(string pattern)
    {
        Assert.Null(MxPattern.TryParse(pattern));
    }
}
