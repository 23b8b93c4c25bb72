using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

/// <summary>Every real report in Samples/ (README.md there says where each comes from) is read and counted right.</summary>
public sealed class SampleTests
{
    public static TheoryData<string, string, string, long, long, string> Expected => new()
    {
        // file, organization-name, day, successful, failed (sessions counted once per report), warning codes
        { "from-issues/egressif-stalwart.mx-egressif-io.2024-10-31.no-policy-found.contact-null.json", "mx.egressif.io", "2024-10-31", 1, 0, "8103" },
        { "from-issues/microsoft-com.redacted.2025-06-14.fetch-error-no-ip-no-mx.issue57.json", "Microsoft Corporation", "2025-06-14", 0, 3, "" },
        { "from-issues/stalwart-shaped.refluxstop-de.2026-01-11.sts-enforce.contact-null.json", "refluxstop.de", "2026-01-11", 1, 0, "8103" },
        { "from-issues/sys4-tlsrpt-reporter.sonne-floppy-org.2025-09-20.no-policy-domain.pretty.json", "sonne.floppy.org", "2025-09-20", 1, 0, "8104" },
        { "google-com.cardinalhealth.ca.2024-09-03.eml", "Google Inc.", "2024-09-03", 48, 0, "" },
        { "google-com.domain-de.2025-04-12.no-policy-found.raw.json", "Google Inc.", "2025-04-12", 2, 0, "" },
        { "google-com.example-com-anonymized.2024-01-09.validation-failure.json", "Example Inc.", "2024-01-09", 0, 3, "" },
        { "google-com.example-com.2024-02-17.sts-enforce.json", "Google Inc.", "2024-02-17", 53, 0, "" },
        { "google-com.fastmaildmarc.com.2020-03-02.no-policy-found.eml", "Google Inc.", "2020-03-02", 343, 0, "" },
        { "google-com.foo-bar-io.2025-03-27.no-policy-found.pretty.json", "Google Inc.", "2025-03-27", 1, 0, "" },
        { "google-com.foo-bar-io.2025-05-22.sts-enforce.pretty.json", "Google Inc.", "2025-05-22", 1, 0, "" },
        { "google-com.krvtz.net.2024-09-15.eml", "Google Inc.", "2024-09-15", 1, 0, "" },
        { "google-com.krvtz.net.2024-09-18.eml", "Google Inc.", "2024-09-18", 2, 0, "" },
        { "google-com.test.xmox.nl.2022-09-15.crlf.eml", "Google Inc.", "2022-09-15", 3, 0, "" },
        { "mail-ru.example.com.2024-02-22.http-404-500.json", "Mail.ru", "2024-02-22", 0, 1, "8105" },
        { "mail-ru.krvtz.net.2023-01-25.fetch-timeout.eml", "Mail.ru", "2023-01-25", 0, 1, "" },
        { "mail-ru.krvtz.net.2023-01-25.fetch-timeout.json", "Mail.ru", "2023-01-25", 0, 1, "" },
        { "microsoft-com.example-com.2024-02-16.sts-enforce.json", "Microsoft Corporation", "2024-02-16", 18, 0, "" },
        { "microsoft-com.example-com.2024-03-26.no-timezone.json", "Microsoft Corporation", "2024-03-26", 7, 0, "8101" },
        { "microsoft-com.josh.scot.2025-08-03.json.gz", "Microsoft Corporation", "2025-08-03", 2, 0, "" },
        { "microsoft-com.krvtz.net.2024-09-13.sts+tlsa.eml", "Microsoft Corporation", "2024-09-13", 2, 0, "8106" },
        { "microsoft-com.random-net.2025-05-23.sts+tlsa-3-1-1.json", "Microsoft Corporation", "2025-05-23", 2, 0, "8106" },
        { "microsoft-com.redacted.2025-06-14.fetch-error-no-ip-no-mx.json", "Microsoft Corporation", "2025-06-14", 0, 3, "" },
        { "microsoft-com.test.xmox.nl.2023-01-10.no-timezone.crlf.eml", "Microsoft Corporation", "2023-01-10", 2, 0, "8101" },
        { "not-real/microsoft-com.josh.scot.2025-08-03.edited-by-test.json", "Microsoft Corporation", "2025-08-03", 2, 2, "8102 8105 8107" },
        { "not-real/rfc8460-errata-6241.mx-host-array.json", "Company-X", "2016-04-01", 5326, 303, "" },
        { "not-real/rfc8460-section4.4-example.mx-host-string.json", "Company-X", "2016-04-01", 5326, 303, "8103" },
        { "not-real/stalwart-shaped.server-com.2026-01-11.contact-info-null.edited.json", "server.com", "2026-01-11", 1, 0, "8103" },
        { "unattributed/google-com.test-mailflow-ovh.2020-02-06.three-policies-same-day.json", "Google Inc.", "2020-02-06", 1, 13, "" },
        { "unattributed/socketlabs-com.test-mailflow-ovh.2020-02-27.cert-host-mismatch.receiving-mx-host-name.json", "socketlabs.com", "2020-02-27", 12, 2, "8102" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Every_sample_is_read_and_counted(string file, string organization, string day, long successful, long failed, string warnings)
    {
        var input = Samples.ReadOne(file);
        Assert.True(input.Report is not null, string.Join("\n", input.Diagnostics));
        Assert.Equal(organization, input.Report!.OrganizationName);
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), input.Report.Day);
        Assert.Single(input.Report.Days);
        Assert.DoesNotContain(input.Diagnostics, d => d.IsError);
        Assert.Equal(warnings, string.Join(" ", input.Diagnostics.Select(d => d.Code[6..]).Distinct().Order(StringComparer.Ordinal)));
        Assert.All(input.Diagnostics, d => Assert.StartsWith(organization + ":", d.Message, StringComparison.Ordinal));

        var summary = new ReportSummary();
        summary.Add(input);
        Assert.Equal(successful, summary.Successful);
        Assert.Equal(failed, summary.Failed);
    }

