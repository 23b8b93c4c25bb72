using System.Net;

namespace MtaSts.Tests.Serving;

/// <summary>
/// The generated configuration of each web server, run by the real server from Debian on HTTPS (loopback only): the
/// policy URL answers GET and HEAD with 200, the media type exactly <c>text/plain</c>, the exact policy bytes and no
/// Content-Encoding even when gzip and br are accepted and the wrapper compresses text; another path of the host is
/// 404; and next to a site that redirects everything else (a default host, www), the policy URL still answers 200.
/// </summary>
public abstract class WebServerTests(string server)
{
    public static TheoryData<bool> Variants => new(false, true);

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task The_policy_url_answers_200_text_plain_with_the_exact_bytes_uncompressed(bool redirectingSite)
    {
        await using var harness = await WebServerHarness.StartAsync(server, redirectingSite);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await harness.SendAsync(method, WebServerHarness.PolicyHost, Deployment.WellKnownPath);
            var context = $"{method} {response.StatusCode}\n{response}\n{harness.Logs()}";
            Assert.True(response.StatusCode == HttpStatusCode.OK, context);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
            Assert.Empty(response.Content.Headers.ContentEncoding);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(method == HttpMethod.Get ? harness.Policy : [], body);
            Assert.Equal(harness.Policy.Length, response.Content.Headers.ContentLength);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Another_path_of_the_policy_host_is_404(bool redirectingSite)
    {
        await using var harness = await WebServerHarness.StartAsync(server, redirectingSite);
        foreach (var path in new[] { "/", "/other", "/.well-known/", "/.well-known/mta-sts.txt.gz", "/mta-sts.yaml" })
        {
            using var response = await harness.SendAsync(HttpMethod.Get, WebServerHarness.PolicyHost, path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response}");
        }
    }

    [Fact]
    public async Task The_redirecting_site_redirects_but_not_the_policy_url()
    {
        await using var harness = await WebServerHarness.StartAsync(server, redirectingSite: true);
        using var redirected = await harness.SendAsync(HttpMethod.Get, WebServerHarness.WwwHost, Deployment.WellKnownPath);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.StartsWith("https://example.com/", redirected.Headers.Location?.ToString());
        using var policy = await harness.SendAsync(HttpMethod.Get, WebServerHarness.PolicyHost, Deployment.WellKnownPath);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(harness.Policy, await policy.Content.ReadAsByteArrayAsync());
    }
}

[Trait("Requires", "nginx")]
public sealed class NginxServerTests() : WebServerTests("nginx");

[Trait("Requires", "caddy")]
public sealed class CaddyServerTests() : WebServerTests("caddy");

[Trait("Requires", "apache2")]
public sealed class ApacheServerTests() : WebServerTests("apache");
