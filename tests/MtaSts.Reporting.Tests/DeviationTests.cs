using System.IO.Compression;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

/// <summary>Hand-made deviations: each is read, and warned about with the reporter's name, or refused with a reason.</summary>
public sealed class DeviationTests
{
    private static readonly string[] Current = ["version: STSv1", "mode: testing", "mx: mx1.example.com", "max_age: 604800"];

    [Fact]
    public void A_conforming_report_has_no_diagnostics()
    {
        var result = Samples.Parse(Samples.Report(Samples.Sts("example.com", Current, 5, 1, Samples.Failure("starttls-not-supported", "mx1.example.com", 1))));
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Example Org", result.Report!.OrganizationName);
        Assert.Equal("mx1.example.com", result.Report.Policies[0].FailureDetails[0].ReceivingMxHostname);
    }

    [Theory]
    [InlineData("2026-11-01T00:00:00", 8101)]
    [InlineData("2026-11-01T00:00:00+00:00", 0)]
    [InlineData("2026-11-01T02:00:00+02:00", 0)]
    [InlineData("2026-11-01t00:00:00z", 0)]
    public void Dates_without_a_time_zone_are_utc(string start, int warning)
    {
        var result = Samples.Parse(Samples.Report(Samples.Sts("example.com", Current, 1, 0), start: start));
        Assert.Equal(new DateOnly(2026, 11, 1), result.Report!.Day);
        Assert.Equal(TimeSpan.Zero, result.Report.StartDatetime.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), result.Report.StartDatetime);
        Assert.Equal(warning == 0 ? [] : ["MTASTS" + warning], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Field_name_variants_are_read_as_the_rfc_names()
    {
        var result = Samples.Parse(Samples.Report("""{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":0,"total-failure-session-count":1},"failure-details":[{"result-type":"certificate-expired","receiving-mx-host-name":"MX1.Example.COM.","additional-info-uri":"https://example.org/why","failed-session-count":1}]}"""));
        var failure = result.Report!.Policies[0].FailureDetails[0];
        Assert.Equal("mx1.example.com", failure.ReceivingMxHostname);
        Assert.Equal("https://example.org/why", failure.AdditionalInformation);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Descriptor == DiagnosticDescriptors.ReportFieldVariant));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("Example Org: ", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_optional_parts_are_warned_about_and_counted()
    {
        var result = Samples.Parse("""{"organization-name":"Org","date-range":{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-02T00:00:00Z"},"contact-info":null,"policies":[{"policy":{"policy-type":"no-policy-found"},"summary":{"total-successful-session-count":"4"}}]}""");
        var report = result.Report!;
        Assert.StartsWith("sha256:", report.ReportId, StringComparison.Ordinal);
        Assert.Null(report.ContactInfo);
        Assert.Null(report.Policies[0].PolicyDomain);
        Assert.Equal(4, report.Policies[0].TotalSuccessfulSessionCount);
        Assert.Equal(
            ["MTASTS8103", "MTASTS8104", "MTASTS8104", "MTASTS8103", "MTASTS8104"],
            result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Failures_over_the_total_are_listed_but_the_total_counts()
    {
        var result = Samples.Parse(Samples.Report(Samples.Sts("example.com", Current, 0, 1, Samples.Failure("validation-failure", "mx1.example.com", 1) + "," + Samples.Failure("validation-failure", "mx1.example.com", 1, "192.0.2.2"))));
        Assert.Equal(DiagnosticDescriptors.ReportFailuresExceedTotal, Assert.Single(result.Diagnostics).Descriptor);
        var summary = new ReportSummary();
        summary.Add(result.Report!);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(2, summary.Failures.Single().Value.Sessions);
    }

    [Theory]
    [InlineData("", 8003)]
    [InlineData("{\"organization-name\":", 8003)]
    [InlineData("[1,2]", 8004)]
    [InlineData("{\"organization-name\":\"Org\",\"policies\":[]}", 8004)]
    [InlineData("{\"organization-name\":\"Org\",\"date-range\":{\"start-datetime\":\"yesterday\",\"end-datetime\":\"today\"},\"policies\":[]}", 8004)]
    [InlineData("{\"organization-name\":\"Org\",\"report-id\":\"1\",\"date-range\":{\"start-datetime\":\"2026-11-01T00:00:00Z\",\"end-datetime\":\"2026-11-01T23:59:59Z\"}}", 8004)]
    public void Reports_that_cannot_be_counted_are_errors_with_a_reason(string json, int code)
    {
        var result = Samples.Parse(json);
        Assert.Null(result.Report);
        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal("MTASTS" + code, error.Code);
        Assert.Equal("test.json", error.File);
    }

    [Fact]
    public void A_json_syntax_error_has_its_line_and_column()
    {
        var error = Assert.Single(Samples.Parse("{\n  \"organization-name\": \"Org\",\n  \"policies\": [,]\n}").Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ReportNotJson, error.Descriptor);
        Assert.Equal(3, error.Span.Line);
        Assert.StartsWith("test.json(3,", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_syntax_error_column_counts_characters_not_bytes()
    {
        // Found by fuzzing: System.Text.Json gives the position in bytes, which ran past the end of a line of
        // multi-byte characters. Here the raw line break inside the string is the error, after "Örg" (4 bytes, 3 chars).
        var error = Assert.Single(Samples.Parse("{\"organization-name\": \"Örg\n\"}").Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ReportNotJson, error.Descriptor);
        Assert.Equal((1, 27), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void Bad_files_are_reported_by_name_and_the_rest_still_count()
    {
        using var folder = new TempFolder();
        folder.Write("a-good.json", Samples.Report(Samples.Sts("example.com", Current, 3, 0)));
        folder.Write("b-broken.json.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3]);
        folder.Write("c-notes.eml", "Subject: lunch\r\n\r\nNo report here.\r\n");
        folder.Write("d-broken.json", "{\"organization-name\": ");
        var inputs = new ReportReader(workingDirectory: folder.Path).Read([".", "missing.json"]).ToList();
        var summary = new ReportSummary();
        inputs.ForEach(summary.Add);

        Assert.Equal(1, summary.ReportsCounted);
        Assert.Equal(3, summary.Successful);
        Assert.Equal(
            ["./b-broken.json.gz: MTASTS8005", "./d-broken.json(1,23): MTASTS8003", "missing.json: MTASTS8001"],
            summary.Errors.Select(e => $"{e.File}{e.Span}: {e.Code}"));
        var warning = Assert.Single(summary.Warnings).ToDiagnostic();
        Assert.Equal(DiagnosticDescriptors.ReportMessageWithoutReport, warning.Descriptor);
        Assert.Contains("'lunch'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mbox_maildir_and_stdin_are_read()
    {
        using var folder = new TempFolder();
        var google = File.ReadAllText(Samples.PathOf("google-com.krvtz.net.2024-09-15.eml"));
        var google2 = File.ReadAllText(Samples.PathOf("google-com.krvtz.net.2024-09-18.eml"));
        folder.Write("export.mbox", "From MAILER-DAEMON Mon Sep 16 00:00:00 2024\n" + google.Replace("\r\n", "\n") + "\nFrom MAILER-DAEMON Thu Sep 19 00:00:00 2024\n" + google2.Replace("\r\n", "\n") + "\n");
        folder.Write("Maildir/cur/1726444800.M1.host:2,S", google);
        folder.Write("Maildir/new/1726704000.M2.host", google2);
        folder.Write("Maildir/tmp/1726704001.M3.host", "half a delivery");
        folder.Write("Maildir/dovecot-uidlist", "3 V1 N2");
        folder.Write("Maildir/.Sent/cur/1.M1.host:2,S", "Subject: not a report\r\n\r\nhi\r\n");
        Directory.CreateSymbolicLink(System.IO.Path.Combine(folder.Path, "Maildir", "cur", "loop"), System.IO.Path.Combine(folder.Path, "Maildir"));

        var mbox = new ReportReader(workingDirectory: folder.Path).Read(["export.mbox"]).ToList();
        Assert.Equal(["export.mbox#1", "export.mbox#2"], mbox.Select(r => r.Source));
        Assert.All(mbox, r => Assert.NotNull(r.Report));

        var maildir = new ReportReader(workingDirectory: folder.Path).Read(["Maildir"]).ToList();
        Assert.Equal(2, maildir.Count);
        Assert.All(maildir, r => Assert.Empty(r.Diagnostics));

        var gzip = new MemoryStream();
        using (var zip = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(Encoding.UTF8.GetBytes(Samples.Report(Samples.Sts("example.com", Current, 7, 0))));
        }

        var stdin = new ReportReader(() => new MemoryStream(gzip.ToArray())).Read(["-"]).ToList();
        Assert.Equal(7, Assert.Single(stdin).Report!.Policies[0].TotalSuccessfulSessionCount);
        Assert.Equal("stdin", stdin[0].Source);
    }

    [Fact]
    public void A_report_forwarded_as_an_attachment_is_read_once()
    {
        var original = File.ReadAllText(Samples.PathOf("google-com.krvtz.net.2024-09-15.eml"));
        var forward = "From: me@example.com\r\nTo: tlsrpt@example.com\r\nSubject: Fwd: Report Domain: krvtz.net\r\nMIME-Version: 1.0\r\n"
                      + "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n--fwd\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                      + "--fwd\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + original.Replace("\r\n", "\n").Replace("\n", "\r\n") + "\r\n--fwd--\r\n";
        var input = Assert.Single(new ReportReader(() => new MemoryStream(Encoding.UTF8.GetBytes(forward))).Read(["-"]));
        Assert.True(input.Report is not null, string.Join("\n", input.Diagnostics));
        Assert.Equal("Google Inc.", input.Report!.OrganizationName);
    }

    [Fact]
    public void An_mbox_message_that_cannot_be_parsed_is_named_and_the_next_one_is_read()
    {
        using var folder = new TempFolder();
        var google = File.ReadAllText(Samples.PathOf("google-com.krvtz.net.2024-09-15.eml")).Replace("\r\n", "\n");
        var google2 = File.ReadAllText(Samples.PathOf("google-com.krvtz.net.2024-09-18.eml")).Replace("\r\n", "\n");
        var first = "From MAILER-DAEMON Mon Sep 16 00:00:00 2024\n" + google + "\n";
        folder.Write("export.mbox", first + "From MAILER-DAEMON Tue Sep 17 00:00:00 2024\n\0\0\0\n" + "From MAILER-DAEMON Thu Sep 19 00:00:00 2024\n" + google2 + "\n");

        var inputs = new ReportReader(workingDirectory: folder.Path).Read(["export.mbox"]).ToList();

        Assert.Equal(["export.mbox#1", "export.mbox#2", "export.mbox#3"], inputs.Select(r => r.Source));
        Assert.NotNull(inputs[0].Report);
        var error = Assert.Single(inputs[1].Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ReportInputUnreadable, error.Descriptor);
        Assert.Equal(first.Count(c => c == '\n') + 1, error.Span.Line);
        Assert.Contains("Message #2 of 'export.mbox'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the next message is read", error.Message, StringComparison.Ordinal);
        Assert.NotNull(inputs[2].Report);
    }

    [Fact]
    public void An_attachment_over_the_report_cap_is_refused_while_it_is_decoded()
    {
        var json = new byte[TlsRptParser.MaxReportBytes + 1];
        json.AsSpan().Fill((byte)' ');
        json[0] = (byte)'{';
        var message = "From: reports@example.net\r\nSubject: Report\r\nMIME-Version: 1.0\r\nContent-Type: application/tlsrpt+json\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                      + Convert.ToBase64String(json, Base64FormattingOptions.InsertLineBreaks) + "\r\n";

        var input = Assert.Single(new ReportReader(() => new MemoryStream(Encoding.ASCII.GetBytes(message))).Read(["-"]));

        Assert.Equal(DiagnosticDescriptors.ReportTooLarge, Assert.Single(input.Diagnostics).Descriptor);
    }

    [Fact]
    public void A_decompression_bomb_is_refused()
    {
        var gzip = new MemoryStream();
        using (var zip = new GZipStream(gzip, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 40; i++)
            {
                zip.Write(zeros);
            }
        }

        var input = Assert.Single(new ReportReader(() => new MemoryStream(gzip.ToArray())).Read(["-"]));
        Assert.Equal(DiagnosticDescriptors.ReportTooLarge, Assert.Single(input.Diagnostics).Descriptor);
    }
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mta-sts-reports-").FullName;

    public void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public void Write(string relative, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
