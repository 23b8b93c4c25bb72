using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MtaSts.Testing;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>
/// Real senders' reports posted over HTTPS as each sender posts them, then read back from the store by the real
/// <c>mta-sts reports</c> process: the same totals as the files themselves.
/// </summary>
public sealed class SenderTests
{
    /// <summary>How senders post (RFC 8460 §5.4): the Postfix reporter (sys4 tlsrpt-reporter) gzip without Content-Encoding; JSON; JSON with Content-Encoding gzip.</summary>
    private static readonly string[] Forms = ["tlsrpt+gzip", "tlsrpt+json", "tlsrpt+json;gzip"];

    [Fact]
    public async Task Real_reports_posted_with_curl_in_every_senders_form_give_the_same_totals_as_the_files()
    {
        using var folder = new TempFolder();
        await using var site = await ReceiverSite.StartAsync(folder.Path, Samples.PoliciesForAllSamples());

        var posted = 0;
        foreach (var form in Forms)
        {
            foreach (var sample in Samples.Bodies)
            {
                var status = await CurlAsync(site, sample, form, folder.Path);
                Assert.True(status == "200", $"{Path.GetFileName(sample)} as {form}: {status}\n{string.Join('\n', site.Logs.Lines)}");
                posted++;
            }
        }

        // Each report three times: stored once.
        Assert.Equal(Samples.Bodies.Count, posted / Forms.Length);
        var distinct = Samples.Bodies.Select(Samples.Parse).Select(r => (r.OrganizationName, r.ReportId)).Distinct().Count();
        Assert.Equal(distinct, site.StoredFiles().Count);

        var files = await ReportsAsync(Samples.Bodies, folder.Path, "files");
        var store = await ReportsAsync([site.Store], folder.Path, "store");
        Assert.True(files.GetProperty("reports").GetInt32() > 15, files.ToString());
        Assert.Equal(files.GetProperty("reports").GetInt32(), store.GetProperty("reports").GetInt32());
        Assert.Equal(files.GetProperty("successful-sessions").GetInt64(), store.GetProperty("successful-sessions").GetInt64());
        Assert.Equal(files.GetProperty("failed-sessions").GetInt64(), store.GetProperty("failed-sessions").GetInt64());
        Assert.Equal(0, store.GetProperty("unreadable-inputs").GetInt32());
        Assert.Equal(0, store.GetProperty("duplicates").GetInt32());

        // One domain's view with --config, as docs/reports.md tells the site owner to run it.
        File.WriteAllText(Path.Combine(folder.Path, "mta-sts.yaml"), "domain: example.com\nmode: testing\nmx: ['*.example.com']\nmax_age: 1d\n");
        var filesOne = await ReportsAsync(Samples.Bodies, folder.Path, "files", "--config", "mta-sts.yaml");
        var storeOne = await ReportsAsync([site.Store], folder.Path, "store", "--config", "mta-sts.yaml");
        Assert.True(filesOne.GetProperty("reports").GetInt32() >= 4, filesOne.ToString());
        Assert.Equal(filesOne.ToString(), storeOne.ToString());
    }

    /// <summary>curl as the sys4 tlsrpt-reporter runs it: <c>--data-binary</c> with the media type and nothing else.</summary>
    private static async Task<string> CurlAsync(ReceiverSite site, string sample, string form, string scratch)
    {
        var bytes = await File.ReadAllBytesAsync(sample);
        var isGzip = bytes is [0x1f, 0x8b, ..];
        var json = isGzip ? Gunzip(bytes) : bytes;
        var (body, headers) = form switch
        {
            "tlsrpt+gzip" => (isGzip ? bytes : Samples.Gzip(json), new[] { "Content-Type: application/tlsrpt+gzip" }),
            "tlsrpt+json" => (json, new[] { "Content-Type: application/tlsrpt+json" }),
            _ => (Samples.Gzip(json), new[] { "Content-Type: application/tlsrpt+json", "Content-Encoding: gzip" }),
        };
        var file = Path.Combine(scratch, "body-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, body);
        var arguments = new List<string> { "-sS", "--max-time", "20", "--cacert", ReceiverSite.CertificatePem, "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@" + file };
        foreach (var header in headers)
        {
            arguments.AddRange(["-H", header]);
        }

        arguments.Add(site.ReportsUri.ToString());
        var run = await Command.RunAsync("curl", arguments, scratch, timeout: TimeSpan.FromSeconds(30));
        File.Delete(file);
        return run.StandardOutput.Trim() + (run.Succeeded ? "" : " " + run.Output);
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(gzip), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The totals of <c>mta-sts reports INPUTS --format json</c>, run as a real process.</summary>
    internal static async Task<JsonElement> ReportsAsync(IEnumerable<string> inputs, string workingDirectory, string label, params string[] more)
    {
        var run = await Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "mta-sts.dll"), "reports", .. inputs, "--format", "json", .. more], workingDirectory, timeout: TimeSpan.FromSeconds(60));
        var start = run.StandardOutput.IndexOf('{');
        Assert.True(start >= 0, $"{label}: {run.Describe()}");
        using var document = JsonDocument.Parse(run.StandardOutput[start..]);
        return document.RootElement.GetProperty("totals").Clone();
    }
}
