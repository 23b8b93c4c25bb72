using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MtaSts.Testing;

namespace MtaSts.Cli.Tests;

/// <summary><c>mta-sts reports</c>: inputs, formats, the verdict's exit codes and usage errors.</summary>
public sealed class ReportsCommandTests
{
    private const string Config = "domain: example.com\nmode: testing\nmx:\n  - mx1.example.com\nmax_age: 1w\n";
    private static readonly string Policy = "[\"version: STSv1\",\"mode: testing\",\"max_age: 604800\",\"mx: mx1.example.com\"]";

    private static string Report(string org, string id, DateOnly day, long ok, string failures = "", long failed = 0) =>
        $$"""{"organization-name":"{{org}}","date-range":{"start-datetime":"{{day:yyyy-MM-dd}}T00:00:00Z","end-datetime":"{{day:yyyy-MM-dd}}T23:59:59Z"},"contact-info":"x@{{org}}","report-id":"{{id}}","policies":[{"policy":{"policy-type":"sts","policy-string":{{Policy}},"policy-domain":"example.com"},"summary":{"total-successful-session-count":{{ok}},"total-failure-session-count":{{failed}}}{{(failures.Length > 0 ? ",\"failure-details\":[" + failures + "]" : "")}}}]}""";

    private static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>14 days of reports from Google (.json.gz) and Microsoft (.json) about the current policy.</summary>
    private static void WriteCleanFortnight(Workspace workspace, string failures = "", long failed = 0)
    {
        for (var i = 0; i < 14; i++)
        {
            var day = new DateOnly(2026, 11, 1).AddDays(i);
            workspace.WriteBytes($"reports/google-{i}.json.gz", Gzip(Report("google.com", $"g{i}", day, 40, i == 3 ? failures : "", i == 3 ? failed : 0)));
            workspace.Write($"reports/microsoft-{i}.json", Report("Microsoft Corporation", $"m{i}", day, 5));
        }
    }

