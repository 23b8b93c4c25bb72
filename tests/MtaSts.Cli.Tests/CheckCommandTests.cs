namespace MtaSts.Cli.Tests;

/// <summary>
/// <c>mta-sts check DOMAIN</c> refuses a DOMAIN that is not a Policy Domain before any lookup: MTASTS7190 in the words
/// <c>mta-sts.yaml</c> gets for the same mistake, and exit 2, because the command line is wrong, not the deployment.
/// The words themselves are the core's (tests/MtaSts.Tests/ValueGrammarTests.cs) and the checker's input rule is
/// tested in tests/MtaSts.Checking.Tests/DomainInputTests.cs.
/// </summary>
public class CheckCommandTests
{
    [Fact]
    public void Check_localhost_is_a_usage_error_that_asks_for_a_fully_qualified_name()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("check", "localhost");

        Assert.True(run.ExitCode == 2, run.ToString());
        // The code and the key phrase; the message's wording is the core's (ValueMessages) and tested there.
        var line = run.ErrorLines.Single();
        Assert.StartsWith("error MTASTS7190: 'localhost' ", line, StringComparison.Ordinal);
        Assert.Contains("single label", line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("example.com:25", "a port does not belong in a domain name: write 'example.com'")]
    [InlineData("192.0.2.1", "it is an IP address")]
    [InlineData("https://example.com", "is a URL, not a domain")]
    [InlineData("postmaster@example.com", "is an e-mail address, not a domain")]
    public void Any_domain_argument_that_is_not_a_policy_domain_is_MTASTS7190_and_a_usage_error(string domain, string why)
    {
        using var workspace = new Workspace();

        var run = workspace.Run("check", domain);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error MTASTS7190: '{domain}' ", run.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Contains(why, run.Error, StringComparison.Ordinal);
    }
}
