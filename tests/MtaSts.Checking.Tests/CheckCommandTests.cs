using MtaSts.Cli;

namespace MtaSts.Checking.Tests;

/// <summary>The CLI's <c>check</c> command line, in-process: what is refused before any lookup, and how.</summary>
public class CheckCommandTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = MtaStsCli.Run(["check", .. args], new CliContext { Out = output, Error = error, WorkingDirectory = Path.GetTempPath() });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_CA_file_without_certificates_is_MTASTS7191()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "not a certificate\n");

        var (exit, _, error) = Run("example.com", "--ca-file", file);

        Assert.Equal(1, exit);
        Assert.Contains("error MTASTS7191: ", error);
    }

    [Theory]
    [InlineData("--dns-server", "ns1.example.com")]
    [InlineData("--format", "xml")]
    [InlineData("--timeout", "0")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var (exit, output, error) = Run("example.com", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("Run 'mta-sts check --help' for usage.", error);
    }

    [Fact]
    public void When_no_lookup_answers_the_verdict_is_unknown_and_fail_on_not_checked_fails_the_run()
    {
        // A bound UDP port that never answers: every lookup times out, on loopback, in about a second.
        using var silent = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var server = $"127.0.0.1:{((System.Net.IPEndPoint)silent.Client.LocalEndPoint!).Port}";

        var (exit, output, _) = Run("example.com", "--dns-server", server, "--timeout", "1", "--no-smtp", "--fail-on-not-checked");

        Assert.True(exit == 1, output);
        Assert.Contains("not checked: _mta-sts.example.com: warning MTASTS7003: ", output);
        Assert.Contains("Verdict: unknown: the _mta-sts TXT record could not be looked up.", output);
        Assert.Contains("Result: FAIL (0 errors, 0 warnings, 4 not checked; --fail-on-not-checked)", output);
    }

    [Fact]
    public void A_missing_config_file_is_MTASTS1001()
    {
        var (exit, _, error) = Run("example.com", "--config", "no-such-mta-sts.yaml");

        Assert.Equal(1, exit);
        Assert.Contains("error MTASTS1001: ", error);
    }
}
