using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DnsClient;
using Json.Schema;
using MtaSts.Checking.Tests;

namespace MtaSts.Web.Tests;

/// <summary>
/// Check a domain, in this process against a scripted resolver and the test's own listeners: the default settings
/// refuse non-public addresses (MTASTS7192) without connecting, the JSON endpoint has the CLI's schema, and the check
/// and upload endpoints are rate limited (429 with Retry-After).
/// </summary>
[Trait("Requires", "root")]
public sealed class CheckPageTests
{
    [Fact]
    public async Task An_invalid_domain_is_MTASTS7190_beside_the_field_and_nothing_is_looked_up()
    {
        var resolver = new ScriptedResolver();
        await using var server = await ConsoleServer.StartAsync(resolver: resolver);
        using var client = server.Client();

        var response = await client.GetAsync("/check?domain=exa%20mple.com");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("MTASTS7190.md\">MTASTS7190</a>", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(0, resolver.Asked("exa mple.com", QueryType.MX));
    }

    [Fact]
    public async Task With_the_default_settings_a_policy_host_and_MX_on_loopback_are_refused_and_never_connected_to()
    {
        // Port 443 and 25 on a loopback address of this test's own; the operator turned SMTP probes on, so only the
        // address policy stands between the check and these listeners.
        var target = RandomLoopback();
        using var https = Listen(target, 443);
        using var smtp = Listen(target, 25);
        var resolver = new ScriptedResolver()
            .Answer("ssrf.example", QueryType.MX, [Records.Mx("ssrf.example", 10, "mx.ssrf.example")])
            .Answer("_mta-sts.ssrf.example", QueryType.TXT, [Records.Txt("_mta-sts.ssrf.example", "v=STSv1; id=1;")])
            .Answer("mx.ssrf.example", QueryType.A, [Records.A("mx.ssrf.example", target.ToString())])
            .Answer("mta-sts.ssrf.example", QueryType.CNAME, [])
            .Answer("mta-sts.ssrf.example", QueryType.A,
                [Records.Cname("mta-sts.ssrf.example", "internal.ssrf.example"), Records.A("internal.ssrf.example", target.ToString())]);
        await using var server = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Check:ProbeSmtp"] = "true" }, resolver);
        using var client = server.Client();

        var html = await client.GetStringAsync("/check?domain=ssrf.example");
        var json = await client.GetStringAsync("/api/check?domain=ssrf.example");

        Assert.Contains($"Not connecting to mta-sts.ssrf.example ({target} is not a public address (Loopback, 127.0.0.0/8, RFC 1122 §3.2.1.3)) on port 443", WebUtility.HtmlDecode(html));
        Assert.Contains($"Not connecting to MX mx.ssrf.example ({target} is not a public address (Loopback", WebUtility.HtmlDecode(html));
        Assert.Contains("MTASTS7192.md\">MTASTS7192</a>", html);
        Assert.Equal(2, Codes(json).Count(c => c == "MTASTS7192"));
        Assert.False(https.Pending(), "the policy host's listener saw a connection");
        Assert.False(smtp.Pending(), "the MX host's listener saw a connection");
    }

    [Fact]
    public async Task The_JSON_endpoint_has_the_schema_of_mta_sts_check_format_json_and_the_page_has_the_same_findings()
    {
        var resolver = new ScriptedResolver()
            .Answer("example.org", QueryType.MX, [Records.Mx("example.org", 10, "mx1.example.org"), Records.Mx("example.org", 20, "mx2.example.org")])
            .Answer("_mta-sts.example.org", QueryType.TXT, [Records.Txt("_mta-sts.example.org", "v=spf1 -all")]);
        await using var server = await ConsoleServer.StartAsync(resolver: resolver);
        using var client = server.Client();

        var response = await client.GetAsync("/api/check?domain=EXAMPLE.org.");
        var json = await response.Content.ReadAsStringAsync();
        var html = await client.GetStringAsync("/check?domain=example.org");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var result = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema", "mta-sts-check.schema.json")))
            .Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("example.org", document.RootElement.GetProperty("domain").GetString());
        var codes = Codes(json);
        Assert.Contains("MTASTS7001", codes);
        Assert.All(codes, code => Assert.Contains($"data-code=\"{code}\"", html));
        Assert.Contains("MX 10 mx1.example.org:", html);
        Assert.Contains("MX 20 mx2.example.org:", html);
        Assert.Contains("id=\"fix-policy\"", html);
        Assert.Contains("mx: mx1.example.org", html);
    }

    [Fact]
    public async Task The_JSON_endpoint_answers_400_with_MTASTS7190_for_an_invalid_domain()
    {
        await using var server = await ConsoleServer.StartAsync(resolver: new ScriptedResolver());
        using var client = server.Client();

        var response = await client.GetAsync("/api/check?domain=localhost");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MTASTS7190", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_request_after_the_per_client_limit_gets_429_with_Retry_After_and_the_generator_is_not_limited()
    {
        await using var server = await ConsoleServer.StartAsync(
            new Dictionary<string, string?> { ["RateLimit:PerClientPermits"] = "3", ["RateLimit:WindowSeconds"] = "60" },
            new ScriptedResolver());
        using var client = server.Client();

        var statuses = new List<HttpStatusCode>();
        // However the path is spelled, and with HEAD (which runs the page's GET handler), a check is a check.
        statuses.Add((await client.GetAsync("/api/check?domain=a.example")).StatusCode);
        statuses.Add((await client.GetAsync("/Check/?domain=b.example")).StatusCode);
        statuses.Add((await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/check?domain=c.example"))).StatusCode);

        var limited = await client.GetAsync("/api/check?domain=d.example");
        var upload = await client.PostAsync("/reports", new MultipartFormDataContent { { new ByteArrayContent("{}"u8.ToArray()), "files", "r.json" } });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("try again in", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/check")).StatusCode);
    }

    [Fact]
    public async Task The_request_after_the_global_limit_gets_429_whoever_asks()
    {
        await using var server = await ConsoleServer.StartAsync(
            new Dictionary<string, string?> { ["RateLimit:PerClientPermits"] = "100", ["RateLimit:GlobalPermits"] = "2" },
            new ScriptedResolver());
        using var client = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/check?domain=a.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/check?domain=b.example")).StatusCode);
        var limited = await client.GetAsync("/api/check?domain=c.example");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    private static List<string> Codes(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("steps").EnumerateArray()
            .SelectMany(step => step.GetProperty("findings").EnumerateArray())
            .Select(finding => finding.TryGetProperty("code", out var code) ? code.GetString() : null)
            .OfType<string>()
            .ToList();
    }

    internal static IPAddress RandomLoopback() =>
        new([127, (byte)Random.Shared.Next(100, 250), (byte)Random.Shared.Next(1, 250), (byte)Random.Shared.Next(10, 250)]);

    private static TcpListener Listen(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return listener;
    }
}
