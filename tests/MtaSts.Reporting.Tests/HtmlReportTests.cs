using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

/// <summary>
/// The HTML page in Debian's Chromium (<c>/usr/bin/chromium</c>, driven by Playwright as the web tests do), with
/// JavaScript off: the verdict comes first, the chart's bars are the summary's numbers, nothing is loaded from anywhere.
/// The screenshot is kept in artifacts/test-results/reports/.
/// </summary>
[Trait("Requires", "chromium")]
public sealed class HtmlReportTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static (ReportSummary Summary, ReadinessVerdict Verdict) Fortnight()
    {
        var deployment = MtaSts.ConfigValidator.Validate("domain: example.com\nmode: testing\nmx: [mx1.example.com, mx2.example.com]\nmax_age: 1w\n").Deployment!;
        var summary = new ReportSummary(new SummaryScope(deployment.PolicyDomain, PolicyMatcher.View(deployment.Policy)));
        string[] policy = ["version: STSv1", "mode: testing", "max_age: 604800", "mx: mx1.example.com", "mx: mx2.example.com"];
        for (var i = 0; i < 15; i++)
        {
            if (i == 6)
            {
                continue; // a day without any report: drawn as an empty slot
            }

            var day = new DateOnly(2026, 11, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var failed = i % 4 == 1 ? 3 + i : 0;
            var details = failed == 0 ? "" : Samples.Failure("certificate-host-mismatch", "mx2.example.com", failed, $"209.85.1.{i}") ;
            foreach (var json in new[]
                     {
                         Samples.Report(Samples.Sts("example.com", policy, 20 + (i * 7 % 30), failed, details), "Google Inc.", "g" + i, $"{day}T00:00:00Z", $"{day}T23:59:59Z"),
                         Samples.Report(Samples.Sts("example.com", policy, 4 + i % 3, 0), "Microsoft Corporation <script>alert(1)</script>", "m" + i, $"{day}T00:00:00", $"{day}T23:59:59"),
                     })
            {
                var parsed = Samples.Parse(json);
                summary.Add(new ReportInput("t.json", parsed.Report, parsed.Diagnostics, parsed.Report!.OrganizationName));
            }
        }

        return (summary, ReadinessVerdict.Evaluate(summary, "example.com"));
    }

    [Fact]
    public async Task The_page_shows_the_verdict_first_and_bars_that_match_the_numbers()
    {
        var (summary, verdict) = Fortnight();
        Assert.False(verdict.Ready);
        var results = Path.Combine(FindRoot(), "artifacts", "test-results", "reports");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, "tlsrpt.html");
        await File.WriteAllTextAsync(file, HtmlReport.Write(summary, verdict));

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (build/prerequisites.sh does).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new() { Path = Path.Combine(results, "tlsrpt.png"), FullPage = true });

        // Nothing but the file itself: no CDN, no font, no image.
        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        Assert.Equal(0, await page.Locator("script").CountAsync());

        // The verdict is the first thing after the title, and says why.
        var headings = await page.Locator("h2").AllTextContentsAsync();
        Assert.StartsWith("NOT READY: example.com", headings[0], StringComparison.Ordinal);
        Assert.Contains("mx2.example.com:", await page.Locator("#verdict li.unmet").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#verdict").IsVisibleAsync());

        // One bar per day; each bar's two rectangles have the heights of its numbers and are stacked.
        var bars = page.Locator("svg#chart g.bar");
        Assert.Equal(14, summary.Days.Count);
        Assert.Equal(15, await bars.CountAsync());
        Assert.Equal("2026-11-07", await bars.Nth(6).GetAttributeAsync("data-day"));
        Assert.Equal(("0", "0"), (await bars.Nth(6).GetAttributeAsync("data-successful"), await bars.Nth(6).GetAttributeAsync("data-failed")));
        var scale = double.Parse((await page.Locator("svg#chart").GetAttributeAsync("data-scale"))!, CultureInfo.InvariantCulture);
        var max = summary.Days.Values.Max(d => d.Total);
        Assert.Equal(HtmlReport.ChartHeight / max, scale, 6);
        foreach (var (day, totals) in summary.Days)
        {
            var bar = bars.Nth(day.DayNumber - summary.Days.Keys.First().DayNumber);
            Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await bar.GetAttributeAsync("data-day"));
            var ok = await bar.Locator("rect.successful").BoundingBoxAsync();
            var failed = await bar.Locator("rect.failed").BoundingBoxAsync();
            var svg = await page.Locator("svg#chart").BoundingBoxAsync();
            var pixelsPerUnit = svg!.Height / double.Parse((await page.Locator("svg#chart").GetAttributeAsync("height"))!, CultureInfo.InvariantCulture);
            Assert.Equal(totals.Successful, ok!.Height / pixelsPerUnit / scale, 1);
            Assert.Equal(totals.Failed, failed!.Height / pixelsPerUnit / scale, 1);
            if (totals.Failed > 0)
            {
                Assert.Equal(ok.Y, failed.Y + failed.Height, 1);
                Assert.Contains($"{totals.Failed} failed", await bar.Locator("title").TextContentAsync(), StringComparison.Ordinal);
            }
        }

        // The failure table has the failing MX and the total; the reporter's name is text, not markup.
        var row = page.Locator("#failures tbody tr").First;
        Assert.Contains("mx2.example.com", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(summary.Failed.ToString(CultureInfo.InvariantCulture), await row.Locator("td.n").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("<script>", await page.Locator("#organizations").TextContentAsync(), StringComparison.Ordinal);

        // axe-core's WCAG 2.2 AA rules, as for the web generator (axe itself needs JavaScript in the checking context).
        var checking = await browser.NewContextAsync();
        var axePage = await checking.NewPageAsync();
        await axePage.GotoAsync(new Uri(file).AbsoluteUri);
        var result = await axePage.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        Assert.NotEmpty(result.Passes);
        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MtaSts.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MtaSts.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
