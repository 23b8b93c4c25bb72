using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MtaSts.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The MTA-STS health check as a user runs it: a site built from the local feed with MtaSts.AspNetCore and
/// MtaSts.AspNetCore.HealthChecks (<c>AddHealthChecks().AddMtaSts()</c>, options bound from configuration), on real
/// Kestrel over HTTPS inside the network namespace of build/check-lab.sh: Knot serves its domains' records (the build's
/// zone snippets), the site is its own Policy Host (a certificate from the lab's throwaway CA), postfix is the MX host,
/// probed for STARTTLS. Each step edits the zone in Knot (or restarts the site with another certificate) and reads
/// <c>/healthz</c> until the status follows, within a bound: the cache interval is 1 s.
/// Two domains: hce.example in enforce, hct.example in testing, both with a TLS-RPT record.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "postfix")]
public sealed partial class HealthCheckLabTests(PackagedMtaStsBuild package, ITestOutputHelper output)
{
    private const string SiteName = "HealthLab";
    private const string SiteAddress = "127.0.5.1";
    private const string EnforceId = "hce20261206";
    private const string TestingId = "hct20261206";

    private const string Config = """
        defaults:
          mx: [mx1.healthy.example]
          max_age: 1w
          tls_rpt: { rua: [mailto:tlsrpt@healthy.example] }
        domains:
          hce.example: { mode: enforce, id: hce20261206 }
          hct.example: { mode: testing, id: hct20261206 }

        """;

    /// <summary>What a user writes: the generated AddMtaSts(), the health check with options from configuration, a JSON /healthz.</summary>
    private const string Program = """
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using MtaSts.AspNetCore.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        builder.Services.AddHealthChecks().AddMtaSts();
        builder.Services.Configure<MtaStsHealthCheckOptions>(MtaStsHealthCheckOptions.DefaultName, builder.Configuration.GetSection("MtaStsHealth"));
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            }),
        });
        app.Run();

        """;

    [Fact]
    public async Task The_health_check_of_a_real_site_follows_the_live_deployment()
    {
        var project = await WebProject.CreateAsync(package, SiteName, Config, Program);
        var add = await project.DotNetAsync("add", ["package", PackagedMtaStsBuild.HealthChecksPackageId, "--version", package.Version], binaryLog: false);
        Assert.True(add.Succeeded, add.Describe());
        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());
        var snippets = string.Join("\n", new[] { "hce.example", "hct.example" }
            .Select(domain => File.ReadAllText(Path.Combine(project.OutputDirectory(), "mta-sts", domain + ".zone"))));
        Assert.Contains($"id={EnforceId};", snippets);

        await using var lab = await Lab.UpAsync(output);
        await lab.MakeCertificateAsync("policy", 90);
        await lab.MakeCertificateAsync("expiring", 10);
        var baseline = $"""
            mta-sts.hce.example. 300 IN A {SiteAddress}
            mta-sts.hct.example. 300 IN A {SiteAddress}
            hce.example. 300 IN MX 10 mx1.healthy.example.
            hct.example. 300 IN MX 10 mx1.healthy.example.
            {snippets}
            """;
        await lab.PublishAsync(baseline);

