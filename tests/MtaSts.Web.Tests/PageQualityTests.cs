using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MtaSts.Web.Tests;

/// <summary>Works without JavaScript, passes axe-core's WCAG 2.2 AA rules, and fits a phone screen.</summary>
[Collection(GeneratorCollection.Name)]
public sealed class PageQualityTests(GeneratorServer server, Browser browser)
{
    [Fact]
    public async Task Generate_and_download_work_without_javascript()
    {
        await using var context = await browser.Chromium.NewContextAsync(new() { JavaScriptEnabled = false, AcceptDownloads = true });
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();

        await generator.FillAsync(new FormInput());
        await generator.GenerateAsync();

        Assert.Equal($"v=STSv1; id={GeneratorServer.ExpectedTimestampId};", await generator.TextAsync("#sts-record-value"));
        Assert.Equal(0, await generator.Page.Locator("button.copy").CountAsync());
        var bytes = await generator.DownloadAsync("#download-policy", "mta-sts.txt");
        Assert.StartsWith("version: STSv1\r\nmode: testing\r\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task Errors_are_shown_beside_their_fields_without_javascript()
    {
        await using var context = await browser.Chromium.NewContextAsync(new() { JavaScriptEnabled = false });
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();

        await generator.FillAsync(new FormInput(Domain: "", Mx: "192.0.2.1"));
        await generator.GenerateAsync();

        Assert.Equal("MTASTS2006", Assert.Single(await generator.MessagesAsync("domain-messages")).Code);
        Assert.Equal("MTASTS3007", Assert.Single(await generator.MessagesAsync("mx-messages")).Code);
        Assert.Equal(2, await generator.Page.Locator("#summary li").CountAsync());
    }

    [Fact]
    public async Task The_empty_form_has_no_accessibility_violations()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();

        await AssertNoViolationsAsync(generator.Page);
    }

    [Fact]
    public async Task The_results_have_no_accessibility_violations()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();
        await generator.FillAsync(new FormInput(Mx: "*.mail.example.com\nmx1.mail.example.com"));
        await generator.GenerateAsync();

        await AssertNoViolationsAsync(generator.Page);
    }

    [Fact]
    public async Task The_errors_have_no_accessibility_violations()
    {
        await using var context = await browser.Chromium.NewContextAsync();
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();
        await generator.FillAsync(new FormInput(Domain: "exa mple.com", Mx: "mx*.example.com", MaxAge: "2y", TlsRpt: "tlsrpt@example.com"));
        await generator.GenerateAsync();

        await AssertNoViolationsAsync(generator.Page);
        await generator.Page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "errors.png"), FullPage = true });
    }

    [Fact]
    public async Task The_results_fit_a_phone_screen_without_horizontal_scrolling()
    {
        await using var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true });
        var generator = new GeneratorPage(await context.NewPageAsync(), server.BaseAddress);
        await generator.OpenAsync();
        await generator.FillAsync(new FormInput(TlsRpt: "mailto:tlsrpt@example.com\nhttps://reports.example.com/v1/tlsrpt"));
        await generator.GenerateAsync();

        var overflow = await generator.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 360px screen");
        await generator.Page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Results, "phone.png"), FullPage = true });
    }

    internal static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        Assert.NotEmpty(result.Passes);
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}");
        Assert.Empty(violations);
    }
}
