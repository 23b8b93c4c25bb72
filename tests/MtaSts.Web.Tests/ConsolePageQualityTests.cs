using DnsClient;
using Microsoft.Playwright;
using MtaSts.Checking.Tests;

namespace MtaSts.Web.Tests;

/// <summary>
/// Check a domain and Read reports in Chromium: they work without JavaScript and from the keyboard, pass axe-core's
/// WCAG 2.2 AA rules, and the generator's result leads to a check of the generated policy (drift) and to the upload.
/// </summary>
[Collection(GeneratorCollection.Name)]
public sealed class ConsolePageQualityTests(Browser browser) : IAsyncLifetime
{
    private ConsoleServer server = null!;

    public async Task InitializeAsync()
    {
        // example.com as published in the scripted DNS: an SPF record where the policy's TXT record should be, two MX.
        var resolver = new ScriptedResolver()
            .Answer("example.com", QueryType.MX, [Records.Mx("example.com", 10, "mx1.example.com"), Records.Mx("example.com", 20, "mx2.mail.example.com")])
            .Answer("_mta-sts.example.com", QueryType.TXT, [Records.Txt("_mta-sts.example.com", "v=spf1 -all")])
            .Answer("_smtp._tls.example.com", QueryType.TXT, [Records.Txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com")]);
        server = await ConsoleServer.StartAsync(resolver: resolver);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_check_works_without_javascript_from_the_keyboard_and_has_no_accessibility_violations()
    {
        // axe runs in the page, so the accessibility checks get a context with JavaScript; the check itself does not.
        await using var axeContext = await browser.Chromium.NewContextAsync();
        var empty = await axeContext.NewPageAsync();
        await empty.GotoAsync(new Uri(server.BaseAddress, "check").ToString());
        await PageQualityTests.AssertNoViolationsAsync(empty);

        await using var context = await browser.Chromium.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "check").ToString());
        await page.FocusAsync("#domain");
        await page.Keyboard.TypeAsync("Example.COM");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#check-results").WaitForAsync();

        Assert.Equal("example.com: fail", await page.Locator("#result-heading").TextContentAsync());
        Assert.Equal("MTASTS7001", await page.Locator("#step-dns .finding-error a.code").First.TextContentAsync());
        Assert.EndsWith("/docs/diagnostics/MTASTS7001.md", await page.Locator("#step-dns .finding-error a.code").First.GetAttributeAsync("href"));
        Assert.Equal(2, await page.Locator(".mx-line").CountAsync());
        Assert.Contains("- mx1.example.com", await page.Locator("#fix-yaml").TextContentAsync());
        Assert.Equal(0, await page.Locator("button.copy").CountAsync());
        await empty.GotoAsync(page.Url);
        await PageQualityTests.AssertNoViolationsAsync(empty);
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "check.png"), FullPage = true });
    }

    [Fact]
    public async Task The_fix_has_copy_buttons_with_javascript_and_the_result_fits_a_phone_screen()
    {
        await using var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "check?domain=example.com").ToString());

        Assert.True(await page.Locator("#fix button.copy").CountAsync() >= 2);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 360px screen");
        await PageQualityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task An_invalid_domain_has_no_accessibility_violations()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(server.BaseAddress, "check?domain=exa%20mple.com").ToString());

        Assert.Equal(422, response!.Status);
        Assert.Equal("MTASTS7190", await page.Locator("#domain-messages a.code").TextContentAsync());
        await PageQualityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_generator_s_result_checks_the_domain_against_the_generated_policy()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();
        await generator.FillAsync(new FormInput(Mx: "mx1.example.com\n*.mail.example.com"));
        await generator.GenerateAsync();

        await generator.Page.ClickAsync("#check-domain");
        await generator.Page.Locator("#check-results").WaitForAsync();

        var page = generator.Page;
        Assert.Contains("domain=example.com", page.Url);
        // Drift ran against the generated mta-sts.yaml: not the "not run" of a check without it.
        Assert.NotEqual("skipped", await page.Locator("#step-drift .status").TextContentAsync());
        Assert.Equal("config", await page.Locator("#fix").GetAttributeAsync("data-source"));
        await PageQualityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Reports_are_read_from_the_form_and_every_page_has_no_accessibility_violations()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "reports").ToString());
        await PageQualityTests.AssertNoViolationsAsync(page);

        // Nothing chosen: the form again, with the message.
        await page.ClickAsync("#read");
        await page.Locator("#summary").WaitForAsync();
        await PageQualityTests.AssertNoViolationsAsync(page);

        var samples = Path.Combine(RepositoryRoot.Path, "tests", "MtaSts.Reporting.Tests", "Samples");
        await page.SetInputFilesAsync("#files", new[]
        {
            Path.Combine(samples, "google-com.example-com.2024-02-17.sts-enforce.json"),
            Path.Combine(samples, "microsoft-com.josh.scot.2025-08-03.json.gz"),
            Path.Combine(samples, "google-com.krvtz.net.2024-09-15.eml"),
        });
        await page.FillAsync("#config", "domain: example.com\nmode: testing\nmx: [mx1.example.com]\nmax_age: 1w\n");
        await page.ClickAsync("#read");
        await page.Locator("#verdict").WaitForAsync();

        Assert.StartsWith("TLS-RPT reports for example.com", await page.TitleAsync());
        await PageQualityTests.AssertNoViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "reports.png"), FullPage = true });
    }
}
