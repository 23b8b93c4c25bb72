using System.Globalization;

namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>
/// build/interop.sh driven from a test: one network namespace with Knot DNS, the site under test on HTTPS and
/// mta-sts-query. Every call is the command line a user would type (written to the test output). Dispose runs
/// <c>down</c>, which stops every process by its id and removes the namespace, and then checks that nothing is left.
/// </summary>
public sealed class InteropNetwork : IAsyncDisposable
{
    private static int count;
    private readonly ITestOutputHelper output;
    private bool up;

    private InteropNetwork(ITestOutputHelper output, string workRoot)
    {
        this.output = output;
        Namespace = NewNamespaceName();
        WorkDirectory = Path.Combine(workRoot, Namespace);
    }

    public string Namespace { get; }

    public string WorkDirectory { get; }

    /// <summary>The test certificate authority, trusted by the client (and by nothing else).</summary>
    public string CertificateAuthority => Path.Combine(WorkDirectory, "ca", "ca.crt");

    /// <summary>
    /// A namespace name no other run on this machine uses: process id and a counter, after <c>mtasts-it</c> or the
    /// prefix in <c>MTASTS_INTEROP_NS_PREFIX</c> (so that people sharing a machine can tell their namespaces apart).
    /// </summary>
    public static string NewNamespaceName() =>
        $"{NamespacePrefix}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref count).ToString(CultureInfo.InvariantCulture)}";

    private static string NamespacePrefix =>
        Environment.GetEnvironmentVariable("MTASTS_INTEROP_NS_PREFIX") is { Length: > 0 and <= 16 } prefix ? prefix : "mtasts-it";

    /// <summary><c>build/interop.sh up</c> with the site started by <paramref name="siteCommand"/> from <paramref name="siteDirectory"/>.</summary>
    public static Task<InteropNetwork> UpAsync(ITestOutputHelper output, string workRoot, string domain, string zoneSnippet, string siteCommand, string siteDirectory) =>
        UpAsync(output, workRoot, [(domain, zoneSnippet)], siteCommand, siteDirectory);

    /// <summary>
    /// <c>build/interop.sh up</c> for many domains served by one site (the multi-domain form): a zone in Knot for each
    /// domain with its own snippet, one certificate for every <c>mta-sts.&lt;domain&gt;</c>.
    /// </summary>
    public static async Task<InteropNetwork> UpAsync(ITestOutputHelper output, string workRoot, IReadOnlyList<(string Domain, string ZoneSnippet)> domains, string siteCommand, string siteDirectory)
    {
        var network = new InteropNetwork(output, workRoot);
        try
        {
            network.up = true;
            // Owned by this test process: if it is killed before down, the next run's prune takes the namespace down.
            string[] up =
            [
                "up", "--owner-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                .. domains.SelectMany(d => new[] { "--domain", d.Domain, "--zone-snippet", d.ZoneSnippet }),
                "--site", siteCommand, "--site-dir", siteDirectory,
            ];
            await network.RunAsync(up);
            return network;
        }
        catch
        {
            try
            {
                await network.DisposeAsync();
            }
            catch (Exception cleanup)
            {
                output.WriteLine($"cleanup after the failed up also failed: {cleanup.Message}");
            }

            throw;
        }
    }

    /// <summary>Restarts the site (after a new build was published to <paramref name="siteDirectory"/>).</summary>
    public Task RestartSiteAsync(string siteCommand, string siteDirectory) =>
        RunAsync("restart-site", "--site", siteCommand, "--site-dir", siteDirectory);

    /// <summary>Checks the (rebuilt) zone snippet again, raises the serial and has Knot reload the zone.</summary>
    public Task ReloadZoneAsync() => RunAsync("reload-zone");

    /// <summary><c>mta-sts-query DOMAIN [KNOWN_ID]</c> inside the namespace, parsed.</summary>
    public async Task<StsQueryResult> QueryAsync(string domain, string? knownId = null)
    {
        var result = await RunAsync(["query", domain, .. knownId is null ? Array.Empty<string>() : [knownId]]);
        return StsQueryResult.Parse(result.StandardOutput);
    }

    /// <summary>The TXT record values Knot serves for <paramref name="name"/> (<c>kdig +short</c>, strings joined).</summary>
    public async Task<IReadOnlyList<string>> TxtAsync(string name)
    {
        var result = await RunAsync("dig", "+short", name, "TXT");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ZoneSnippet.JoinStrings)
            .ToList();
    }

    public async Task<string> LogsAsync() => (await RunAsync("logs")).Output;

    public async ValueTask DisposeAsync()
    {
        if (!up)
        {
            return;
        }

        up = false;
        var down = await Script.RunAsync(output, ["down", "--ns", Namespace, "--work", WorkDirectory]);
        Assert.True(down.Succeeded, down.Describe());
        await AssertGoneAsync(output, Namespace);
        Assert.False(Directory.Exists(WorkDirectory), $"{WorkDirectory} is still there after down.");
    }

    /// <summary>No namespace of that name, no resolver files for it, no process left in it.</summary>
    public static async Task AssertGoneAsync(ITestOutputHelper output, string name)
    {
        var list = await Command.RunAsync("ip", ["netns", "list"], "/");
        Assert.True(list.Succeeded, list.Describe());
        Assert.DoesNotContain(name, list.StandardOutput.Split('\n').Select(line => line.Split(' ')[0]));
        Assert.False(Directory.Exists(Path.Combine("/etc/netns", name)), $"/etc/netns/{name} is still there.");
        output.WriteLine($"namespace {name} is gone");
    }

    private Task<CommandResult> RunAsync(params string[] arguments) => RunAsync((IEnumerable<string>)arguments);

    private async Task<CommandResult> RunAsync(IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        // Options first, then the command's own arguments (query DOMAIN ID, dig ARGS).
        string[] all = [list[0], "--ns", Namespace, "--work", WorkDirectory, .. list.Skip(1)];
        var result = await Script.RunAsync(output, all);
        if (!result.Succeeded)
        {
            var logs = list[0] == "logs" ? "" : "\n" + (await Script.RunAsync(output, ["logs", "--ns", Namespace, "--work", WorkDirectory])).Output;
            Assert.Fail(result.Describe() + logs);
        }

        return result;
    }
}

/// <summary>Runs build/interop.sh and writes the command line and its output to the test output.</summary>
public static class Script
{
    public static async Task<CommandResult> RunAsync(ITestOutputHelper output, IEnumerable<string> arguments)
    {
        var result = await RunAsync(arguments);
        output.WriteLine($"$ {result.CommandLine}   # exit {result.ExitCode}, {result.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(result.Output.TrimEnd());
        return result;
    }

    /// <summary>The same, for a fixture, which has no test output.</summary>
    public static Task<CommandResult> RunAsync(IEnumerable<string> arguments) =>
        Command.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build", "interop.sh"), .. arguments],
            RepositoryRoot.Path,
            new Dictionary<string, string?> { ["PATH"] = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin" },
            TimeSpan.FromMinutes(3));
}