    [Fact]
    public void The_table_lists_every_sample_file()
    {
        var files = Directory.EnumerateFiles(Samples.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Samples.Folder, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(files, Expected.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Microsoft_sts_and_tlsa_for_the_same_sessions_are_not_added()
    {
        var report = Samples.ReadOne("microsoft-com.krvtz.net.2024-09-13.sts+tlsa.eml").Report!;
        Assert.Equal(["sts", "tlsa"], report.Policies.Select(p => p.PolicyType));
        Assert.All(report.Policies, p => Assert.Equal(2, p.TotalSuccessfulSessionCount));

        // The TLSA policy-string was one JSON-encoded string; it is read as the 13 records it holds.
        Assert.Equal(13, report.Policies[1].PolicyString.Count);
        Assert.All(report.Policies[1].PolicyString, line => Assert.StartsWith("2 1 1 ", line, StringComparison.Ordinal));
        Assert.Equal("133708152202987951+krvtz.net", report.ReportId);
    }

    [Fact]
    public void Microsoft_dates_without_time_zone_are_utc_days()
    {
        var report = Samples.ReadOne("microsoft-com.example-com.2024-03-26.no-timezone.json").Report!;
        Assert.Equal(new DateTimeOffset(2024, 3, 26, 0, 0, 0, TimeSpan.Zero), report.StartDatetime);
        Assert.Equal(TimeSpan.Zero, report.StartDatetime.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 26, 23, 59, 59, TimeSpan.Zero), report.EndDatetime);
    }

    [Fact]
    public void A_day_ending_at_the_next_midnight_is_one_day()
    {
        var report = Samples.ReadOne("mail-ru.krvtz.net.2023-01-25.fetch-timeout.json").Report!;
        Assert.Equal(new DateTimeOffset(2023, 1, 26, 0, 0, 0, TimeSpan.Zero), report.EndDatetime);
        Assert.Equal([new DateOnly(2023, 1, 25)], report.Days);
        var failure = Assert.Single(Assert.Single(report.Policies).FailureDetails);
        Assert.Equal(ResultTypes.StsPolicyFetchError, failure.ResultType);
        Assert.Null(failure.ReceivingMxHostname);
        Assert.Contains("context deadline exceeded", failure.FailureReasonCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Mx_host_arrays_strings_and_absence()
    {
        Assert.Equal(["carp-20.krvtz.net"], Samples.ReadOne("google-com.krvtz.net.2024-09-15.eml").Report!.Policies[0].MxHost);
        Assert.Equal(["*.mail.company-y.example"], Samples.ReadOne("not-real/rfc8460-section4.4-example.mx-host-string.json").Report!.Policies[0].MxHost);
        Assert.Empty(Samples.ReadOne("microsoft-com.random-net.2025-05-23.sts+tlsa-3-1-1.json").Report!.Policies[0].MxHost);
    }

    [Fact]
    public void SocketLabs_receiving_mx_host_name_is_the_receiving_mx()
    {
        var report = Samples.ReadOne("unattributed/socketlabs-com.test-mailflow-ovh.2020-02-27.cert-host-mismatch.receiving-mx-host-name.json").Report!;
        var failure = Assert.Single(report.Policies[1].FailureDetails);
        Assert.Equal("mta-sts.test.mailflow.ovh", failure.ReceivingMxHostname);
        Assert.Equal(ResultTypes.CertificateHostMismatch, failure.ResultType);
        Assert.Equal("142.0.177.133", failure.SendingMtaIp);
    }

    [Fact]
    public void The_gateway_modified_google_message_is_read()
    {
        // An IronPort banner in the text part, 'application/tlsrpt+gzip; ' with a folded name parameter.
        var report = Samples.ReadOne("google-com.cardinalhealth.ca.2024-09-03.eml").Report!;
        Assert.Equal("2024-09-03T00:00:00Z_cardinalhealth.ca", report.ReportId);
        Assert.Equal(PolicyResult.NoPolicyFound, Assert.Single(report.Policies).PolicyType);
    }

    [Fact]
    public void The_whole_folder_counts_each_report_once()
    {
        var summary = new ReportSummary();
        foreach (var input in new ReportReader().Read([Samples.Folder]))
        {
            summary.Add(input);
        }

        Assert.Empty(summary.Errors);

        // The folder's README.md is not a report: skipped with a warning, not an error.
        Assert.Contains(summary.Warnings, w => w.First.Code == "MTASTS8007" && w.First.File!.EndsWith("README.md", StringComparison.Ordinal));

        // 30 files; duplicates by (organization-name, report-id): the Mail.ru .eml and its .json, the test-edited
        // copy of the Microsoft josh.scot report, and the two versions of the RFC 8460 §4.4 example.
        Assert.Equal(3, summary.Duplicates);
        Assert.Equal(27, summary.ReportsCounted);
        Assert.Equal(10, summary.Organizations.Count);
    }
}
