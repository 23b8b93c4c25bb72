namespace MtaSts.Reporting;

/// <summary>
/// One TLS-RPT aggregate report (RFC 8460 §4.4) as read, after the senders' deviations were smoothed over: dates are
/// UTC, <c>mx-host</c> is a list, field-name variants are mapped to the RFC's names.
/// </summary>
public sealed record TlsRptReport(
    string OrganizationName,
    DateTimeOffset StartDatetime,
    DateTimeOffset EndDatetime,
    string? ContactInfo,
    string ReportId,
    IReadOnlyList<PolicyResult> Policies)
{
    /// <summary>The UTC day a report is counted on: the day its date range starts (RFC 8460 §4.1: one UTC day per report).</summary>
    public DateOnly Day => DateOnly.FromDateTime(StartDatetime.UtcDateTime);

    /// <summary>
    /// The UTC days the date range covers. Senders end a day at <c>23:59:59Z</c> (Google, Microsoft) or at the next
    /// <c>00:00:00Z</c> (Mail.ru, SocketLabs, Stalwart): both cover one day. At most 31 days, so a broken range cannot
    /// claim a month of evidence.
    /// </summary>
    public IEnumerable<DateOnly> Days
    {
        get
        {
            var first = Day;
            var lastInstant = EndDatetime > StartDatetime ? EndDatetime.AddSeconds(-1) : StartDatetime;
            var last = DateOnly.FromDateTime(lastInstant.UtcDateTime);
            for (var day = first; day <= last && day.DayNumber - first.DayNumber < 31; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }
}
