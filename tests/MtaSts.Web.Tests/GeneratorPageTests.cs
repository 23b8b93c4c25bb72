using System.Text;
using Microsoft.Playwright;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Web.Tests;

/// <summary>The generator in a real browser (Debian's Chromium) against the real app on loopback.</summary>
[Collection(GeneratorCollection.Name)]
public sealed class GeneratorPageTests(GeneratorServer server, Browser browser) : IAsyncLifetime
{
    private IBrowserContext context = null!;
    private GeneratorPage generator = null!;

    public async Task InitializeAsync()
    {
        context = await browser.Chromium.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();
    }

    public async Task DisposeAsync() => await context.CloseAsync();

    [Fact]
    public async Task Generate_shows_the_txt_records_policy_zone_snippet_yaml_and_rollout()
    {
        await generator.FillAsync(new FormInput());
        await generator.GenerateAsync();

        Assert.Equal("_mta-sts.example.com", await generator.TextAsync("#sts-record-name"));
        Assert.Equal($"v=STSv1; id={GeneratorServer.ExpectedTimestampId};", await generator.TextAsync("#sts-record-value"));
        Assert.Equal("_smtp._tls.example.com", await generator.TextAsync("#tls-rpt-record-name"));
        Assert.Equal("v=TLSRPTv1; rua=mailto:tlsrpt@example.com", await generator.TextAsync("#tls-rpt-record-value"));
        Assert.Equal("https://mta-sts.example.com/.well-known/mta-sts.txt", await generator.TextAsync("#policy-url"));
        Assert.Equal(
            "version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n",
            await generator.TextAsync("#policy-text"));

        var zone = await generator.TextAsync("#zone-snippet");
        Assert.Contains($"_mta-sts.example.com. 3600 IN TXT \"v=STSv1; id={GeneratorServer.ExpectedTimestampId};\"", zone);
        Assert.Contains("_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"", zone);

        var yaml = await generator.TextAsync("#config-yaml");
        Assert.Contains("domain: example.com\n", yaml);
        Assert.Contains("mode: testing\n", yaml);
        Assert.Contains("mx:\n  - mx1.example.com\n  - \"*.mail.example.com\"\n", yaml);
        Assert.Contains("max_age: 604800\n", yaml);
        Assert.Contains("id: timestamp\n", yaml);
        Assert.Contains("tls_rpt:\n  rua:\n    - mailto:tlsrpt@example.com\n", yaml);

        Assert.Equal("testing", await generator.Page.GetAttributeAsync("#rollout", "data-mode"));
        var rollout = await generator.TextAsync("#rollout");
        Assert.Contains("1–2 weeks", rollout);
        Assert.Contains("Switch to enforce", rollout);
        Assert.Contains("up to a year", rollout);
        Assert.Contains("mta-sts reports <folder> --config mta-sts.yaml", rollout);
        Assert.Equal("https://github.com/mtasts-build/MtaSts.Build/blob/main/docs/reports.md", await generator.Page.GetAttributeAsync("#reports-guide", "href"));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "docs", "reports.md")));
        Assert.Equal(0, await generator.Page.Locator("#summary").CountAsync());

        await generator.Page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "filled-form.png"), FullPage = true });
    }

    [Fact]
    public async Task The_yaml_shown_compiles_in_the_core_to_the_same_policy_and_records()
    {
        await generator.FillAsync(new FormInput(Mode: "enforce", Id: "auto"));
        await generator.GenerateAsync();

        var compiled = ConfigValidator.Validate(await generator.TextAsync("#config-yaml"), "mta-sts.yaml");

        var deployment = Assert.IsType<Deployment>(compiled.Deployment);
        Assert.Equal(deployment.PolicyText, await generator.TextAsync("#policy-text"));
        Assert.Equal(deployment.StsRecord.Value, await generator.TextAsync("#sts-record-value"));
        Assert.Equal(deployment.TlsRptRecord!.Value, await generator.TextAsync("#tls-rpt-record-value"));
    }

    [Fact]
    public async Task Rollout_steps_follow_the_chosen_mode()
    {
        await generator.FillAsync(new FormInput(Mode: "none", MaxAge: "86400"));
        await generator.GenerateAsync();

        Assert.Equal("none", await generator.Page.GetAttributeAsync("#rollout", "data-mode"));
        var rollout = await generator.TextAsync("#rollout");
        Assert.Contains("Wait until every policy you served before has expired", rollout);
        Assert.Contains("remove the _mta-sts TXT record", rollout);
    }

    [Fact]
    public async Task An_invalid_domain_shows_the_core_error_beside_the_domain_field()
    {
        await generator.FillAsync(new FormInput(Domain: "exa mple.com"));
        await generator.GenerateAsync();

        var expected = CoreDiagnostic("domain: \"exa mple.com\"\nmode: testing\nmx: [mx1.example.com]\n", "MTASTS3001");
        Assert.Equal([(expected.Code, expected.Message)], await generator.MessagesAsync("domain-messages"));
        await AssertMarkedInvalidAsync("#domain", "domain-messages");
        Assert.Empty(await generator.MessagesAsync("mx-messages"));
        Assert.Equal(0, await generator.Page.Locator("#results").CountAsync());
        Assert.Equal($"{expected.HelpLink}", await generator.Page.GetAttributeAsync("#domain-messages a.code", "href"));
    }

    [Fact]
    public async Task An_invalid_mx_pattern_shows_the_core_error_beside_the_mx_field_with_its_line()
    {
        await generator.FillAsync(new FormInput(Mx: "mx1.example.com\nmx*.example.com"));
        await generator.GenerateAsync();

        var expected = CoreDiagnostic("domain: example.com\nmode: testing\nmx: [mx1.example.com, \"mx*.example.com\"]\n", "MTASTS3006");
        Assert.Equal([(expected.Code, "Line 2: " + expected.Message)], await generator.MessagesAsync("mx-messages"));
        await AssertMarkedInvalidAsync("#mx", "mx-messages");
        Assert.Empty(await generator.MessagesAsync("domain-messages"));
    }

    [Fact]
    public async Task An_out_of_range_max_age_shows_the_core_error_beside_the_max_age_field()
    {
        await generator.FillAsync(new FormInput(MaxAge: "31557601"));
        await generator.GenerateAsync();

        var expected = CoreDiagnostic("domain: example.com\nmode: testing\nmx: [mx1.example.com]\nmax_age: 31557601\n", "MTASTS3011");
        Assert.Equal([(expected.Code, expected.Message)], await generator.MessagesAsync("max-age-messages"));
        await AssertMarkedInvalidAsync("#max-age-custom", "max-age-messages");
        Assert.True(await generator.Page.IsCheckedAsync("#max-age-other"));
        Assert.Equal("31557601", await generator.Page.InputValueAsync("#max-age-custom"));
    }

    [Fact]
    public async Task An_invalid_tls_rpt_address_shows_the_core_error_beside_the_tls_rpt_field()
    {
        await generator.FillAsync(new FormInput(TlsRpt: "tlsrpt@example.com"));
        await generator.GenerateAsync();

        var expected = CoreDiagnostic("domain: example.com\nmode: testing\nmx: [mx1.example.com]\ntls_rpt:\n  rua: [tlsrpt@example.com]\n", "MTASTS3013");
        Assert.Equal([(expected.Code, "Line 1: " + expected.Message)], await generator.MessagesAsync("tls-rpt-messages"));
        await AssertMarkedInvalidAsync("#tls-rpt", "tls-rpt-messages");
    }

    [Fact]
    public async Task Warnings_are_shown_beside_their_field_and_the_outputs_are_still_generated()
    {
        await generator.FillAsync(new FormInput(Mx: "*.mail.example.com\nmx1.mail.example.com"));
        await generator.GenerateAsync();

        var messages = await generator.MessagesAsync("mx-messages");
        Assert.Equal("MTASTS5005", Assert.Single(messages).Code);
        Assert.StartsWith("Line 2: ", messages[0].Text);
        Assert.Equal(1, await generator.Page.Locator("#results").CountAsync());
        Assert.Null(await generator.Page.GetAttributeAsync("#mx", "aria-invalid"));
    }

    [Fact]
    public async Task The_downloaded_policy_file_has_crlf_line_endings()
    {
        await generator.FillAsync(new FormInput(Mode: "enforce", MaxAge: "1209600"));
        await generator.GenerateAsync();

        var bytes = await generator.DownloadAsync("#download-policy", "mta-sts.txt");

        Assert.Equal(
            "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 1209600\r\n",
            Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task The_matching_yaml_can_be_downloaded()
    {
        await generator.FillAsync(new FormInput());
        await generator.GenerateAsync();

        var bytes = await generator.DownloadAsync("#download-config", "mta-sts.yaml");

        Assert.Equal(await generator.TextAsync("#config-yaml"), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task The_form_can_be_filled_generated_and_downloaded_with_the_keyboard_alone()
    {
        var keyboard = generator.Page.Keyboard;
        // The site's navigation comes first, then the form.
        foreach (var link in new[] { "Generate", "Check a domain", "Read reports" })
        {
            await keyboard.PressAsync("Tab");
            Assert.Equal(link, await generator.Page.EvaluateAsync<string?>("document.activeElement && document.activeElement.textContent"));
        }

        await keyboard.PressAsync("Tab");
        Assert.Equal("domain", await ActiveIdAsync());
        await keyboard.TypeAsync("example.org");
        await LiveValidationSettledAsync("domain");

        await keyboard.PressAsync("Tab");
        Assert.Equal("mode-testing", await ActiveIdAsync());
        await keyboard.PressAsync("ArrowDown");
        Assert.Equal("mode-enforce", await ActiveIdAsync());

        await keyboard.PressAsync("Tab");
        Assert.Equal("mx", await ActiveIdAsync());
        await keyboard.TypeAsync("mx1.example.org");
        await keyboard.PressAsync("Enter");
        await keyboard.TypeAsync("mx2.example.org");
        await LiveValidationSettledAsync("mx");

        await keyboard.PressAsync("Tab");
        Assert.Equal("max-age-604800", await ActiveIdAsync());
        await keyboard.PressAsync("ArrowRight");
        Assert.Equal("max-age-1209600", await ActiveIdAsync());

        await keyboard.PressAsync("Tab");
        Assert.Equal("max-age-custom", await ActiveIdAsync());
        await keyboard.PressAsync("Tab");
        Assert.Equal("tls-rpt", await ActiveIdAsync());
        await keyboard.TypeAsync("mailto:tlsrpt@example.org");

        await keyboard.PressAsync("Tab");
        Assert.Equal("id-timestamp", await ActiveIdAsync());
        await keyboard.PressAsync("Tab");
        Assert.Equal("generate", await ActiveIdAsync());
        Assert.NotEqual("none", await generator.Page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await keyboard.PressAsync("Enter");
        await generator.Page.Locator("#results").WaitForAsync();

        Assert.Equal(
            "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\nmx: mx2.example.org\r\nmax_age: 1209600\r\n",
            await generator.TextAsync("#policy-text"));

        for (var presses = 0; presses < 30 && await ActiveIdAsync() != "download-policy"; presses++)
        {
            await keyboard.PressAsync("Tab");
        }

        Assert.Equal("download-policy", await ActiveIdAsync());
        var download = await generator.Page.RunAndWaitForDownloadAsync(() => keyboard.PressAsync("Enter"));
        Assert.Equal("mta-sts.txt", download.SuggestedFilename);
    }

    [Fact]
    public async Task Live_validation_shows_the_core_message_while_typing()
    {
        await generator.Page.FillAsync("#domain", "exa mple.com");

        var messages = generator.Page.Locator("#domain-messages li");
        await messages.WaitForAsync();

        var expected = CoreDiagnostic("domain: \"exa mple.com\"\nmode: testing\nmx: [mx1.example.com]\n", "MTASTS3001");
        Assert.Equal([(expected.Code, expected.Message)], await generator.MessagesAsync("domain-messages"));
        Assert.Equal("true", await generator.Page.GetAttributeAsync("#domain", "aria-invalid"));
        Assert.Empty(await generator.MessagesAsync("mx-messages"));

        await generator.Page.FillAsync("#domain", "example.com");
        await messages.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Null(await generator.Page.GetAttributeAsync("#domain", "aria-invalid"));
    }

    [Fact]
    public async Task Copy_buttons_copy_the_record_value()
    {
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await generator.FillAsync(new FormInput());
        await generator.GenerateAsync();

        await generator.Page.ClickAsync("button[aria-label='Copy MTA-STS record value']");

        Assert.Equal($"v=STSv1; id={GeneratorServer.ExpectedTimestampId};", await generator.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task The_page_loads_nothing_from_other_origins()
    {
        var origins = new List<string>();
        generator.Page.Request += (_, request) => origins.Add(new Uri(request.Url).GetLeftPart(UriPartial.Authority));

        await generator.OpenAsync();
        await generator.FillAsync(new FormInput());
        await generator.GenerateAsync();

        Assert.Contains(origins, o => o.Length > 0);
        Assert.All(origins, o => Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), o));
    }

    /// <summary>
    /// Typing passes through invalid states ('e' is a single-label domain, 'mx2.' ends with a dot), and live validation
    /// may briefly list an error with its help link after the field; the next Tab would then, rightly, reach that link.
    /// Wait until the field's messages are gone, as a person would see them go before moving on.
    /// </summary>
    /// <summary>The last live validation has answered (the form drops aria-busy) and left the field without messages:
    /// a message rendered late would put its help link between the field and the next one.</summary>
    private async Task LiveValidationSettledAsync(string field)
    {
        await Assertions.Expect(generator.Page.Locator("#generator[aria-busy]")).ToHaveCountAsync(0);
        await Assertions.Expect(generator.Page.Locator($"[data-messages-for=\"{field}\"] li")).ToHaveCountAsync(0);
    }

    private async Task<string?> ActiveIdAsync() => await generator.Page.EvaluateAsync<string?>("document.activeElement && document.activeElement.id");

    private async Task AssertMarkedInvalidAsync(string control, string messagesId)
    {
        Assert.Equal("true", await generator.Page.GetAttributeAsync(control, "aria-invalid"));
        var describedBy = await generator.Page.GetAttributeAsync(control, "aria-describedby") ?? "";
        Assert.Contains(messagesId, describedBy.Split(' '));
    }

    /// <summary>The diagnostic the build itself reports for the same settings written as mta-sts.yaml.</summary>
    private static Diagnostic CoreDiagnostic(string yaml, string code)
    {
        var result = ConfigValidator.Validate(yaml, "mta-sts.yaml", new ValidationOptions { Now = GeneratorServer.Now });
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }
}
