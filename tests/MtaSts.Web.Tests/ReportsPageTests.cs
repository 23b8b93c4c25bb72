using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MtaSts.Web.Tests;

/// <summary>
/// Read reports: the real senders' samples uploaded give the very page <c>mta-sts reports --html</c> writes for the
/// same files (the real tool, run as a process), with and without the verdict; caps refuse a gzip bomb, an oversized
/// upload and too many files with a message.
/// </summary>
public sealed class ReportsPageTests : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "tests", "MtaSts.Reporting.Tests", "Samples");

    /// <summary>Reports of every kind from the real senders (Google, Microsoft, Mail.ru): JSON, gzip, e-mail.</summary>
    private static readonly string[] SampleFiles =
    [
        "google-com.example-com.2024-02-17.sts-enforce.json",
        "microsoft-com.example-com.2024-02-16.sts-enforce.json",
        "microsoft-com.example-com.2024-03-26.no-timezone.json",
        "mail-ru.example.com.2024-02-22.http-404-500.json",
        "google-com.example-com-anonymized.2024-01-09.validation-failure.json",
        "microsoft-com.josh.scot.2025-08-03.json.gz",
        "google-com.krvtz.net.2024-09-15.eml",
        "microsoft-com.krvtz.net.2024-09-13.sts+tlsa.eml",
    ];

    private ConsoleServer server = null!;
    private string work = null!;

    public async Task InitializeAsync()
    {
        server = await ConsoleServer.StartAsync();
        work = Directory.CreateTempSubdirectory("mtasts-web-reports-").FullName;
        foreach (var file in SampleFiles)
        {
            File.Copy(Path.Combine(Samples, file), Path.Combine(work, file));
        }

        // An mbox file of two messages, as a mail client exports a folder.
        var mbox = new StringBuilder();
        foreach (var file in new[] { "google-com.krvtz.net.2024-09-18.eml", "mail-ru.krvtz.net.2023-01-25.fetch-timeout.eml" })
        {
            mbox.Append("From reports@example.net Thu Jan  1 00:00:00 2026\n")
                .Append(File.ReadAllText(Path.Combine(Samples, file)).Replace("\r\n", "\n").Replace("\nFrom ", "\n>From "))
                .Append('\n');
        }

        File.WriteAllText(Path.Combine(work, "exported.mbox"), mbox.ToString());
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    private string[] AllFiles => [.. SampleFiles, "exported.mbox"];

    [Fact]
    public async Task The_samples_give_the_same_page_as_mta_sts_reports_html()
    {
        var cli = await CliHtmlAsync(AllFiles);
        using var client = server.Client();

        var response = await client.PostAsync("/reports", Upload(AllFiles));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(cli, await response.Content.ReadAsStringAsync());
        Assert.Contains("style-src 'unsafe-inline'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task With_the_policy_s_mta_sts_yaml_the_page_has_the_verdict_of_mta_sts_reports_config()
    {
        const string yaml = "domain: example.com\nmode: testing\nmx: [mx1.example.com, mx2.example.com]\nmax_age: 1w\n";
        File.WriteAllText(Path.Combine(work, "mta-sts.yaml"), yaml);
        var cli = await CliHtmlAsync([.. AllFiles, "--config", "mta-sts.yaml"]);
        using var client = server.Client();

        var form = Upload(AllFiles);
        form.Add(new StringContent(yaml), "config");
        var response = await client.PostAsync("/reports", form);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"verdict\"", page);
        Assert.Equal(cli, page);
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_with_a_message()
    {
        var bomb = new MemoryStream();
        using (var zip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 40; i++)
            {
                zip.Write(zeros);
            }
        }

        using var client = server.Client();
        var response = await client.PostAsync("/reports", new MultipartFormDataContent { { new ByteArrayContent(bomb.ToArray()), "files", "bomb.json.gz" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("No report could be read from the upload", page);
        Assert.Contains("bomb.json.gz: MTASTS8006: The report decompresses to more than 33,554,432 bytes", page);
    }

    [Fact]
    public async Task An_upload_over_the_byte_cap_is_refused_with_413_and_a_message()
    {
        using var client = server.Client();
        var big = new byte[10 * 1024 * 1024 + 1];

        var response = await client.PostAsync("/reports", new MultipartFormDataContent { { new ByteArrayContent(big), "files", "big.json" } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The upload is larger than 10,485,760 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upload_without_a_length_over_the_byte_cap_is_cut_off_with_413()
    {
        await using var small = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Reports:MaxUploadBytes"] = "65536" });
        using var client = small.Client();
        var content = new MultipartFormDataContent { { new StreamContent(new MemoryStream(new byte[200_000])), "files", "big.json" } };
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The upload is larger than 65,536 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task More_files_than_the_cap_are_refused_with_a_message()
    {
        await using var small = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Reports:MaxFiles"] = "2" });
        using var client = small.Client();

        var response = await client.PostAsync("/reports", Upload(SampleFiles.Take(3)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("3 files: at most 2 can be read at once", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Far_more_files_than_the_cap_are_refused_while_the_form_is_read()
    {
        await using var small = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Reports:MaxFiles"] = "2" });
        using var client = small.Client();
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 40; i++)
        {
            form.Add(new ByteArrayContent("{}"u8.ToArray()), "files", $"r{i}.json");
        }

        var response = await client.PostAsync("/reports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 2 files at once", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invalid_mta_sts_yaml_is_refused_with_the_core_s_diagnostics()
    {
        using var client = server.Client();
        var form = Upload(SampleFiles.Take(1));
        form.Add(new StringContent("domain: example.com\nmode: enforced\nmx: [mx1.example.com]\nmax_age: 1w\n"), "config");

        var response = await client.PostAsync("/reports", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("mta-sts.yaml: MTASTS3002: 'enforced' is not a policy mode. Did you mean 'enforce'?", Text(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The page's text: tags dropped, entities decoded.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    private MultipartFormDataContent Upload(IEnumerable<string> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(work, file)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", file);
        }

        return form;
    }

    /// <summary><c>mta-sts reports FILES… --html page.html</c>, the real tool in the folder of the files.</summary>
    private async Task<string> CliHtmlAsync(string[] arguments)
    {
        var output = Path.Combine(work, $"cli-{Guid.NewGuid():N}.html");
        var result = await Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "mta-sts.dll"), "reports", .. arguments, "--html", output], work,
            timeout: TimeSpan.FromMinutes(1));
        Assert.True(File.Exists(output), result.Describe());
        return File.ReadAllText(output);
    }
}
