namespace MtaSts.Cli.Tests;

/// <summary>
/// <c>mta-sts check DOMAIN</c> refuses a DOMAIN that is not a Policy Domain before any lookup: MTASTS7190 in the words
/// <c>mta-sts.yaml</c> gets for the same mistake, and exit 2, because the command line is wrong, not the deployment.
/// </summary>
public class CheckCommandTests
{
    [Theory]
    [InlineData("localhost", "'localhost' is not a valid domain: it has a single label; use a fully qualified name such as example.com.")]
    [InlineData("example.com:25", "'example.com:25' is not a valid domain: it ends with the port ':25', and a port does not belong in a domain name: write 'example.com'.")]
    [InlineData("192.0.2.1", "'192.0.2.1' is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).")]
    [InlineData("https://example.com", "'https://example.com' is a URL, not a domain. Give the mail domain alone, the part of an address after '@': write 'example.com' (RFC 8461 §1.1).")]
    [InlineData("postmaster@example.com", "'postmaster@example.com' is an e-mail address, not a domain. Give the part after '@': write 'example.com' (RFC 8461 §1.1).")]
    public void A_domain_argument_that_is_not_a_policy_domain_is_MTASTS7190_and_a_usage_error(string domain, string message)
    {
        using var workspace = new Workspace();

        var run = workspace.Run("check", domain);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("error MTASTS7190: " + message, run.ErrorLines.Single());
        Assert.Equal("", run.Out);
    }
}
