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

/// <summary>The fewest patterns that cover a set of MX hosts (mta-sts init --from-dns), as senders match them (RFC 8461 §4.1).</summary>
public class MxPatternCoveringTests
{
    [Theory]
    [InlineData(new[] { "mx1.mail.example.com", "mx2.mail.example.com" }, new[] { "*.mail.example.com" })]
    [InlineData(new[] { "mx1.example.com", "mx2.example.com" }, new[] { "*.example.com" })]
    // A single host stays a host.
    [InlineData(new[] { "mx.example.com" }, new[] { "mx.example.com" })]
    // Different depths are never one wildcard: *.example.com would not match a.mail.example.com.
    [InlineData(new[] { "mx.example.com", "a.mail.example.com" }, new[] { "mx.example.com", "a.mail.example.com" })]
    [InlineData(new[] { "a.mail.example.com", "b.mail.example.com", "mx.example.com" }, new[] { "*.mail.example.com", "mx.example.com" })]
    // Only hosts under the same parent group; the order follows the first host of each pattern.
    [InlineData(new[] { "mx1.example.org", "mx1.example.com", "mx2.example.org" }, new[] { "*.example.org", "mx1.example.com" })]
    // Never a wildcard for a parent of one label (a top-level domain).
    [InlineData(new[] { "example.com", "example.net", "foo.com" }, new[] { "example.com", "example.net", "foo.com" })]
    // DNS form in, pattern form out; duplicates and invalid names dropped.
    [InlineData(new[] { "MX1.Example.COM.", "mx1.example.com", "", "not a host" }, new[] { "mx1.example.com" })]
    [InlineData(new string[0], new string[0])]
    public void Groups_hosts_that_share_a_parent(string[] hosts, string[] expected)
    {
        var patterns = MxPattern.Covering(hosts);

        Assert.Equal(expected, patterns.Select(p => p.Value));
        Assert.All(hosts.Where(h => MxPattern.TryParse(HostNameOf(h)) is not null), h => Assert.Contains(patterns, p => p.Matches(h)));
    }

    [Fact]
    public void Covers_every_host_and_nothing_at_another_depth()
    {
        var patterns = MxPattern.Covering(["mx1.mail.example.com", "mx2.mail.example.com"]);

        Assert.DoesNotContain(patterns, p => p.Matches("mail.example.com"));
        Assert.DoesNotContain(patterns, p => p.Matches("a.mx1.mail.example.com"));
    }

    private static string HostNameOf(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
}
