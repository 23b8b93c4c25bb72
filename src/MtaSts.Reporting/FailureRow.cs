namespace MtaSts.Reporting;

public sealed class FailureRow
{
    public long Sessions { get; internal set; }

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);

    public SortedSet<DateOnly> Days { get; } = [];

    public CappedSet SendingIps { get; } = new(ReportSummary.MaxListed);

    public CappedSet Information { get; } = new(ReportSummary.MaxListed);
}
