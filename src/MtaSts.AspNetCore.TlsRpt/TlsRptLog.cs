using Microsoft.Extensions.Logging;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>The receiver's log lines (source-generated; event ids 1900-1999).</summary>
internal static partial class TlsRptLog
{
    [LoggerMessage(1900, LogLevel.Information, "TLS-RPT report {ReportId} from {Organization} for {PolicyDomain} stored ({Bytes} bytes).")]
    public static partial void Stored(ILogger logger, string reportId, string organization, string policyDomain, int bytes);

    [LoggerMessage(1901, LogLevel.Debug, "TLS-RPT report {ReportId} from {Organization} was stored before; answered 200 again.")]
    public static partial void Duplicate(ILogger logger, string reportId, string organization);

    [LoggerMessage(1902, LogLevel.Information, "TLS-RPT reports from {Organization} for {PolicyDomain} are dropped: not a Policy Domain of this site (logged once per sender and domain).")]
    public static partial void Foreign(ILogger logger, string organization, string policyDomain);

    [LoggerMessage(1903, LogLevel.Warning, "Too many distinct senders of foreign TLS-RPT reports: further ones are dropped without a log line.")]
    public static partial void ForeignLogFull(ILogger logger);

    [LoggerMessage(1904, LogLevel.Debug, "TLS-RPT upload refused with {StatusCode} ({ErrorType}): {Reason}")]
    public static partial void Rejected(ILogger logger, int statusCode, string errorType, string reason);

    [LoggerMessage(1905, LogLevel.Error, "TLS-RPT report {ReportId} from {Organization} cannot be stored; answered 500 so the sender tries again.")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string reportId, string organization);

    [LoggerMessage(1906, LogLevel.Warning, "The daily TLS-RPT cap is reached ({Reports} reports, {Bytes} bytes stored today, UTC): further reports are answered 503 with Retry-After until the next UTC day. Raise TlsRptReceiverOptions.MaxReportsPerDay or MaxBytesPerDay if these are real reports.")]
    public static partial void DailyCapReached(ILogger logger, int reports, long bytes);
}
