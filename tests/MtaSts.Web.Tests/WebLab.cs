using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace MtaSts.Web.Tests;

/// <summary>
/// build/check-lab.sh's network namespace (Knot DNS for <c>example.</c>, the HTTPS policy hosts with a throwaway CA,
/// postfix as the MX hosts, the SSRF targets with their connection log), the web app run inside it twice as an
/// operator runs it (<c>dotnet MtaSts.Web.dll</c> with settings in environment variables): with private targets
/// allowed (an internal deployment) and with the defaults (public addresses only), and Chromium started inside the
/// namespace so the pages are driven as a visitor's browser would. Dispose stops all of it and removes the namespace.
/// </summary>
public sealed class WebLab : IAsyncLifetime
{
    public const string Internal = "http://127.0.0.1:8080";
    public const string Public = "http://127.0.0.1:8081";

    private static int count;
    private readonly List<Process> sites = [];
    private IPlaywright? playwright;

    public WebLab()
    {
        Namespace = $"mtasts-web-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref count).ToString(CultureInfo.InvariantCulture)}";
        WorkDirectory = Path.Combine(Path.GetTempPath(), Namespace);
    }

    public string Namespace { get; }

    public string WorkDirectory { get; }

    public string CertificateAuthority => Path.Combine(WorkDirectory, "ca", "ca.crt");

    public string ConnectionLog => Path.Combine(WorkDirectory, "logs", "ssrf-connections.log");

    public IBrowser Chromium { get; private set; } = null!;

    private static string Site => Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "MtaSts.Web",
        Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)));

    public async Task InitializeAsync()
    {
        Assert.True(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess, "the web lab tests need Linux and root (network namespaces)");
        var up = await Script("up", "--lifetime", "900");
        Assert.True(up.Succeeded, up.Describe());

        var common = new Dictionary<string, string>
        {
            ["Check__DnsServer"] = "127.0.0.1",
            ["Check__CaFile"] = CertificateAuthority,
            ["Check__TimeoutSeconds"] = "10",
            // The operator turned SMTP probes on in both: only the address policy keeps the public one off private MX hosts.
            ["Check__ProbeSmtp"] = "true",
            ["RateLimit__PerClientPermits"] = "1000",
            ["RateLimit__GlobalPermits"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        StartSite("internal", Internal, new(common) { ["Check__AllowPrivateTargets"] = "true" });
        StartSite("public", Public, common);
        foreach (var url in new[] { Internal, Public })
        {
            var deadline = Stopwatch.StartNew();
            while (!(await InNamespace("curl", "-sf", "-o", "/dev/null", "--max-time", "2", url + "/check")).Succeeded)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"the web app at {url} does not answer in {Namespace}");
                await Task.Delay(250);
            }
        }

        // Chromium inside the namespace: Playwright talks to it over a pipe, so it reaches 127.0.0.1:8080 there.
        var launcher = Path.Combine(WorkDirectory, "chromium-in-namespace.sh");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec ip netns exec {Namespace} {Browser.ChromiumPath} \"$@\"\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        (playwright, Chromium) = await Browser.LaunchAsync(launcher);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
        foreach (var site in sites)
        {
            if (!site.HasExited)
            {
                site.Kill(entireProcessTree: true);
            }

            await site.WaitForExitAsync();
            site.Dispose();
        }

        var down = await Script("down");
        Assert.True(down.Succeeded, down.Describe());
    }

    /// <summary>A command inside the namespace, bounded to a minute.</summary>
    public Task<CommandResult> InNamespace(params string[] command) =>
        Command.RunAsync("ip", ["netns", "exec", Namespace, .. command], WorkDirectory, timeout: TimeSpan.FromMinutes(1));

    /// <summary><c>mta-sts check DOMAIN --format json</c> inside the namespace, with the lab's DNS server and CA.</summary>
    public Task<CommandResult> CliCheckAsync(string domain, params string[] options) =>
        InNamespace(["dotnet", Path.Combine(AppContext.BaseDirectory, "mta-sts.dll"), "check", domain, "--format", "json",
            "--dns-server", "127.0.0.1", "--ca-file", CertificateAuthority, "--timeout", "10", .. options]);

    /// <summary>GET a page of one of the two sites from inside the namespace (curl), body only.</summary>
    public async Task<string> GetAsync(string url)
    {
        var result = await InNamespace("curl", "-s", "--max-time", "50", url);
        Assert.True(result.Succeeded, result.Describe());
        return result.StandardOutput;
    }

    private void StartSite(string name, string url, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("ip") { WorkingDirectory = Site, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", Namespace, "timeout", "-k", "5", "900", "dotnet", "MtaSts.Web.dll", "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        var process = Process.Start(start)!;
        var log = Path.Combine(WorkDirectory, "logs", $"web-{name}.log");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sites) { File.AppendAllText(log, e.Data + "\n"); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sites) { File.AppendAllText(log, e.Data + "\n"); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        sites.Add(process);
    }

    private Task<CommandResult> Script(string command, params string[] options) =>
        CheckLabScript.RunAsync(command, Namespace, WorkDirectory, options);
}
