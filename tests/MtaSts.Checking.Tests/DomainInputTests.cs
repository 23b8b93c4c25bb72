using System.Net;

namespace MtaSts.Checking.Tests;

/// <summary>
/// The DOMAIN a check is asked for, read by the core's Policy Domain rule: what is checked (lower-case A-labels, no root
/// dot) and what is refused before any lookup, in the words <c>mta-sts.yaml</c> gets for the same mistake.
/// </summary>
public class DomainInputTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData(" Example.COM ", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("münchen.example", "xn--mnchen-3ya.example")]
    [InlineData("xn--mnchen-3ya.example.", "xn--mnchen-3ya.example")]
    public void A_policy_domain_is_checked_as_lower_case_a_labels_without_the_root_dot(string input, string checkedAs)
    {
        Assert.True(DomainChecker.TryNormalizeDomain(input, out var domain, out var problem), problem);
        Assert.Equal(checkedAs, domain);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData("localhost", "'localhost' is not a valid domain: it has a single label; use a fully qualified name such as example.com.")]
    [InlineData("localhost.", "'localhost.' is not a valid domain: it has a single label; use a fully qualified name such as example.com.")]
    [InlineData("example.com:25", "'example.com:25' is not a valid domain: it ends with the port ':25', and a port does not belong in a domain name: write 'example.com'.")]
    [InlineData("192.0.2.1", "'192.0.2.1' is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData("2001:db8::25", "'2001:db8::25' is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData("", "The domain is empty. Give the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData("example.com..", "'example.com..' is not a valid domain: it ends with a dot.")]
    [InlineData("mail..example.com", "'mail..example.com' is not a valid domain: it has an empty label ('..' or a leading dot).")]
    [InlineData("xn--zz.example", "'xn--zz.example' is not a valid domain: it is not a valid internationalized name")]
    [InlineData("https://mta-sts.example.com/.well-known/mta-sts.txt", "is a URL, not a domain. Give the mail domain alone, the part of an address after '@': write 'example.com' (RFC 8461 §1.1).")]
    [InlineData("postmaster@münchen.example", "'postmaster@münchen.example' is an e-mail address, not a domain. Give the part after '@': write 'münchen.example' (RFC 8461 §1.1).")]
    public void Not_a_policy_domain_is_refused_with_what_to_write(string input, string message)
    {
        Assert.False(DomainChecker.TryNormalizeDomain(input, out var domain, out var problem));
        Assert.Equal("", domain);
        Assert.Contains(message, problem);
    }

    [Fact]
    public void A_label_longer_than_63_octets_is_refused()
    {
        var label = new string('a', 64);

        Assert.False(DomainChecker.TryNormalizeDomain(label + ".example", out _, out var problem));
        Assert.Contains("is longer than 63 characters", problem);
        Assert.True(DomainChecker.TryNormalizeDomain(label[1..] + ".example", out _, out _));
    }

    [Fact]
    public async Task Checking_a_single_label_fails_before_any_lookup()
    {
        // Discard port on loopback: the check must not get as far as asking it.
        var checker = new DomainChecker(new CheckOptions { Resolver = CheckOptions.CreateResolver(new IPEndPoint(IPAddress.Loopback, 9)) });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => checker.CheckAsync("localhost"));

        Assert.StartsWith("'localhost' is not a valid domain: it has a single label", error.Message);
        Assert.Equal("domain", error.ParamName);
    }
}
