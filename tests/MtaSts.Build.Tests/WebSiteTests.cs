using System.Net;
using System.Text.Json;
using Microsoft.Build.Framework;

namespace MtaSts.Build.Tests;

/// <summary>One ASP.NET Core site, restored and built once from scratch (no policy file yet).</summary>
public sealed class WebSiteFixture : IDisposable
{
    public const string Config = TestFiles.Valid + "\ntls_rpt:\n  rua: [mailto:tls@example.com]\n";

    public WebSiteFixture()
    {
        Site = TestProject.Web(Config);
        Site.Restore();
        FirstBuild = Site.BuildSucceeded();
    }

    internal TestProject Site { get; }

    internal BuildOutcome FirstBuild { get; }

    public byte[] PolicyBytes { get; } = TestFiles.Deploy(Config).Policy.ToBytes();

    public void Dispose() => Site.Dispose();
}

/// <summary>
/// The issue's promise for web projects: the policy file is part of the app on the very first build, served as
/// text/plain, published once, and MapMtaStsPolicy answers for the policy host only.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class WebSiteTests(WebSiteFixture fixture) : IClassFixture<WebSiteFixture>
{
    private TestProject Site => fixture.Site;

    [Fact]
    public void The_first_build_writes_the_policy_file_into_wwwroot_and_the_zone_snippet_beside_the_app()
    {
        Assert.Equal(fixture.PolicyBytes, File.ReadAllBytes(Site.File("wwwroot/.well-known/mta-sts.txt")));
        Assert.Contains("_mta-sts.example.com. 3600 IN TXT", File.ReadAllText(Site.File("bin/Debug/net10.0/mta-sts.zone")));
        Assert.Empty(fixture.FirstBuild.Warnings);
    }

    [Fact]
    public void The_first_build_logs_one_high_importance_line_with_where_to_find_what()
    {
        var summary = Assert.Single(fixture.FirstBuild.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("MtaSts:", StringComparison.Ordinal));

        Assert.StartsWith("MtaSts: policy for example.com (mode testing, id ", summary.Message);
        Assert.Contains($"-> {Path.Combine("wwwroot", ".well-known", "mta-sts.txt")}; publish the DNS records in {Path.Combine("bin", "Debug", "net10.0", "mta-sts.zone")}: _mta-sts.example.com TXT \"v=STSv1; id=", summary.Message);
    }

    [Fact]
    public void On_the_first_build_the_policy_file_is_a_static_web_asset_served_as_text_plain_once()
    {
        var endpoints = PolicyEndpoints();

        var endpoint = Assert.Single(endpoints);
        Assert.Contains(endpoint.GetProperty("ResponseHeaders").EnumerateArray(), header =>
            header.GetProperty("Name").GetString() == "Content-Type" && header.GetProperty("Value").GetString() == "text/plain");
    }

    [Fact]
    public void The_policy_file_is_never_compressed_by_the_static_web_assets()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Site.File("bin/Debug/net10.0/Site.staticwebassets.endpoints.json")));
        var routes = manifest.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("AssetFile").GetString()!.Replace('\\', '/').Contains(".well-known/mta-sts.txt", StringComparison.Ordinal)
                || e.GetProperty("Route").GetString()!.StartsWith(".well-known/mta-sts", StringComparison.Ordinal))
            .ToList();

        // The file itself (plain and fingerprinted route), with no .gz/.br alternative and no Content-Encoding selector.
        Assert.NotEmpty(routes);
        Assert.All(routes, endpoint =>
        {
            Assert.Equal(".well-known/mta-sts.txt", endpoint.GetProperty("AssetFile").GetString()!.Replace('\\', '/'));
            Assert.Empty(endpoint.GetProperty("Selectors").EnumerateArray());
        });
        Assert.True(File.Exists(Site.File("wwwroot/.well-known/mta-sts.txt")));
        Assert.Empty(Directory.GetFiles(Site.File("obj"), "*mta-sts*.gz", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_no_op_build_generates_nothing_and_warns_about_nothing()
    {
        var second = Site.BuildSucceeded();

        Assert.False(second.Ran(nameof(GenerateMtaStsFiles)));
        Assert.Empty(second.Warnings);
        Assert.Single(PolicyEndpoints());
    }

    [Fact]
    public void Publish_contains_the_policy_file_exactly_once()
    {
        using var publish = new TempDirectory();

        Site.BuildSucceeded(new Dictionary<string, string> { ["PublishDir"] = publish.Path + Path.DirectorySeparatorChar }, "Publish");

        var published = Directory.GetFiles(publish.Path, "mta-sts.txt", SearchOption.AllDirectories);
        Assert.Equal([publish.File("wwwroot/.well-known/mta-sts.txt")], published);
        Assert.Equal(fixture.PolicyBytes, File.ReadAllBytes(published[0]));
        Assert.False(File.Exists(publish.File("mta-sts.zone")));
    }

    [Fact]
    public async Task The_site_serves_the_policy_for_the_policy_host_and_leaves_other_hosts_to_the_app()
    {
        await using var site = await RunningSite.StartAsync(Site.File("bin/Debug/net10.0/Site.dll"), Site.Directory);

        // The generated endpoint: exact bytes, text/plain, no redirect, for the policy host on any port.
        var get = await site.GetAsync("mta-sts.example.com", "/.well-known/mta-sts.txt", ("Accept-Encoding", "gzip, br"));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal("text/plain", get.Header("Content-Type"));
        Assert.Equal(fixture.PolicyBytes, get.Body);
        Assert.Null(get.Header("Content-Encoding"));
        Assert.Null(get.Header("ETag")); // not MapStaticAssets' copy

        var head = await site.SendAsync(HttpMethod.Head, "MTA-STS.example.com:8443", "/.well-known/mta-sts.txt");
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal(fixture.PolicyBytes.Length, head.ContentLength);
        Assert.Empty(head.Body);

        // Other hosts and other paths go on to the rest of the app.
        var otherHost = await site.GetAsync("www.example.com", "/.well-known/mta-sts.txt");
        Assert.Equal(HttpStatusCode.OK, otherHost.Status);
        Assert.NotNull(otherHost.Header("ETag")); // MapStaticAssets
        Assert.Equal(fixture.PolicyBytes, otherHost.Body);
        Assert.Equal("home", (await site.GetAsync("mta-sts.example.com", "/")).BodyText);
    }

    /// <summary>The identity (uncompressed) endpoints of the build's static web assets for the policy file's route.</summary>
    private List<JsonElement> PolicyEndpoints()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Site.File("bin/Debug/net10.0/Site.staticwebassets.endpoints.json")));
        return manifest.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("Route").GetString() == ".well-known/mta-sts.txt")
            .Where(e => !e.GetProperty("Selectors").EnumerateArray().Any())
            .Select(e => e.Clone())
            .ToList();
    }
}
