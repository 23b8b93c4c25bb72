using Microsoft.Playwright;

namespace MtaSts.Web.Tests;

/// <summary>What a user fills in. Max age is a preset's seconds, or any other text for the "Other" field.</summary>
internal sealed record FormInput(
    string Domain = "example.com",
    string Mode = "testing",
    string Mx = "mx1.example.com\n*.mail.example.com",
    string MaxAge = "604800",
    string TlsRpt = "mailto:tlsrpt@example.com",
    string Id = "timestamp");

/// <summary>The generator page in a browser, driven the way a user drives it.</summary>
internal sealed class GeneratorPage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    public async Task OpenAsync()
    {
        var response = await page.GotoAsync(baseAddress.ToString());
        Assert.Equal(200, response!.Status);
    }

    public async Task FillAsync(FormInput input)
    {
        await page.FillAsync("#domain", input.Domain);
        await SelectAsync("#mode-" + input.Mode);
        await page.FillAsync("#mx", input.Mx);
        if (await page.Locator("#max-age-" + input.MaxAge).CountAsync() == 1 && input.MaxAge.All(char.IsAsciiDigit))
        {
            await SelectAsync("#max-age-" + input.MaxAge);
        }
        else
        {
            await SelectAsync("#max-age-other");
            await page.FillAsync("#max-age-custom", input.MaxAge);
        }

        await page.FillAsync("#tls-rpt", input.TlsRpt);
        await SelectAsync("#id-" + input.Id);
    }

    /// <summary>
    /// Selects a radio button from the keyboard (focus, Space), as a user can. Not a mouse click: live validation adds
    /// messages beside the fields while the form is filled, and a click aimed at a radio can land on whatever the new
    /// layout moved under it.
    /// </summary>
    private async Task SelectAsync(string selector)
    {
        var radio = page.Locator(selector);
        if (!await radio.IsCheckedAsync())
        {
            await radio.FocusAsync();
            await page.Keyboard.PressAsync("Space");
        }

        Assert.True(await radio.IsCheckedAsync(), $"{selector} is not selected");
    }

    /// <summary>Clicks Generate and waits for the new page: results on success, the problem summary otherwise.</summary>
    public async Task GenerateAsync()
    {
        await page.ClickAsync("#generate");
        await page.Locator("#results, #summary").First.WaitForAsync();
    }

    public Task<string> TextAsync(string selector) => page.Locator(selector).TextContentAsync()!;

    /// <summary>The messages shown beside a field: (code, text) pairs.</summary>
    public async Task<IReadOnlyList<(string Code, string Text)>> MessagesAsync(string messagesId)
    {
        var items = page.Locator($"#{messagesId} li");
        var result = new List<(string, string)>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            var code = await items.Nth(i).Locator(".code").TextContentAsync();
            var text = await items.Nth(i).Locator(".text").TextContentAsync();
            result.Add((code!, text!));
        }

        return result;
    }

    public async Task<byte[]> DownloadAsync(string buttonSelector, string expectedFileName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(buttonSelector));
        Assert.Equal(expectedFileName, download.SuggestedFilename);
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }
}
