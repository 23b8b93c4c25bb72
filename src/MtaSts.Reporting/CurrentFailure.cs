namespace MtaSts.Reporting;

public sealed class CurrentFailure
{
    public long Sessions { get; internal set; }

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);
}
