using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// Where received reports go. The default, <see cref="FileTlsRptReportStore"/>, writes files that
/// <c>mta-sts reports FOLDER</c> reads; register another implementation as a singleton
/// (<c>builder.Services.AddSingleton&lt;ITlsRptReportStore, MyStore&gt;()</c>) to keep them elsewhere.
/// </summary>
public interface ITlsRptReportStore
{
    /// <summary>
    /// Keeps <paramref name="report"/> durably before returning. A report already kept (the same organization-name and
    /// report-id, RFC 8460 §4.4) is not kept twice: return <see cref="TlsRptStoreResult.Duplicate"/>. Throw when it
    /// cannot be kept; the sender is answered 500 and may send it again.
    /// </summary>
    ValueTask<TlsRptStoreResult> StoreAsync(ReceivedTlsRptReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="report"/> (its organization-name and report-id) is kept already. Asked only when the
    /// daily cap is reached, so that a sender's retry of a report already kept still gets 200. The default says no.
    /// </summary>
    ValueTask<bool> ContainsAsync(TlsRptReport report, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

/// <summary>What <see cref="ITlsRptReportStore.StoreAsync"/> did.</summary>
public enum TlsRptStoreResult
{
    /// <summary>The report is kept.</summary>
    Stored,

    /// <summary>The report was kept before (same organization-name and report-id); nothing changed.</summary>
    Duplicate,
}

/// <summary>One report as received: what it says, and its bytes as the sender sent them (content coding removed).</summary>
public sealed class ReceivedTlsRptReport
{
    /// <summary>Creates the received form of one report.</summary>
    public ReceivedTlsRptReport(TlsRptReport report, ReadOnlyMemory<byte> content, string? policyDomain, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
        Content = content;
        PolicyDomain = policyDomain;
        ReceivedAt = receivedAt;
    }

    /// <summary>The report as parsed by the same reader as <c>mta-sts reports</c>.</summary>
    public TlsRptReport Report { get; }

    /// <summary>The body: gzip (<see cref="IsGzip"/>) or JSON, exactly as sent.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Whether <see cref="Content"/> is gzip (RFC 1952) rather than JSON.</summary>
    public bool IsGzip => ReportDecoder.IsGzip(Content.Span);

    /// <summary>The site's Policy Domain the report is about (A-label), or null when the report names none.</summary>
    public string? PolicyDomain { get; }

    /// <summary>When the receiver took it.</summary>
    public DateTimeOffset ReceivedAt { get; }
}
