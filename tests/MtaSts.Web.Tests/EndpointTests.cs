using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MtaSts.Policy;

namespace MtaSts.Web.Tests;

/// <summary>The POST endpoints over plain HTTP: exact download bytes, antiforgery, and the live-validation JSON.</summary>
[Collection(GeneratorCollection.Name)]
public sealed partial class EndpointTests(GeneratorServer server) : IDisposable
{
    private readonly HttpClient client = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = server.BaseAddress,
    };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task The_policy_download_is_exactly_the_core_policy_bytes_as_a_text_plain_attachment()
    {
        var response = await PostAsync("PolicyFile", Form(mode: "enforce", mx: "mx1.example.com\r\n*.mail.example.com", maxAge: "custom", maxAgeCustom: "30d"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("mta-sts.txt", response.Content.Headers.ContentDisposition.FileName);
        var expected = ConfigValidator.Validate(
            "domain: example.com\nmode: enforce\nmx: [mx1.example.com, \"*.mail.example.com\"]\nmax_age: 30d\n").Deployment!.Policy.ToBytes();
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_download_of_an_invalid_form_returns_the_page_with_the_errors()
    {
        var response = await PostAsync("PolicyFile", Form(mx: "mx1.example.com."));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("MTASTS3008", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var response = await client.PostAsync("/?handler=PolicyFile", new FormUrlEncodedContent(Form()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Live_validation_maps_list_items_to_their_text_area_with_the_line_number()
    {
        var response = await PostAsync("Validate", Form(mx: "mx1.example.com\n\nmx_2.example.com", tlsRpt: "mailto:tlsrpt@example.com\nhttp://reports.example.com/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        var messages = json.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (Field: m.GetProperty("field").GetString(), Code: m.GetProperty("code").GetString(), Text: m.GetProperty("message").GetString()!))
            .ToList();
        Assert.Collection(
            messages,
            m =>
            {
                Assert.Equal(("mx", "MTASTS3005"), (m.Field, m.Code));
                Assert.StartsWith("Line 3: 'mx_2.example.com' is not a valid mx pattern", m.Text);
            },
            m =>
            {
                Assert.Equal(("tls_rpt", "MTASTS3013"), (m.Field, m.Code));
                Assert.StartsWith("Line 2: 'http://reports.example.com/'", m.Text);
            });
    }

    [Fact]
    public async Task The_timestamp_id_is_the_utc_time_of_generation()
    {
        var page = await (await PostAsync("", Form())).Content.ReadAsStringAsync();

        Assert.Contains($"v=STSv1; id={GeneratorServer.ExpectedTimestampId};", page);
        Assert.Contains(PolicyId.FromTime(GeneratorServer.Now), page);
    }

    [Fact]
    public async Task An_internationalized_domain_is_published_in_a_label_form()
    {
        var page = await (await PostAsync("", Form(domain: "bücher.example"))).Content.ReadAsStringAsync();

        Assert.Contains("<code id=\"sts-record-name\" data-copy=\"MTA-STS record name\">_mta-sts.xn--bcher-kva.example</code>", page);
        Assert.Contains("https://mta-sts.xn--bcher-kva.example/.well-known/mta-sts.txt", page);
    }

    private static Dictionary<string, string> Form(
        string domain = "example.com", string mode = "testing", string mx = "mx1.example.com", string maxAge = "604800",
        string maxAgeCustom = "", string tlsRpt = "", string id = "timestamp") => new()
    {
        ["domain"] = domain,
        ["mode"] = mode,
        ["mx"] = mx,
        ["max_age"] = maxAge,
        ["max_age_custom"] = maxAgeCustom,
        ["tls_rpt"] = tlsRpt,
        ["id"] = id,
    };

    /// <summary>Posts to a page handler the way the page's own form does: with the antiforgery cookie and token.</summary>
    private async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync("/");
        form["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync(handler.Length == 0 ? "/" : "/?handler=" + handler, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
