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
        (playwright, Chromium) = await LaunchAsync(ChromiumPath);
    }

    /// <summary>Playwright and a headless Chromium started by <paramref name="executable"/> (Debian's, or a wrapper).</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Chromium)> LaunchAsync(string executable)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return (playwright, chromium);
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
