using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Policy;
using MtaSts.Values;
using Verdict = MtaSts.Diagnostics.DiagnosticMessages.Verdict;

namespace MtaSts.Lint;

/// <summary>
/// Lints the value of an <c>_mta-sts</c> TXT record (RFC 8461 §3.1), its strings already concatenated without spaces.
/// Positions are line 1, column = character position in the value.
/// </summary>
public static class StsRecordLinter
{
    private const string Rfc = "RFC 8461 §3.1";

    internal static readonly TxtRecordGrammar RecordGrammar = new(
        StsTxtRecord.Version,
        TlsRptRecord.Version,
        "_smtp._tls.<domain>",
        Rfc,
        "senders",
        "RFC 8461 Errata 6285",
        DiagnosticDescriptors.StsRecordVersion,
        DiagnosticDescriptors.StsRecordSyntax,
        DiagnosticDescriptors.StsRecordSpaceBeforeDelimiter,
        ListField: null);

    private static readonly TxtRecordVerdicts Verdicts = new(
        Verdict.StsDiscarded.Format(),
        Verdict.StsInvalid.Format(),
        id => Verdict.StsAmbiguous.Format(id),
        id => Verdict.StsValid.Format(id));

    private static readonly IReadOnlyCollection<string> KnownFields = ["v", "id"];

    public static LintResult Lint(string value, string? file = null) =>
        TxtRecordChecks.Lint(value, file, RecordGrammar, Verdicts, (fields, diagnostics) =>
        {
            var id = CheckId(value, fields, file, diagnostics);
            TxtRecordChecks.ReportRepeatedFields(fields, DiagnosticDescriptors.StsRecordDuplicateField, Rfc + ", §3.2", file, diagnostics);
            return (id, [], id ?? "");
        });

    private static string? CheckId(string value, List<TxtField> fields, string? file, List<Diagnostic> diagnostics)
    {
        var first = TxtRecordChecks.Required(value, fields, "id", KnownFields, DiagnosticDescriptors.StsRecordMissingId, RecordGrammar,
            DiagnosticMessages.RecordLint.IdRequired.Format(), file, diagnostics);
        if (first is null || first.IsBroken)
        {
            return null;
        }

        // id=abc-def is a valid extension named 'id' but not a valid sts-id: the id is invalid, not missing.
        var parsed = PolicyId.Parse(first.Value, Strictness.Published);
        if (parsed.Problem is not { } problem)
        {
            return parsed.Value;
        }

        diagnostics.Add(DiagnosticDescriptors.StsRecordInvalidId.Create(
            ValueMessages.Describe(ValueSubject.Id, first.Value, problem, Strictness.Published),
            SourceSpan.At(1, first.ValueColumn + problem.Offset), file));
        return null;
    }
}
