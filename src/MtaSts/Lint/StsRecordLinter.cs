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

    public static LintResult Lint(string value, string? file = null)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var diagnostics = new List<Diagnostic>();
        var fields = TxtRecordParser.Parse(value, RecordGrammar, file, diagnostics);
        if (fields is null)
        {
            return new LintResult(diagnostics,
                "An RFC 8461 sender discards this record because it does not begin with 'v=STSv1'; unless another TXT record at _mta-sts does, it treats the domain as having no MTA-STS policy.",
                null, []);
        }

        var id = CheckId(value, fields, file, diagnostics);
        TxtRecordChecks.ReportRepeatedFields(fields, DiagnosticDescriptors.StsRecordDuplicateField, Rfc + ", §3.2", file, diagnostics);
        diagnostics = TxtRecordChecks.ByPosition(diagnostics);

        string verdict;
        if (diagnostics.Any(d => d.IsError))
        {
            id = null;
            verdict = "An RFC 8461 sender finds this record syntactically invalid and treats the domain as having no available MTA-STS policy (a valid policy it cached earlier stays in force until its max_age runs out).";
        }
        else if (diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.StsRecordSpaceBeforeDelimiter))
        {
            verdict = $"An RFC 8461 sender that follows the ABNF reads policy id '{id}', but one that looks for the literal 'v=STSv1;' discards this record and sees no MTA-STS policy.";
        }
        else
        {
            verdict = $"An RFC 8461 sender reads policy id '{id}' and fetches the policy again whenever this id differs from the one it has cached.";
        }

        return new LintResult(diagnostics, verdict, id, []);
    }

    private static string? CheckId(string value, List<TxtField> fields, string? file, List<Diagnostic> diagnostics)
    {
        var first = fields.FirstOrDefault(f => f.Name == "id");
        if (first is null)
        {
            // %s"id=": 'ID=' is an unknown extension, which senders ignore.
            var variant = fields.FirstOrDefault(f => string.Equals(f.Name, "id", StringComparison.OrdinalIgnoreCase));
            var message = variant is not null
                ? $"The record has no 'id' field: field names are case-sensitive, so senders ignore '{UserText.Quote(variant.Name)}=' as an unknown field. Write 'id=' ({Rfc})."
                : $"The record has no 'id' field, which is required. Add one, e.g. 'v=STSv1; id=20260101T000000Z;' ({Rfc}).";
            diagnostics.Add(DiagnosticDescriptors.StsRecordMissingId.Create(
                message, SourceSpan.At(1, variant?.NameColumn ?? value.Length + 1), file));
            return null;
        }

        if (first.IsBroken)
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
