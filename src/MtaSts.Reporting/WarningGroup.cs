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
        : First.Descriptor.Create(
            DiagnosticMessages.Report.MoreLikeIt.Format(First.Message, Count - 1, Reporter ?? DiagnosticMessages.Report.UnknownReporters.Format()),
            First.Span,
            First.File,
            First.Field);
}
