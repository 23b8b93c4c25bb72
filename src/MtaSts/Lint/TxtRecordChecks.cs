using MtaSts.Diagnostics;

namespace MtaSts.Lint;

/// <summary>Checks for the <c>_mta-sts</c> and <c>_smtp._tls</c> record linters.</summary>
internal static class TxtRecordChecks
{
    /// <summary>Diagnostics in the order of their position; equal positions keep the order they were found in.</summary>
    public static List<Diagnostic> ByPosition(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();

    /// <summary>
    /// RFC 8461 §3.2 (last paragraph, which also covers the TXT record): a field that may not repeat counts only once, the
    /// first time. Every field of the <c>_mta-sts</c> record is of that kind. Only the <c>_mta-sts</c> linter uses this: the
    /// catalogue has no warning for a repeated <c>_smtp._tls</c> field other than <c>rua</c> (MTASTS6206).
    /// </summary>
    public static void ReportRepeatedFields(
        List<TxtField> fields, DiagnosticDescriptor descriptor, string rfc, string? file, List<Diagnostic> diagnostics)
    {
        var firsts = new Dictionary<string, TxtField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name.Length == 0)
            {
                continue;
            }

            if (!firsts.TryGetValue(field.Name, out var first))
            {
                firsts.Add(field.Name, field);
                continue;
            }

            var kept = first.IsBroken ? "" : $" ('{UserText.Quote(first.Name)}={UserText.Quote(first.Value)}')";
            diagnostics.Add(descriptor.Create(
                $"'{UserText.Quote(field.Name)}' appears again (first at column {first.NameColumn}). Senders use the first one{kept} and ignore this one; remove the repeat ({rfc}).",
                SourceSpan.At(1, field.NameColumn), file));
        }
    }
}
