using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.Testing;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>What a hostile or broken sender can send, under real Kestrel over HTTPS.</summary>
public sealed class AbuseTests
{
    private const string Domain = "contoso.example";
    private const string Json = "application/tlsrpt+json";
    private const string Gzip = "application/tlsrpt+gzip";

    private static Task<ReceiverSite> StartAsync(TempFolder folder, Action<TlsRptReceiverOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        ReceiverSite.StartAsync(folder.Path, [Samples.Policy(Domain)], configure, services);

    [Fact]
    public async Task A_gzip_bomb_is_413_after_at_most_the_decompressed_cap_and_nothing_is_stored()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        // 64 MiB of spaces inside a JSON object: 64 KB of gzip, well under the body cap, twice the decompressed cap.
        var bomb = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("{"u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(spaces);
            }
        }

        Assert.True(bomb.Length < 1024 * 1024, bomb.Length.ToString());
        foreach (var (type, encoding) in new[] { (Gzip, (string?)null), (Json, "gzip") })
        {
            var (status, body, _) = await site.PostAsync(bomb.ToArray(), type, encoding);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains("decompresses to more than 33,554,432 bytes", body, StringComparison.Ordinal);
        }

        Assert.Empty(site.AllFiles());
    }

    [Fact]
    public async Task A_lower_decompressed_cap_is_413_for_json_and_gzip_alike()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder, options => options.MaxReportBytes = 600);
        var report = Samples.Report(Domain, "big", failures: string.Join(",", Enumerable.Repeat("""{"result-type":"certificate-expired","receiving-mx-hostname":"mx.contoso.example","failed-session-count":1}""", 10)));
        Assert.True(report.Length > 600);
        foreach (var (body, type) in new[] { (report, Json), (Samples.Gzip(report), Gzip) })
        {
            var (status, text, _) = await site.PostAsync(body, type);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains("600 bytes", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "small"), Json)).Status);
    }

    [Fact]
    public async Task A_100_MB_body_is_refused_413_while_streaming_without_being_read_or_kept()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);

        // Declared (with Expect: 100-continue, as curl sends it for a large body): refused before a byte of it is sent.
        var declared = new StreamContent(new ZeroStream(100_000_000));
        declared.Headers.ContentType = new MediaTypeHeaderValue(Json);
        declared.Headers.ContentLength = 100_000_000;
        using var request = new HttpRequestMessage(HttpMethod.Post, site.ReportsUri) { Content = declared };
        request.Headers.ExpectContinue = true;
        var stopwatch = Stopwatch.StartNew();
        using var first = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, first.StatusCode);

        // Streamed in chunks without a length, by curl from a pipe: read up to the 1 MiB cap, then refused.
        var curl = await Command.RunAsync("bash",
            ["-c", $"head -c 100000000 /dev/zero | curl -sS --max-time 30 --cacert '{ReceiverSite.CertificatePem}' -X POST -T - -H 'Content-Type: {Json}' -o body.txt -w '%{{http_code}}' '{site.ReportsUri}'"],
            folder.Path, timeout: TimeSpan.FromSeconds(60));
        Assert.True(curl.StandardOutput.Trim() == "413", curl.Describe());
        Assert.Contains("larger than 1048576 bytes", File.ReadAllText(Path.Combine(folder.Path, "body.txt")), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), stopwatch.Elapsed.ToString());
        Assert.Empty(site.AllFiles());

        // The site still answers.
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "after-the-big-one"), Json)).Status);
    }

    [Fact]
    public async Task A_slow_body_is_408_after_the_body_timeout()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder, options => options.BodyTimeout = TimeSpan.FromSeconds(2));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, site.Address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == ReceiverSite.Certificate.GetCertHashString());
        await tls.AuthenticateAsClientAsync("localhost");
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"POST /tlsrpt HTTP/1.1\r\nHost: localhost\r\nContent-Type: {Json}\r\nContent-Length: 1000\r\n\r\n"));
        var stopwatch = Stopwatch.StartNew();

        // One byte every 300 ms (Kestrel's own minimum rate, 240 bytes/s, would end it after its 5 s grace period).
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await tls.WriteAsync("{"u8.ToArray(), stop.Token);
                    await Task.Delay(300, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server closed the connection.
            }
        });
        var response = new byte[4096];
        var read = await tls.ReadAsync(response, stop.Token);
        await stop.CancelAsync();
        await trickle;

        var text = Encoding.ASCII.GetString(response, 0, read);
        Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
        Assert.Contains("Connection: close", text, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5));
        Assert.Contains(site.Logs.Lines, l => l.Contains("refused with 408 (body_timeout)", StringComparison.Ordinal));
        Assert.Empty(site.StoredFiles());
    }

    [Theory]
    [InlineData("application/json", null, "unsupported_media_type")]
    [InlineData("text/plain", null, "unsupported_media_type")]
    [InlineData("multipart/form-data; boundary=x", null, "unsupported_media_type")]
    [InlineData(Json, "br", "unsupported_content_encoding")]
    public async Task Another_media_type_or_content_coding_is_415(string mediaType, string? encoding, string reason)
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        var (status, body, _) = await site.PostAsync(Samples.Report(Domain, "r"), mediaType, encoding);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains(encoding is null ? "application/tlsrpt+gzip or application/tlsrpt+json" : "Content-Encoding 'br'", body, StringComparison.Ordinal);
        Assert.Contains(site.Logs.Lines, l => l.Contains($"({reason})", StringComparison.Ordinal));
        Assert.Empty(site.AllFiles());
    }

    [Theory]
    [InlineData("{\"organization-name\": \"x\",", "MTASTS8003: The report is not valid JSON")]
    [InlineData("[1, 2, 3]", "not a report object")]
    [InlineData("{\"organization-name\": \"x\"}", "no date-range")]
    public async Task A_body_that_is_not_a_report_is_400_with_the_readers_reason(string body, string reason)
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        foreach (var (bytes, type) in new[] { (Encoding.UTF8.GetBytes(body), Json), (Samples.Gzip(Encoding.UTF8.GetBytes(body)), Gzip) })
        {
            var (status, text, _) = await site.PostAsync(bytes, type);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(reason, text, StringComparison.Ordinal);
        }

        Assert.Empty(site.AllFiles());
    }

    [Fact]
    public async Task Damaged_gzip_is_400()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        var gzip = Samples.Gzip(Samples.Report(Domain, "r"));
        var (status, text, _) = await site.PostAsync(gzip[..(gzip.Length / 2)], Gzip);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("gzip", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_for_another_domain_is_200_dropped_and_logged_once_per_sender_and_domain()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("fabrikam.example", "f" + i, org: "Spammer"), Json)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("fabrikam.example", "g", org: "Other Org"), Json)).Status);
        Assert.Empty(site.AllFiles());
        var dropped = site.Logs.Lines.Where(l => l.Contains("are dropped: not a Policy Domain of this site", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, dropped.Count);
        Assert.Contains("from Spammer for fabrikam.example", dropped[0], StringComparison.Ordinal);
        Assert.Contains("from Other Org for fabrikam.example", dropped[1], StringComparison.Ordinal);

        // The site's own domain, any case and with a root dot, in the same form: stored.
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("Contoso.Example.", "mine"), Json)).Status);
        Assert.Single(site.StoredFiles());
    }

    [Fact]
    public async Task Two_hundred_concurrent_posts_lose_nothing_duplicate_nothing_and_leave_no_partial_file()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);
        // 100 reports, each sent twice at once (a sender's retry racing its first try), half gzip and half JSON.
        var posts = Enumerable.Range(0, 200).Select(i =>
        {
            var report = Samples.Report(Domain, "concurrent-" + (i / 2), ok: i / 2);
            return i % 4 < 2 ? site.PostAsync(report, Json) : site.PostAsync(Samples.Gzip(report), Gzip);
        });
        var results = await Task.WhenAll(posts);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.True(site.StoredFiles().Count == 100, string.Join('\n', site.StoredFiles()));
        Assert.True(site.AllFiles().Count == 100, string.Join('\n', site.AllFiles().Except(site.StoredFiles())));
        var totals = await SenderTests.ReportsAsync([site.Store], folder.Path, "store");
        Assert.Equal(100, totals.GetProperty("reports").GetInt32());
        Assert.Equal(Enumerable.Range(0, 100).Sum(), totals.GetProperty("successful-sessions").GetInt64());
        Assert.Equal(0, totals.GetProperty("unreadable-inputs").GetInt32());
        Assert.Equal(100, site.Logs.Lines.Count(l => l.Contains("stored (", StringComparison.Ordinal)));
        Assert.Equal(100, site.Logs.Lines.Count(l => l.Contains("was stored before", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_is_500_with_a_log_line_and_the_policy_is_still_served()
    {
        using var folder = new TempFolder();
        // A file where the store's folder should be: no user, root included, can create the folder.
        File.WriteAllText(Path.Combine(folder.Path, "blocker"), "");
        await using var site = await StartAsync(folder, options => options.StorePath = "blocker/reports");

        var (status, body, _) = await site.PostAsync(Samples.Report(Domain, "r"), Json);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("send it again later", body, StringComparison.Ordinal);
        Assert.Contains(site.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("TLS-RPT report r from Example Org cannot be stored", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Address, "/.well-known/mta-sts.txt"));
        request.Headers.Host = "mta-sts." + Domain;
        using var policy = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.StartsWith("version: STSv1", await policy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_daily_cap_reports_are_503_with_retry_after_and_one_warning()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder, options => options.MaxReportsPerDay = 2);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "1"), Json)).Status);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "2"), Json)).Status);
        // A duplicate takes no share of the cap.
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "2"), Json)).Status);

        for (var i = 3; i <= 4; i++)
        {
            var (status, _, response) = await site.PostAsync(Samples.Report(Domain, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Json);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        }

        Assert.Equal(2, site.StoredFiles().Count);
        Assert.Single(site.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("daily TLS-RPT cap is reached (2 reports", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bytes_per_day_cap_counts_bytes()
    {
        using var folder = new TempFolder();
        var report = Samples.Report(Domain, "1");
        await using var site = await StartAsync(folder, options => options.MaxBytesPerDay = report.Length + 10);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(report, Json)).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await site.PostAsync(Samples.Report(Domain, "2"), Json)).Status);
    }

    [Fact]
    public async Task Anonymous_post_works_under_an_authorization_fallback_policy_and_antiforgery_and_other_methods_are_405()
    {
        using var folder = new TempFolder();
        await using var site = await StartAsync(folder);

        using var account = await site.Client.GetAsync(new Uri(site.Address, "/account"));
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Contains("/Account/Login", account.Headers.Location?.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report(Domain, "anonymous"), Json)).Status);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await site.Client.SendAsync(new HttpRequestMessage(method, site.ReportsUri));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("POST", response.Content.Headers.Allow);
        }
    }

    /// <summary>Zeros, produced as they are read: a large body without a large array on the client.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
