using System.Net;
using System.Text.Json;

namespace MtaSts.Web.Tests;

/// <summary>
/// The check page against real servers in build/check-lab.sh's namespace: with private targets allowed, healthy and
/// broken deployments checked in Chromium say what <c>mta-sts check</c> says about the same lab; with the defaults,
/// every SSRF target (Policy Host and MX on 127.0.0.1, ::1, 10/8, 169.254/16, fc00::/7, ::ffff:127.0.0.1, through a
/// CNAME, a public address beside a private one) is refused and the listeners on those addresses see no connection.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "postfix")]
[Trait("Requires", "chromium")]
public sealed class WebLabTests(WebLab lab, ITestOutputHelper output) : IClassFixture<WebLab>
{
    [Theory]
    [InlineData("healthy.example")]
    [InlineData("uncovered.example")]
    [InlineData("redirect.example")]
    [InlineData("nostarttls.example")]
    [InlineData("notxt.example")]
    public async Task A_deployment_checked_in_the_browser_says_what_mta_sts_check_says(string domain)
    {
        var cli = await lab.CliCheckAsync(domain);
        output.WriteLine(cli.StandardOutput);
        using var expected = JsonDocument.Parse(cli.StandardOutput);

        var page = await lab.Chromium.NewPageAsync();
        await page.GotoAsync($"{WebLab.Internal}/check");
        await page.FillAsync("#domain", domain);
        await page.ClickAsync("#check");
        await page.Locator("#check-results").WaitForAsync(new() { Timeout = 60_000 });

        var root = expected.RootElement;
        Assert.Equal($"Verdict: {root.GetProperty("verdict").GetProperty("text").GetString()}.", (await page.Locator("#verdict").TextContentAsync())!.Trim());
        Assert.Equal($"{domain}: {(root.GetProperty("passed").GetBoolean() ? "pass" : "fail")}", await page.Locator("#result-heading").TextContentAsync());
        var codes = await page.Locator(".finding[data-code^='MTASTS']").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)");
        Assert.Equal(Codes(root).Order(), codes.Order());
        var lines = await page.Locator(".mx-line").AllTextContentsAsync();
        var expectedLines = root.GetProperty("mxHosts").EnumerateArray()
            .Select(h => $"MX {h.GetProperty("preference").GetInt32()} {h.GetProperty("host").GetString()}: {h.GetProperty("summary").GetString()}");
        Assert.Equal(expectedLines, lines.Select(l => l.Trim()));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_JSON_endpoint_gives_the_findings_of_mta_sts_check_format_json()
    {
        var cli = await lab.CliCheckAsync("uncoveredtesting.example");
        var web = await lab.GetAsync($"{WebLab.Internal}/api/check?domain=uncoveredtesting.example");

        using var expected = JsonDocument.Parse(cli.StandardOutput);
        using var actual = JsonDocument.Parse(web);
        Assert.Equal(Findings(expected.RootElement), Findings(actual.RootElement));
        Assert.Equal(expected.RootElement.GetProperty("verdict").GetRawText(), actual.RootElement.GetProperty("verdict").GetRawText());
    }

    [Fact]
    public async Task With_the_defaults_every_SSRF_target_is_refused_and_no_listener_sees_a_connection()
    {
        string[] targets = ["loopback", "v6loopback", "private", "linklocal", "uniquelocal", "mapped", "cname", "mixed"];
        string[] addresses = ["127.0.0.1", "::1", "10.0.0.25", "169.254.0.25", "fd00::25", "::ffff:127.0.0.1", "10.0.0.25", "10.0.0.25"];
        foreach (var (target, address) in targets.Zip(addresses))
        {
            var json = await lab.GetAsync($"{WebLab.Public}/api/check?domain=ssrf-{target}.example");
            using var document = JsonDocument.Parse(json);
            var refused = Findings(document.RootElement).Where(f => f.Code == "MTASTS7192").ToList();
            Assert.True(refused.Count == 2, $"ssrf-{target}: {json}");
            Assert.Contains(refused, f => f.Step == "policy" && f.Message.Contains($"{address} is not a public address"));
            Assert.Contains(refused, f => f.Step == "starttls" && f.Message.Contains($"{address} is not a public address"));
        }

        // And through the page, as a visitor sees it.
        var page = await lab.Chromium.NewPageAsync();
        await page.GotoAsync($"{WebLab.Public}/check?domain=ssrf-linklocal.example");
        var text = await page.Locator("#step-policy").TextContentAsync();
        Assert.Contains("Not connecting to mta-sts.ssrf-linklocal.example (169.254.0.25 is not a public address (Link-Local, 169.254.0.0/16, RFC 3927)) on port 443", text);
        await page.CloseAsync();

        Assert.Equal("", File.ReadAllText(lab.ConnectionLog));

        // The control: mta-sts check (every address allowed) does connect, and the listeners record it.
        await lab.CliCheckAsync("ssrf-private.example");
        var log = File.ReadAllText(lab.ConnectionLog);
        Assert.Contains("10.0.0.25:443 from", log);
        Assert.Contains("10.0.0.25:25 from", log);
    }

    private static IEnumerable<string> Codes(JsonElement root) =>
        Findings(root).Select(f => f.Code).OfType<string>();

    private static List<(string Step, string Status, string? Code, string Message)> Findings(JsonElement root) =>
        root.GetProperty("steps").EnumerateArray()
            .SelectMany(step => step.GetProperty("findings").EnumerateArray().Select(f => (
                step.GetProperty("id").GetString()!,
                f.GetProperty("status").GetString()!,
                f.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
                f.GetProperty("message").GetString()!)))
            .ToList();
}
