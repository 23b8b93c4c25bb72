using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Policy;
using MtaSts.Values;

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
        "An RFC 8461 sender discards this record because it does not begin with 'v=STSv1;'; unless another TXT record at _mta-sts does, it treats the domain as having no MTA-STS policy.",
        "An RFC 8461 sender finds this record syntactically invalid and treats the domain as having no available MTA-STS policy (a valid policy it cached earlier stays in force until its max_age runs out).",
        id => $"An RFC 8461 sender that follows the ABNF reads policy id '{id}', but one that looks for the literal 'v=STSv1;' discards this record and sees no MTA-STS policy.",
        id => $"An RFC 8461 sender reads policy id '{id}' and fetches the policy again whenever this id differs from the one it has cached.");

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
