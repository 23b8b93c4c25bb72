using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        using var site = await RunningSite.StartAsync(Site.File("bin/Debug/net10.0/Site.dll"), Site.Directory);

        // The generated endpoint: exact bytes, text/plain, no redirect, for the policy host on any port.
        using var get = await site.SendAsync(HttpMethod.Get, "mta-sts.example.com", "/.well-known/mta-sts.txt");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.ToString());
        Assert.Equal(fixture.PolicyBytes, await get.Content.ReadAsByteArrayAsync());
        Assert.Null(get.Headers.ETag); // not MapStaticAssets' copy

        using var head = await site.SendAsync(HttpMethod.Head, "MTA-STS.example.com:8443", "/.well-known/mta-sts.txt");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(fixture.PolicyBytes.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        // Other hosts and other paths fall through to the rest of the app.
        using var otherHost = await site.SendAsync(HttpMethod.Get, "www.example.com", "/.well-known/mta-sts.txt");
        Assert.Equal(HttpStatusCode.OK, otherHost.StatusCode);
        Assert.NotNull(otherHost.Headers.ETag); // MapStaticAssets
        Assert.Equal(fixture.PolicyBytes, await otherHost.Content.ReadAsByteArrayAsync());
        using var home = await site.SendAsync(HttpMethod.Get, "mta-sts.example.com", "/");
        Assert.Equal("home", await home.Content.ReadAsStringAsync());
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

    /// <summary>The built site, run with <c>dotnet Site.dll</c> on a free loopback port.</summary>
    private sealed class RunningSite : IDisposable
    {
        private readonly Process process;
        private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false });
        private readonly Uri baseAddress;

        private RunningSite(Process process, Uri baseAddress)
        {
            this.process = process;
            this.baseAddress = baseAddress;
        }

        public static async Task<RunningSite> StartAsync(string assembly, string contentRoot)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(MSBuildSetup.DotNetHost)
            {
                WorkingDirectory = contentRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(assembly);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            var site = new RunningSite(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
            site.process.OutputDataReceived += (_, _) => { };
            site.process.ErrorDataReceived += (_, _) => { };
            site.process.BeginOutputReadLine();
            site.process.BeginErrorReadLine();
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var ready = await site.SendAsync(HttpMethod.Get, "localhost", "/");
                        return site;
                    }
                    catch (HttpRequestException) when (attempt < 300 && !site.process.HasExited)
                    {
                        await Task.Delay(100);
                    }
                }
            }
            catch
            {
                site.Dispose();
                throw;
            }
        }

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string path)
        {
            var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
            request.Headers.Host = host;
            return client.SendAsync(request);
        }

        public void Dispose()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
