namespace MtaSts.Reporting;

public sealed class OrganizationTotals : SessionTotals
{
    public int Reports { get; internal set; }

    public DateOnly? FirstDay { get; internal set; }

    public DateOnly? LastDay { get; internal set; }
}
