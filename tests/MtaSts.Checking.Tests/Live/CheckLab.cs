using System.Globalization;

namespace MtaSts.Checking.Tests.Live;

/// <summary>
/// build/check-lab.sh, once for the test class: one network namespace with Knot DNS serving <c>example.</c>, the policy
/// hosts of every scenario on one HTTPS server, the web generator on Kestrel for its own domain, and Debian's postfix as
/// the MX hosts (an smtpd per MX address, each with its own certificate). Scenarios are subdomains served at once.
/// <see cref="CheckAsync"/> runs the real <c>mta-sts</c> tool inside the namespace. Dispose stops every process and
/// removes the namespace.
/// </summary>
public sealed class CheckLab : IAsyncLifetime
{
    private static int count;

    public CheckLab()
    {
        Namespace = $"mtasts-chk-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref count).ToString(CultureInfo.InvariantCulture)}";
        WorkDirectory = Path.Combine(Path.GetTempPath(), Namespace);
    }

    public string Namespace { get; }

    public string WorkDirectory { get; }

    public string CertificateAuthority => Path.Combine(WorkDirectory, "ca", "ca.crt");

    /// <summary>
    /// The web generator as built next to these tests (same configuration): a real ASP.NET Core site whose policy
    /// endpoint and zone snippet MtaSts.Build generated from src/MtaSts.Web/mta-sts.yaml.
    /// </summary>
    public static string KestrelSite => Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "MtaSts.Web",
        Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)));

    public static string KestrelSiteConfig => Path.Combine(RepositoryRoot.Path, "src", "MtaSts.Web", "mta-sts.yaml");

    /// <summary>The mta-sts.yaml whose policy the drift scenario served before it was edited.</summary>
    public string DriftConfig => Path.Combine(WorkDirectory, "policies", "drift.yaml");

    public string SetupLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Verify();
        // --lifetime: should this process die without DisposeAsync, the lab's servers stop by themselves within 15 min.
        var up = await Script("up", "--kestrel-site", KestrelSite, "--kestrel-dll", "MtaSts.Web.dll", "--lifetime", "900");
        SetupLog = up.Output;
        if (!up.Succeeded)
        {
            await DisposeAsync();
            throw new InvalidOperationException(up.Describe());
        }

        StartScenarios();
    }

    public async Task DisposeAsync()
    {
        // Nothing may still run in the namespace when it goes.
        await Task.WhenAll(runs.Values.Where(run => run.IsValueCreated).Select(run => run.Value));
        var down = await Script("down");
        if (!down.Succeeded)
        {
            throw new InvalidOperationException(down.Describe());
        }
    }

    /// <summary>
    /// <c>mta-sts check ARGS --dns-server 127.0.0.1 --ca-file CA</c> inside the namespace, bounded to a minute. The
    /// same arguments run once per class: scenarios are read-only, so tests share the result.
    /// </summary>
    public Task<CommandResult> CheckAsync(params string[] arguments) =>
        runs.GetOrAdd(string.Join('\u0001', arguments), _ => new Lazy<Task<CommandResult>>(() => RunCheckAsync(arguments))).Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<CommandResult>>> runs = new();

    /// <summary>At most three checks at once: each is a process that mostly waits, but starts on a shared 2-core machine.</summary>
    private readonly SemaphoreSlim slots = new(3);

    private Task<CommandResult> RunCheckAsync(string[] arguments) =>
        RunToolAsync(["check", .. arguments, "--dns-server", "127.0.0.1", "--ca-file", CertificateAuthority, "--timeout", "10"]);

    /// <summary>
    /// <c>mta-sts init --from-dns DOMAIN --dns-server 127.0.0.1 --ca-file CA -o OUTPUT</c> inside the namespace, the
    /// way <see cref="CheckAsync"/> runs check (not shared: it writes a file).
    /// </summary>
    public Task<CommandResult> InitFromDnsAsync(string domain, string output) =>
        RunToolAsync(["init", "--from-dns", domain, "--dns-server", "127.0.0.1", "--ca-file", CertificateAuthority, "-o", output]);

    private async Task<CommandResult> RunToolAsync(string[] arguments)
    {
        await slots.WaitAsync();
        try
        {
            return await Command.RunAsync(
                "ip",
                ["netns", "exec", Namespace, "dotnet", Path.Combine(AppContext.BaseDirectory, "mta-sts.dll"), .. arguments],
                AppContext.BaseDirectory,
                timeout: TimeSpan.FromMinutes(1));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Starts the checks of every scenario without --config at once when the lab is up, so the tests, which xunit runs
    /// one after the other, mostly find their result waiting. A test with other arguments runs its own.
    /// </summary>
    private void StartScenarios()
    {
        string[] domains =
        [
            "healthy", "notxt", "twotxt", "cname", "redirect", "html", "wrongcert", "expired", "big", "uncovered",
            "uncoveredtesting", "stale", "nostarttls", "mxwrongname", "selfsigned", "mxexpired", "mxbrokenkey", "mxoldtls", "closed", "caa",
        ];
        foreach (var domain in domains)
        {
            _ = CheckAsync(domain + ".example");
        }
    }

    private Task<CommandResult> Script(string command, params string[] options) =>
        CheckLabScript.RunAsync(command, Namespace, WorkDirectory, options);

    /// <summary>Missing pieces fail with how to get them; the live tests never skip.</summary>
    private static void Verify()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            problems.Add("the live check tests need Linux and root (network namespaces, ports 25, 53, 443)");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).ToList();
        var missing = new[] { "ip", "knotd", "kdig", "openssl", "curl", "python3", "postconf", "timeout", "setpriv" }
            .Where(tool => !path.Any(directory => File.Exists(Path.Combine(directory, tool))))
            .ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing {string.Join(", ", missing)}: run build/prerequisites.sh");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Live check tests cannot run: " + string.Join("; ", problems) + ".");
        }
    }
}