    [Fact]
    public void Ready_exits_0_and_says_so_first()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        WriteCleanFortnight(workspace);
        var run = workspace.Run("reports", "reports", "--config", "mta-sts.yaml");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("READY: example.com can switch to mode enforce", run.Out, StringComparison.Ordinal);
        Assert.Contains("28 reports about example.com from 2 reporters, 630 successful and 0 failed sessions.", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Not_ready_exits_1_and_names_the_mx_with_numbers()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        WriteCleanFortnight(workspace, """{"result-type":"certificate-host-mismatch","sending-mta-ip":"209.85.1.1","receiving-mx-hostname":"mx1.example.com","failed-session-count":37}""", 37);
        var run = workspace.Run("reports", "reports", "--config", "mta-sts.yaml");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("NOT READY: example.com should stay in mode testing", run.Out, StringComparison.Ordinal);
        Assert.Contains("[!!] mx1.example.com: 37 certificate-host-mismatch sessions from 1 reporter (google.com)", run.Out, StringComparison.Ordinal);

        // The same with a rate that allows 37 of 667 sessions (5.5%).
        Assert.Equal(0, workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--max-failure-rate", "6%").ExitCode);
        Assert.Equal(1, workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--max-failure-rate", "0.05").ExitCode);
    }

    [Fact]
    public void A_multi_domain_config_judges_the_domain_named_with_domain_and_asks_for_it_otherwise()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", "defaults: {mode: testing, mx: [mx1.example.com], max_age: 1w}\ndomains:\n  example.org: {mode: enforce}\n  example.com: {}\n");
        WriteCleanFortnight(workspace);

        var ready = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--domain", "EXAMPLE.com");
        var unnamed = workspace.Run("reports", "reports", "--config", "mta-sts.yaml");
        var unknown = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--domain", "example.net");
        var invalid = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--domain", "example.com:25");

        Assert.True(ready.ExitCode == 0, ready.ToString());
        Assert.StartsWith("READY: example.com can switch to mode enforce", ready.Out, StringComparison.Ordinal);
        Assert.Equal(2, unnamed.ExitCode);
        Assert.StartsWith("mta-sts reports: ", unnamed.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Contains("lists 2 domains (example.org, example.com)", unnamed.Error, StringComparison.Ordinal);
        Assert.Contains("--domain", unnamed.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("does not list 'example.net'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.StartsWith("mta-sts reports: --domain 'example.com:25' is not a valid domain", invalid.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Contains("write 'example.com'", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_csv_formats()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        WriteCleanFortnight(workspace);
        var json = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.True(document.RootElement.GetProperty("verdict").GetProperty("ready").GetBoolean());
        Assert.Equal(14, document.RootElement.GetProperty("days").GetArrayLength());

        var csv = workspace.Run("reports", "reports", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 28, lines.Length);
        Assert.Equal(630, lines.Skip(1).Sum(l => long.Parse(l.Split(',')[6], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Real_samples_stdin_and_an_unreadable_file()
    {
        using var workspace = new Workspace();
        var samples = Path.Combine(RepositoryRoot.Path, "tests", "MtaSts.Reporting.Tests", "Samples");
        workspace.WriteBytes("in/microsoft.eml", File.ReadAllBytes(Path.Combine(samples, "microsoft-com.krvtz.net.2024-09-13.sts+tlsa.eml")));
        workspace.WriteBytes("in/microsoft.json.gz", File.ReadAllBytes(Path.Combine(samples, "microsoft-com.josh.scot.2025-08-03.json.gz")));
        workspace.Write("in/broken.json", "{\"organization-name\": \"x\",");
        var run = workspace.RunWithInput(File.ReadAllBytes(Path.Combine(samples, "mail-ru.krvtz.net.2023-01-25.fetch-timeout.eml")), "reports", "in", "-");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("3 reports from 2 reporters, 4 successful and 1 failed session; 1 input could not be read.", run.Out, StringComparison.Ordinal);
        var error = Assert.Single(run.ErrorLines, l => l.Contains(": error ", StringComparison.Ordinal));
        Assert.StartsWith("in/broken.json(1,", error, StringComparison.Ordinal);
        Assert.Contains("error MTASTS8003: The report is not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("in/microsoft.eml: warning MTASTS8106: Microsoft Corporation:", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_page_is_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        WriteCleanFortnight(workspace);
        var run = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--html", "out/tlsrpt.html");
        Assert.Equal(0, run.ExitCode);
        var html = workspace.Read("out/tlsrpt.html");
        Assert.Contains("<svg id=\"chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("wrote out/tlsrpt.html", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_page_that_cannot_be_written_is_MTASTS4001_naming_the_file()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        WriteCleanFortnight(workspace);
        workspace.Write("out", "a file where the directory of the page should be");

        var run = workspace.Run("reports", "reports", "--config", "mta-sts.yaml", "--html", "out/tlsrpt.html");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("out/tlsrpt.html: error MTASTS4001: Cannot write 'out/tlsrpt.html': ", StringComparison.Ordinal));
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_samples_of_one_domain_through_the_real_process()
    {
        // krvtz.net: Google (2 days, policy with max_age before mx), Microsoft (sts + tlsa), Mail.ru (a 2023 fetch timeout,
        // before this policy was seen) in .eml and .json files.
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", "domain: krvtz.net\nmode: enforce\nmx: [carp-20.krvtz.net]\nmax_age: 10368000\n");
        var samples = Path.Combine(RepositoryRoot.Path, "tests", "MtaSts.Reporting.Tests", "Samples");

        var notYet = workspace.RunProcess("reports", samples, "--config", "mta-sts.yaml");
        Assert.True(notYet.ExitCode == 1, notYet.ToString());
        Assert.StartsWith("NOT READY: krvtz.net is in mode enforce", notYet.Out, StringComparison.Ordinal);
        Assert.Contains("[!!] The reports about the current policy cover 3 distinct days; at least 14 are needed.", notYet.Out, StringComparison.Ordinal);
        Assert.Contains("[ok] 2 reporting organisations saw the current policy (Google Inc., Microsoft Corporation).", notYet.Out, StringComparison.Ordinal);
        Assert.Contains("4 reports about krvtz.net from 3 reporters, 5 successful and 1 failed session;", notYet.Out, StringComparison.Ordinal);

        var ready = workspace.RunProcess("reports", samples, "--config", "mta-sts.yaml", "--days", "3");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        Assert.StartsWith("READY: krvtz.net is in mode enforce and the reports show nothing to fix", ready.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reports")]
    [InlineData("reports", "x.json", "--format", "xml")]
    [InlineData("reports", "x.json", "--max-failure-rate", "2")]
    [InlineData("reports", "x.json", "--max-failure-rate", "five")]
    [InlineData("reports", "x.json", "--days", "0")]
    [InlineData("reports", "x.json", "--dayz", "3")]
    public void Usage_errors_exit_2(params string[] args)
    {
        using var workspace = new Workspace();
        var run = workspace.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Run 'mta-sts reports --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_config_gives_no_verdict()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", "domain: example.com\nmode: Enforce\nmx: [mx1.example.com]\n");
        WriteCleanFortnight(workspace);
        var run = workspace.Run("reports", "reports", "--config", "mta-sts.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error MTASTS3003", run.Error, StringComparison.Ordinal);
        Assert.Contains("no verdict", run.Error, StringComparison.Ordinal);
    }
}
