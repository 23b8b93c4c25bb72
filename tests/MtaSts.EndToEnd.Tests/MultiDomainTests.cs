using System.Net;
using System.Text.RegularExpressions;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// Many mail domains from one mta-sts.yaml (<c>defaults:</c> + <c>domains:</c>), on the packed package: one site is
/// built and published once for the class. Three domains, two of them (one an IDN) sharing a policy and one with a
/// policy of its own, so the build warns once that no single static file fits every host, and the endpoint serves each
/// Policy Host (RFC 8461 §3.3: <c>mta-sts.&lt;domain&gt;</c>) its own bytes. Each domain is its own DNS zone, so each
/// gets its own snippet under <c>$(OutDir)mta-sts/</c>, named by its A-label.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class MultiDomainTests(MultiDomainTests.Site site) : IClassFixture<MultiDomainTests.Site>
{
    private const string WellKnownPath = "/.well-known/mta-sts.txt";
    private const string PoliciesDiffer = "MTASTS5007";

    /// <summary>The configuration the interop tests use too (<see cref="MultiDomainConfig"/>).</summary>
    public const string Config = MultiDomainConfig.Yaml;

    /// <summary>Each domain as DNS carries it, its policy text, mode and TLS-RPT record.</summary>
    public static readonly (string Domain, string PolicyText, string Mode, string TlsRpt)[] Domains =
        [.. MultiDomainConfig.Domains.Select(d => (d.Domain, d.PolicyText, d.Mode, d.TlsRpt))];

    public static TheoryData<string> DomainNames() => new(Domains.Select(d => d.Domain));

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public const string Name = "Contoso.Multi";

        public WebProject Project { get; private set; } = null!;

        public CommandResult Build { get; private set; } = null!;

        public CommandResult Publish { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, Name, Config);
            Build = await Project.BuildAsync();
            Assert.True(Build.Succeeded, Build.Describe());
            Publish = await Project.PublishAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;

        /// <summary>The snippet of one domain: <c>$(OutDir)mta-sts/&lt;A-label&gt;.zone</c>.</summary>
        public string ZoneFile(string domain) => Path.Combine(Project.OutputDirectory(), "mta-sts", domain + ".zone");

        /// <summary>As `dotnet run` would: Development, the project folder as content root.</summary>
        public Task<RunningSite> StartBuiltAsync() =>
            RunningSite.StartAsync(Path.Combine(Project.OutputDirectory(), Name + ".dll"), Project.Directory, "Development");

        /// <summary>As deployed: Production, the publish folder as content root.</summary>
        public Task<RunningSite> StartPublishedAsync() =>
            RunningSite.StartAsync(Path.Combine(Project.PublishDirectory, Name + ".dll"), Project.PublishDirectory, "Production");
    }

    [Fact]
    public void The_build_warns_once_that_the_domains_policies_differ()
    {
        var warnings = BuildLog.Warnings(site.Build);
        Assert.True(warnings.Count(w => w.Code == PoliciesDiffer) == 1, site.Build.Describe());
        Assert.True(BuildLog.WarningCount(site.Build) == 1, site.Build.Describe());
        Assert.Equal(0, BuildLog.ErrorCount(site.Build));
    }

    [Fact]
    public void The_build_summary_names_the_number_of_domains_and_where_the_snippets_are()
    {
        var summary = site.Build.Lines.Where(line => line.StartsWith("MtaSts:", StringComparison.Ordinal)).Distinct().ToList();
        var line = Assert.Single(summary);
        Assert.Contains("3 domains", line);
        Assert.Matches(SnippetDirectory(), line);
        // Rollout per domain: each domain's mode is in the summary.
        Assert.Contains("testing", line);
        Assert.Contains("enforce", line);
    }

    [Fact]
    public void No_shared_static_policy_file_is_written_when_the_policies_differ()
    {
        // Served to every host, one file would give two of the domains a policy that is not theirs.
        Assert.False(File.Exists(site.Project.PolicyFile), $"{site.Project.PolicyFile} was written.");
    }

    [Theory]
    [MemberData(nameof(DomainNames))]
    public async Task Each_domain_gets_its_own_zone_snippet_that_bind_and_knot_load(string domain)
    {
        var (_, policyText, mode, tlsRpt) = Domains.Single(d => d.Domain == domain);
        var zone = site.ZoneFile(domain);
        Assert.True(File.Exists(zone), $"{zone} does not exist; {Path.GetDirectoryName(zone)} has: {string.Join(", ", Directory.Exists(Path.GetDirectoryName(zone)) ? Directory.GetFiles(Path.GetDirectoryName(zone)!).Select(Path.GetFileName) : [])}");
        var snippet = File.ReadAllText(zone);

        // BIND reads exactly this domain's two records, the id following this domain's policy text.
        var records = await NamedCheckZone.TxtRecordsAsync(snippet, domain);
        Assert.Equal(
            [($"_mta-sts.{domain}.", Policies.StsRecord(policyText)), ($"_smtp._tls.{domain}.", tlsRpt)],
            records.Select(r => (r.Owner, r.Value)).Order());

        // Knot's zone loader (kzonecheck: the parser and semantic checks knotd loads a zone with) takes it too.
        await KzoneCheckAsync(snippet, domain);

        // Rollout per domain: the snippet's comments say this domain's mode.
        Assert.Contains(snippet.Split('\n'), l => l.TrimStart().StartsWith(';') && l.Contains(mode, StringComparison.Ordinal));
    }

    [Fact]
    public void The_single_domain_zone_file_is_not_written()
    {
        Assert.False(File.Exists(site.Project.ZoneFile()), $"{site.Project.ZoneFile()} was written for a multi-domain configuration.");
        Assert.Equal(
            Domains.Select(d => d.Domain + ".zone").Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(site.Project.OutputDirectory(), "mta-sts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_built_site_serves_each_policy_host_its_own_bytes_and_falls_through_for_others()
    {
        await using var running = await site.StartBuiltAsync();
        await AssertServesEveryDomainAsync(running);
    }

    [Fact]
    public async Task The_published_site_serves_each_policy_host_its_own_bytes_and_falls_through_for_others()
    {
        Assert.True(site.Publish.Succeeded, site.Publish.Describe());
        await using var running = await site.StartPublishedAsync();
        await AssertServesEveryDomainAsync(running);
    }

    [Fact]
    public void Publish_succeeds_once_with_only_the_policies_differ_warning()
    {
        // No duplicate static web asset (NETSDK1152 and friends are errors), nothing but the one warning.
        Assert.True(site.Publish.Succeeded, site.Publish.Describe());
        Assert.Equal(0, BuildLog.ErrorCount(site.Publish));
        Assert.True(BuildLog.Warnings(site.Publish).Select(w => w.Code).SequenceEqual([PoliciesDiffer]), site.Publish.Describe());
        Assert.DoesNotContain("NETSDK1152", site.Publish.Output);
        var published = Directory.EnumerateFiles(site.Project.PublishDirectory, "mta-sts.txt", SearchOption.AllDirectories).ToList();
        Assert.True(published.Count == 0, "A shared policy file was published: " + string.Join(", ", published));
        var assemblies = Directory.EnumerateFiles(site.Project.PublishDirectory, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal([Site.Name + ".dll", "MtaSts.AspNetCore.dll"], assemblies);
    }

    private static readonly (string, string)[][] AcceptEncodings = [[], [("Accept-Encoding", "gzip, br, zstd")]];

    private static async Task AssertServesEveryDomainAsync(RunningSite running)
    {
        foreach (var (domain, policyText, _, _) in Domains)
        {
            var bytes = Policies.Bytes(policyText);
            foreach (var host in new[] { "mta-sts." + domain, "MTA-STS." + domain.ToUpperInvariant() + ":443" })
            {
                foreach (var acceptEncoding in AcceptEncodings)
                {
                    var get = await running.GetAsync(host, WellKnownPath, acceptEncoding);
                    var head = await running.SendAsync(HttpMethod.Head, host, WellKnownPath, acceptEncoding);
                    foreach (var (method, response) in new[] { ("GET", get), ("HEAD", head) })
                    {
                        var what = $"{method} {host}{WellKnownPath} ({(acceptEncoding.Length == 0 ? "no Accept-Encoding" : acceptEncoding[0].Item2)})";
                        Assert.True(response.Status == HttpStatusCode.OK, $"{what}: {(int)response.Status} {response.Location}\n{running.Output}");
                        Assert.Null(response.Location);
                        Assert.Equal("text/plain", response.Header("Content-Type"));
                        Assert.Equal(bytes.Length, response.ContentLength);
                        Assert.True(response.Header("Content-Encoding") is null, $"{what}: Content-Encoding {response.Header("Content-Encoding")}");
                    }

                    Assert.True(bytes.AsSpan().SequenceEqual(get.Body), $"mta-sts.{domain} got:\n{get.BodyText}");
                    Assert.Empty(head.Body);
                }
            }
        }

        // A host that is no configured domain's Policy Host falls through to the rest of the app.
        foreach (var host in new[] { "mta-sts.unknown.example", "www.contoso.example", "mta-sts.mta-sts.contoso.example", "contoso.example" })
        {
            var response = await running.GetAsync(host, WellKnownPath);
            Assert.True(response.Status == HttpStatusCode.NotFound, $"{host}: {(int)response.Status}\n{response.BodyText}");
        }

        Assert.Equal(Site.Name, (await running.GetAsync("mta-sts.unknown.example", "/")).BodyText);
    }

    /// <summary>Knot's kzonecheck on a zone of <paramref name="origin"/> that <c>$INCLUDE</c>s the snippet unchanged.</summary>
    private static async Task KzoneCheckAsync(string snippet, string origin)
    {
        var directory = Directory.CreateTempSubdirectory("mtasts-kzonecheck-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "snippet"), snippet);
            var zone = Path.Combine(directory, "zone");
            File.WriteAllText(zone,
                $"$ORIGIN {origin}.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n$INCLUDE {Path.Combine(directory, "snippet")}\n");
            var check = await Command.RunAsync("kzonecheck", ["-o", origin + ".", zone], directory, timeout: TimeSpan.FromSeconds(30));
            Assert.True(check.Succeeded, "kzonecheck refused the snippet:\n" + check.Describe() + "\n" + snippet);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"net10\.0/mta-sts(/|\b)(?!\.zone)")]
    private static partial Regex SnippetDirectory();
}
