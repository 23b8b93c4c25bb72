using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace MtaSts.AspNetCore.Tests;

/// <summary>
/// <c>AddMtaSts()</c> + <c>MapMtaStsPolicy()</c>: the policy URL has one owner on the Policy Hosts. RFC 8461 §3.3:
/// senders fetch <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> with GET, need 200 and
/// <c>text/plain</c>, and never follow redirects; so whatever else the app does at that URL must not get in the way.
/// </summary>
public sealed class PolicyEndpointTests
{
    private static readonly (string, string)[][] AcceptEncodings = [[], [("Accept-Encoding", "gzip, br, zstd")], [("Accept-Encoding", "gzip;q=1.0, identity;q=0.5, *;q=0")]];

    [Theory]
    [InlineData(AppModel.CreateBuilder)]
    [InlineData(AppModel.CreateSlimBuilder)]
    [InlineData(AppModel.CreateEmptyBuilder)]
    public async Task Every_app_model_serves_get_and_head_with_the_exact_bytes(AppModel model)
    {
        await using var site = await TestSite.StartAsync(model: model);

        (await site.SendAsync("mta-sts.contoso.example")).AssertIsThePolicy(TestSite.Contoso);
        (await site.SendAsync("mta-sts.contoso.example", method: HttpMethod.Head)).AssertIsThePolicy(TestSite.Contoso, head: true);
    }

    [Theory]
    [InlineData("mta-sts.contoso.example")]
    [InlineData("MTA-STS.Contoso.Example")]
    [InlineData("mta-sts.contoso.example:443")]
    [InlineData("mta-sts.contoso.example:8443")]
    [InlineData("mta-sts.contoso.example.")]
    public async Task The_policy_host_matches_in_any_case_with_any_port_and_a_root_label(string host)
    {
        await using var site = await TestSite.StartAsync();

        (await site.SendAsync(host)).AssertIsThePolicy(TestSite.Contoso);
    }

    [Theory]
    [InlineData("mta-sts.xn--bcher-kva.example")]
    [InlineData("MTA-STS.XN--BCHER-KVA.EXAMPLE")]
    [InlineData("mta-sts.bücher.example")]
    public async Task An_idn_policy_host_is_served_in_a_label_and_u_label_form(string host)
    {
        await using var site = await TestSite.StartAsync(policies: new ServedPolicySet([TestSite.Contoso, TestSite.Buecher]));

        (await site.SendAsync(host)).AssertIsThePolicy(TestSite.Buecher);
    }

    /// <summary>A static file at the same path (a stale copy), compression, and a fallback policy that challenges.</summary>
    [Fact]
    public async Task Static_files_response_compression_and_an_authorization_fallback_policy_do_not_get_in_the_way()
    {
        var stale = new PhysicalFileProvider(StaleWebRoot());
        await using var site = await TestSite.StartAsync(
            builder =>
            {
                builder.Services.AddResponseCompression(o => { o.EnableForHttps = true; o.MimeTypes = ["text/plain"]; o.Providers.Add<GzipCompressionProvider>(); });
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            },
            app =>
            {
                app.UseResponseCompression();
                app.UseStaticFiles(new StaticFileOptions { FileProvider = stale, ServeUnknownFileTypes = true });
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapMtaStsPolicy();
                app.MapGet("/", () => "home");
            });

        foreach (var acceptEncoding in AcceptEncodings)
        {
            (await site.SendAsync("mta-sts.contoso.example", headers: acceptEncoding)).AssertIsThePolicy(TestSite.Contoso);
            (await site.SendAsync("mta-sts.contoso.example", method: HttpMethod.Head, headers: acceptEncoding)).AssertIsThePolicy(TestSite.Contoso, head: true);
        }

        // Other hosts get what the app has at that path: here the static file, compressed if asked.
        var other = await site.SendAsync("www.contoso.example");
        Assert.Equal("stale", other.BodyText);
        Assert.Equal(HttpStatusCode.Redirect, (await site.SendAsync("mta-sts.contoso.example", "/")).Status);
    }

    /// <summary>HTTPS redirection, HSTS and a canonical-host rewrite answer everything else; never the policy.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Https_redirection_hsts_and_a_www_rewrite_do_not_redirect_the_policy(bool https)
    {
        await using var site = await TestSite.StartAsync(
            builder => builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443),
            app =>
            {
                app.UseHsts();
                app.UseHttpsRedirection();
                app.UseRewriter(new RewriteOptions().AddRedirectToWwwPermanent());
                app.MapMtaStsPolicy();
                app.MapGet("/", () => "home");
            },
            https: https);