        var site = await lab.StartSiteAsync(project, "policy");
        try
        {
            // 1. As built: both domains, the fetch of each policy from the site itself, STARTTLS on postfix. The very first
            // answer already: the first check starts once the site listens, and the first request waits for it.
            var healthy = await ReadAsync(lab, site);
            Assert.True(healthy.Status == "Healthy", healthy.Root.ToString());
            Assert.Equal($"MTA-STS is live as built: hce.example (mode enforce, id {EnforceId}); hct.example (mode testing, id {TestingId}).", healthy.Description);
            Assert.Equal(EnforceId, healthy.Domain("hce.example").GetProperty("publishedId").GetString());
            Assert.Contains("10 mx1.healthy.example: would be delivered to under enforce", healthy.Domain("hce.example").GetProperty("mxHosts")[0].GetString());

            // 2. Someone edits the TXT record by hand: id drift, Unhealthy, with the record to publish.
            await lab.PublishAsync(baseline.Replace($"id={EnforceId};", "id=20200101T000000Z;", StringComparison.Ordinal));
            var drift = await WaitForAsync(lab, site, "Unhealthy");
            Assert.StartsWith($"_mta-sts.hce.example: error MTASTS7122: _mta-sts.hce.example publishes id 20200101T000000Z, but this site's build has id {EnforceId}", drift.Description);
            Assert.Contains($"Publish _mta-sts.hce.example TXT \"v=STSv1; id={EnforceId};\"", drift.Description);
            Assert.Equal("Unhealthy", drift.Domain("hce.example").GetProperty("status").GetString());
            Assert.Equal("Healthy", drift.Domain("hct.example").GetProperty("status").GetString());

            // 3. An MX the testing policy does not cover: Degraded (senders deliver and report).
            await lab.PublishAsync(baseline + "hct.example. 300 IN MX 20 mx2.healthy.example.\n");
            var testing = await WaitForAsync(lab, site, "Degraded");
            Assert.StartsWith("mx2.healthy.example: warning MTASTS7051: MX mx2.healthy.example matches no mx pattern of the testing policy", testing.Description);

            // 4. The same MX added to the enforce domain: Unhealthy (senders will not deliver to it).
            await lab.PublishAsync(baseline + "hce.example. 300 IN MX 20 mx2.healthy.example.\n");
            var enforce = await WaitForAsync(lab, site, "Unhealthy");
            Assert.StartsWith("mx2.healthy.example: error MTASTS7050: MX mx2.healthy.example matches no mx pattern of the enforce policy", enforce.Description);

            // 5. Someone edits the _smtp._tls record: reports go elsewhere, mail still flows, so Degraded even under
            // enforce, with the record the build has.
            var elsewhere = baseline.Replace("rua=mailto:tlsrpt@healthy.example", "rua=mailto:tlsrpt@elsewhere.example", StringComparison.Ordinal);
            Assert.NotEqual(baseline, elsewhere);
            await lab.PublishAsync(elsewhere);
            var rpt = await WaitForAsync(lab, site, "Degraded");
            Assert.Matches(@"^_smtp\._tls\.hc[et]\.example: error MTASTS7123: this site's build sends TLS reports to mailto:tlsrpt@healthy\.example, but it publishes rua mailto:tlsrpt@elsewhere\.example\. Publish _smtp\._tls\.hc[et]\.example TXT ""v=TLSRPTv1; rua=mailto:tlsrpt@healthy\.example""", rpt.Description);
            Assert.Equal("Degraded", rpt.Domain("hce.example").GetProperty("status").GetString());

            // 6. Back as built, but the policy host's certificate expires in 10 days: Degraded.
            await lab.PublishAsync(baseline);
            await WaitForAsync(lab, site, "Healthy");
            await site.DisposeAsync();
            site = await lab.StartSiteAsync(project, "expiring");
            var expiring = await ReadAsync(lab, site);
            Assert.True(expiring.Status == "Degraded", expiring.Root.ToString());
            Assert.Matches(@"^mta-sts\.hc[et]\.example: warning MTASTS7030: The certificate of mta-sts\.hc[et]\.example expires on \d{4}-\d\d-\d\d, in (9|10) days\. Renew it in time", expiring.Description);
            Assert.Equal("Degraded", expiring.Domain("hce.example").GetProperty("status").GetString());
        }
        finally
        {
            output.WriteLine(site.Output);
            await site.DisposeAsync();
        }
    }

    /// <summary>Reads /healthz once.</summary>
    private async Task<Health> ReadAsync(Lab lab, RunningSite site)
    {
        var curl = await lab.ExecAsync(["curl", "-sS", "--max-time", "30", new Uri(site.Address, "healthz").ToString()]);
        Assert.True(curl.Succeeded && curl.StandardOutput.StartsWith('{'), curl.Describe() + "\n" + site.Output);
        var health = new Health(JsonDocument.Parse(curl.StandardOutput).RootElement);
        output.WriteLine($"/healthz {health.Status}: {health.Description}");
        return health;
    }

    /// <summary>Reads /healthz every 250 ms until its status is <paramref name="status"/>, at most 60 s.</summary>
    private async Task<Health> WaitForAsync(Lab lab, RunningSite site, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var curl = await lab.ExecAsync(["curl", "-sS", "--max-time", "20", new Uri(site.Address, "healthz").ToString()]);
            last = curl.StandardOutput;
            if (curl.Succeeded && last.StartsWith('{'))
            {
                var health = new Health(JsonDocument.Parse(last).RootElement);
                if (health.Status == status)
                {
                    output.WriteLine($"/healthz {status}: {health.Description}");
                    return health;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/healthz did not become {status} within 60 s; it said: {last}\n{site.Output}");
    }

    private sealed record Health(JsonElement Root)
    {
        private JsonElement Entry => Root.GetProperty("checks").GetProperty("mta-sts");

        public string? Status => Entry.GetProperty("status").GetString();

        public string? Description => Entry.GetProperty("description").GetString();

        public JsonElement Domain(string name) => Entry.GetProperty("data").GetProperty(name);
    }

    /// <summary>build/check-lab.sh in a namespace of this test's own, with the site's records in a file Knot includes.</summary>
    private sealed partial class Lab : IAsyncDisposable
    {
        private readonly ITestOutputHelper output;
        private int serial = 1;

        private Lab(ITestOutputHelper output)
        {
            this.output = output;
            Namespace = "mtasts-hc-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            Work = Path.Combine(Path.GetTempPath(), Namespace);
        }

        public string Namespace { get; }

        public string Work { get; }

        private string ZoneFile => Path.Combine(Work, "zone", "example.zone");

        private string Records => Path.Combine(Work, "zone", "health-lab.inc");

        public static async Task<Lab> UpAsync(ITestOutputHelper output)
        {
            if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            {
                throw new InvalidOperationException("The health check lab needs Linux and root (network namespaces, ports 25, 53, 443); run build/prerequisites.sh as root.");
            }

            var lab = new Lab(output);
            var up = await lab.ScriptAsync("up", "--lifetime", "900");
            if (!up.Succeeded)
            {
                await lab.DisposeAsync();
                throw new InvalidOperationException(up.Describe());
            }

            File.WriteAllText(lab.Records, "");
            File.AppendAllText(lab.ZoneFile, $"$INCLUDE {lab.Records}\n");
            var address = await lab.ExecAsync(["ip", "addr", "add", SiteAddress + "/32", "dev", "lo"]);
            Assert.True(address.Succeeded, address.Describe());
            return lab;
        }

        /// <summary>A certificate for both Policy Hosts from the lab's CA, valid for <paramref name="days"/> days.</summary>
        public async Task MakeCertificateAsync(string name, int days)
        {
            var ca = Path.Combine(Work, "ca");
            var result = await Command.RunAsync("bash", ["-c", $"""
                set -e
                openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=mta-sts.hce.example -keyout {name}-hc.key -out {name}-hc.csr 2>/dev/null
                printf 'subjectAltName=DNS:mta-sts.hce.example,DNS:mta-sts.hct.example\nextendedKeyUsage=serverAuth\n' > {name}-hc.ext
                openssl x509 -req -in {name}-hc.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days {days} -extfile {name}-hc.ext -out {name}-hc.crt 2>/dev/null
                """], ca, timeout: TimeSpan.FromSeconds(30));
            Assert.True(result.Succeeded, result.Describe());
        }

        /// <summary>Replaces the site's records and has Knot load them (a new SOA serial), then waits until it serves them.</summary>
        public async Task PublishAsync(string records)
        {
            File.WriteAllText(Records, records + "\n");
            serial++;
            File.WriteAllText(ZoneFile, SoaSerial().Replace(File.ReadAllText(ZoneFile), $"( {serial} 3600", 1));
            var reload = await Command.RunAsync("knotc", ["-c", Path.Combine(Work, "knot.conf"), "zone-reload", "example."], Work, CheckLabScript.SbinPath, TimeSpan.FromSeconds(30));
            Assert.True(reload.Succeeded, reload.Describe());
            for (var i = 0; i < 100; i++)
            {
                var soa = await ExecAsync(["kdig", "@127.0.0.1", "+short", "+timeout=1", "SOA", "example."]);
                if (soa.StandardOutput.Contains($" {serial} ", StringComparison.Ordinal))
                {
                    return;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"Knot does not serve serial {serial} after 10 s.");
        }

        /// <summary>
        /// The site on Kestrel inside the namespace: HTTPS on 443 with the certificate <paramref name="certificate"/> (the
        /// Policy Host), plain HTTP on a loopback port for /healthz; the health check asks Knot, trusts the lab CA,
        /// probes postfix for STARTTLS and caches for 1 s.
        /// </summary>
        public Task<RunningSite> StartSiteAsync(WebProject project, string certificate) =>
            RunningSite.StartProcessAsync(
                "ip",
                ["netns", "exec", Namespace, "dotnet", Path.Combine(project.OutputDirectory(), SiteName + ".dll"), "--urls", $"https://{SiteAddress}:443;{RunningSite.AnyLoopbackPort}"],
                project.Directory,
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Kestrel__Certificates__Default__Path"] = Path.Combine(Work, "ca", certificate + "-hc.crt"),
                    ["Kestrel__Certificates__Default__KeyPath"] = Path.Combine(Work, "ca", certificate + "-hc.key"),
                    ["MtaStsHealth__DnsServers__0"] = "127.0.0.1",
                    ["MtaStsHealth__TrustAnchorsFile"] = Path.Combine(Work, "ca", "ca.crt"),
                    ["MtaStsHealth__CacheInterval"] = "00:00:01",
                    ["MtaStsHealth__Timeout"] = "00:00:20",
                    ["MtaStsHealth__ProbeMxStartTls"] = "true",
                },
                TimeSpan.FromSeconds(60));

        public Task<CommandResult> ExecAsync(string[] command) =>
            Command.RunAsync("ip", ["netns", "exec", Namespace, .. command], Work, timeout: TimeSpan.FromSeconds(30));

        public async ValueTask DisposeAsync()
        {
            var down = await ScriptAsync("down");
            output.WriteLine(down.Output);
        }

        private Task<CommandResult> ScriptAsync(string command, params string[] options) =>
            CheckLabScript.RunAsync(command, Namespace, Work, options);

        [GeneratedRegex(@"\( \d+ 3600")]
        private static partial Regex SoaSerial();
    }
}
