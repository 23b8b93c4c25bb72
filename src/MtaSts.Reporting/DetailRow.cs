namespace MtaSts.Reporting;

public sealed class DetailRow
{
    public long Sessions { get; internal set; }

    public CappedSet SendingIps { get; } = new(ReportSummary.MaxListed);
}
