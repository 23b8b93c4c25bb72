using Microsoft.Playwright;

namespace MtaSts.Web.Tests;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>), headless, driven by Playwright. No browser is downloaded; the
/// flags keep it from needing a sandbox, a GPU or the network.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (build/prerequisites.sh does).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>One app and one browser for every browser test: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratorCollection : ICollectionFixture<GeneratorServer>, ICollectionFixture<Browser>
{
    public const string Name = "generator";
}
