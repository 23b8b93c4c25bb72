using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.AspNetCore.TlsRpt;
using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>The file store on its own, and the registration rules.</summary>
public sealed class StoreTests
{
    private static ReceivedTlsRptReport Received(byte[] body) =>
        new(ReportDecoder.Decode(new MemoryStream(body), "t").Report!, body, "contoso.example", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_report_is_one_gzip_file_named_by_organization_and_report_id_whatever_form_it_came_in()
    {
        using var folder = new TempFolder();
        var store = new FileTlsRptReportStore(folder.Path);
        var json = Samples.Report("contoso.example", "2026-12-01T00:00:00Z_contoso.example", org: "Google Inc.");

        Assert.Equal(TlsRptStoreResult.Stored, await store.StoreAsync(Received(json), default));
        Assert.Equal(TlsRptStoreResult.Duplicate, await store.StoreAsync(Received(Samples.Gzip(json)), default));

        var file = Assert.Single(Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(folder.Path, "google_inc."), Path.GetDirectoryName(file));
        Assert.Matches(@"^2026-12-01t00_00_00z_contoso.example![0-9a-f]{20}\.json\.gz$", Path.GetFileName(file));
        Assert.Equal(file, store.PathOf(Received(json).Report));
        Assert.True(await store.ContainsAsync(Received(json).Report, default));
        var reread = ReportDecoder.Decode(File.OpenRead(file), file);
        Assert.Equal("2026-12-01T00:00:00Z_contoso.example", reread.Report?.ReportId);
    }

    [Fact]
    public async Task Names_from_a_hostile_sender_stay_inside_the_folder_and_are_not_hidden()
    {
        using var folder = new TempFolder();
        var store = new FileTlsRptReportStore(folder.Path);
        var json = Samples.Report("contoso.example", "../../etc/passwd\\u0000", org: "..");
        Assert.Equal(TlsRptStoreResult.Stored, await store.StoreAsync(Received(json), default));
        var file = Assert.Single(Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories));
        Assert.StartsWith(folder.Path + Path.DirectorySeparatorChar, file, StringComparison.Ordinal);
        Assert.Equal(2, Path.GetRelativePath(folder.Path, file).Split(Path.DirectorySeparatorChar).Length);
        Assert.DoesNotContain(Path.GetRelativePath(folder.Path, file).Split(Path.DirectorySeparatorChar), part => part.StartsWith('.'));
    }

    [Fact]
    public async Task What_a_kill_in_the_middle_of_a_write_leaves_is_a_hidden_temporary_file_that_mta_sts_reports_skips()
    {
        using var folder = new TempFolder();
        var store = new FileTlsRptReportStore(Path.Combine(folder.Path, "reports"));
        var whole = Samples.Report("contoso.example", "whole");
        await store.StoreAsync(Received(whole), default);
        // The state a kill between the write and the move leaves: the temporary file, half written, under its hidden name.
        var half = Samples.Gzip(Samples.Report("contoso.example", "half"));
        var target = store.PathOf(Received(Samples.Report("contoso.example", "half")).Report);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".0123.tmp"), half[..(half.Length / 2)]);

        var totals = await SenderTests.ReportsAsync([store.Folder], folder.Path, "store");
        Assert.Equal(1, totals.GetProperty("reports").GetInt32());
        Assert.Equal(0, totals.GetProperty("unreadable-inputs").GetInt32());

        // The sender, answered nothing, sends it again: stored whole.
        Assert.Equal(TlsRptStoreResult.Stored, await store.StoreAsync(Received(Samples.Report("contoso.example", "half")), default));
        Assert.Equal(2, (await SenderTests.ReportsAsync([store.Folder], folder.Path, "store")).GetProperty("reports").GetInt32());
    }

    [Fact]
    public async Task A_store_of_the_apps_own_is_used_instead_of_the_folder()
    {
        using var folder = new TempFolder();
        var mine = new ListStore();
        await using var site = await ReceiverSite.StartAsync(folder.Path, [Samples.Policy("contoso.example")], services: s => s.AddSingleton<ITlsRptReportStore>(mine));
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Gzip(Samples.Report("contoso.example", "x")), "application/tlsrpt+gzip")).Status);
        var received = Assert.Single(mine.Reports);
        Assert.True(received.IsGzip);
        Assert.Equal("contoso.example", received.PolicyDomain);
        Assert.Empty(site.AllFiles());
    }

    [Fact]
    public void Mapping_without_the_services_fails_at_start_up_naming_the_line_to_add()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMtaSts(new ServedPolicySet([Samples.Policy("contoso.example")]));
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapTlsRptReports());
        Assert.Contains("builder.Services.AddTlsRptReceiver();", error.Message, StringComparison.Ordinal);

        var noPolicies = WebApplication.CreateSlimBuilder();
        noPolicies.Services.AddTlsRptReceiver();
        using var app2 = noPolicies.Build();
        Assert.Contains("builder.Services.AddMtaSts();", Assert.Throws<InvalidOperationException>(() => app2.MapTlsRptReports()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_option_fails_at_start_up()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMtaSts(new ServedPolicySet([Samples.Policy("contoso.example")]));
        builder.Services.AddTlsRptReceiver(o => o.MaxReportBytes = TlsRptParser.MaxReportBytes + 1);
        using var app = builder.Build();
        Assert.Contains("MaxReportBytes is at most 33554432", Assert.Throws<InvalidOperationException>(() => app.MapTlsRptReports()).Message, StringComparison.Ordinal);
    }

    private sealed class ListStore : ITlsRptReportStore
    {
        public List<ReceivedTlsRptReport> Reports { get; } = [];

        public ValueTask<TlsRptStoreResult> StoreAsync(ReceivedTlsRptReport report, CancellationToken cancellationToken)
        {
            lock (Reports)
            {
                Reports.Add(report);
            }

            return ValueTask.FromResult(TlsRptStoreResult.Stored);
        }
    }
}
