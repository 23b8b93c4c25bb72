using MtaSts.Diagnostics;

namespace MtaSts.Reporting;

public sealed class WarningGroup(Diagnostic first, string? reporter)
{
    public Diagnostic First { get; } = first;

    public string? Reporter { get; } = reporter;

    public int Count { get; internal set; } = 1;

    /// <summary>The first occurrence, with "(and N more like it)" when it repeated.</summary>
    public Diagnostic ToDiagnostic() => Count == 1
        ? First
        : First.Descriptor.Create($"{First.Message} (and {Count - 1} more like it from {Reporter ?? "unknown reporters"})", First.Span, First.File, First.Field);
}