        (await site.SendAsync("mta-sts.contoso.example")).AssertIsThePolicy(TestSite.Contoso);
        var home = await site.SendAsync("mta-sts.contoso.example", "/");
        Assert.True(home.Status is HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect, $"{home.Status}");
    }

    [Fact]
    public async Task Other_hosts_other_paths_and_other_methods_go_on_to_the_rest_of_the_app()
    {
        await using var site = await TestSite.StartAsync(pipeline: app =>
        {
            app.MapMtaStsPolicy();
            app.MapGet("/", () => "home");
            app.MapGet("/{**rest}", () => "fallback");
        });

        Assert.Equal("fallback", (await site.SendAsync("www.contoso.example")).BodyText);
        Assert.Equal("fallback", (await site.SendAsync("mta-sts.contoso.example.evil.example")).BodyText);
        Assert.Equal("home", (await site.SendAsync("mta-sts.contoso.example", "/")).BodyText);
        Assert.Equal("fallback", (await site.SendAsync("mta-sts.contoso.example", "/.well-known/mta-sts.txt.bak")).BodyText);
        Assert.NotEqual(HttpStatusCode.OK, (await site.SendAsync("mta-sts.contoso.example", method: HttpMethod.Post)).Status);
    }

    [Fact]
    public async Task A_thousand_domains_each_get_their_own_policy_and_no_other_host_gets_one()
    {
        var policies = Enumerable.Range(0, 1000).Select(i => new ServedPolicy($"d{i}.example", $"mta-sts.d{i}.example", $"id{i}",
            $"version: STSv1\r\nmode: {(i % 2 == 0 ? "enforce" : "testing")}\r\nmx: mx.d{i}.example\r\nmax_age: 604800\r\n")).ToList();
        await using var site = await TestSite.StartAsync(policies: new ServedPolicySet(policies));

        foreach (var i in new[] { 0, 1, 499, 998, 999 })
        {
            (await site.SendAsync($"MTA-STS.D{i}.example:443")).AssertIsThePolicy(policies[i]);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("mta-sts.d1000.example")).Status);
    }

    [Fact]
    public async Task Without_MapMtaStsPolicy_the_owner_passes_every_request_on()
    {
        await using var site = await TestSite.StartAsync(pipeline: app => app.MapGet("/.well-known/mta-sts.txt", () => "the app's own"));

        Assert.Equal("the app's own", (await site.SendAsync("mta-sts.contoso.example")).BodyText);
    }

    [Fact]
    public async Task Forgetting_AddMtaSts_is_an_error_at_start_up_that_names_the_line_to_add()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapMtaStsPolicy());

        Assert.Contains("builder.Services.AddMtaSts();", error.Message, StringComparison.Ordinal);
        Assert.Contains("before builder.Build()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_the_policy_twice_is_an_error_the_url_has_one_owner()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMtaSts(new ServedPolicySet([TestSite.Contoso]));
        await using var app = builder.Build();
        app.MapMtaStsPolicy();

        Assert.Contains("called twice", Assert.Throws<InvalidOperationException>(() => app.MapMtaStsPolicy()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMtaSts_again_with_the_same_policies_is_harmless_and_with_others_an_error()
    {
        var services = new ServiceCollection();
        var policies = new ServedPolicySet([TestSite.Contoso]);
        services.AddMtaSts(policies);
        var count = services.Count;

        services.AddMtaSts(policies);

        Assert.Equal(count, services.Count);
        Assert.Throws<InvalidOperationException>(() => services.AddMtaSts(new ServedPolicySet([TestSite.Buecher])));
    }

    [Fact]
    public async Task The_registered_policies_are_a_service_for_the_rest_of_the_site()
    {
        await using var site = await TestSite.StartAsync();

        Assert.Same(TestSite.Contoso.Text, site.Services.GetRequiredService<ServedPolicySet>().Policies.Single().Text);
    }

    [Fact]
    public async Task The_endpoint_is_there_for_routing_with_its_name_hosts_and_anonymous_access()
    {
        await using var site = await TestSite.StartAsync(policies: new ServedPolicySet([TestSite.Contoso, TestSite.Buecher]));

        var endpoint = site.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .Single(e => e.DisplayName == "MTA-STS policy");

        Assert.Equal(["mta-sts.contoso.example", "mta-sts.xn--bcher-kva.example"], endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHostMetadata>()!.Hosts);
        Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.Equal(["GET", "HEAD"], endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods);
    }

    /// <summary>A web root with a stale <c>.well-known/mta-sts.txt</c>, as a hand-copied file would be.</summary>
    private static string StaleWebRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "mtasts-aspnetcore-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(root, ".well-known"));
        File.WriteAllText(Path.Combine(root, ".well-known", "mta-sts.txt"), "stale");
        return root;
    }
}
