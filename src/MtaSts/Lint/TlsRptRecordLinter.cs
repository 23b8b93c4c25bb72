using System.Text.RegularExpressions;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Values;
using Verdict = MtaSts.Diagnostics.DiagnosticMessages.Verdict;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.RecordLint;

namespace MtaSts.Lint;

/// <summary>
/// Lints the value of an <c>_smtp._tls</c> TXT record (RFC 8460 §3), its strings already concatenated without spaces.
/// Positions are line 1, column = character position in the value.
/// </summary>
public static class TlsRptRecordLinter
{
    private const string Rfc = "RFC 8460 §3";

    internal static readonly TxtRecordGrammar RecordGrammar = new(
        TlsRptRecord.Version,
        StsTxtRecord.Version,
        "_mta-sts.<domain>",
        Rfc,
        "reporters",
        DiagnosticMessages.RecordLint.SameConflict.Format(),
        DiagnosticDescriptors.TlsRptRecordVersion,
        DiagnosticDescriptors.TlsRptRecordSyntax,
        DiagnosticDescriptors.TlsRptRecordSpaceBeforeDelimiter,
        ListField: "rua");

    /// <summary>DMARC's '!10m' size suffix, which TLS-RPT does not have.</summary>
    private static readonly Regex SizeSuffix = new(@"![0-9]+[kmgt]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly TxtRecordVerdicts Verdicts = new(
        Verdict.TlsRptDiscarded.Format(),
        Verdict.TlsRptInvalid.Format(),
        destinations => Verdict.TlsRptAmbiguous.Format(destinations),
        destinations => Verdict.TlsRptValid.Format(destinations),
        TrailingWhitespaceOnly: destinations => Verdict.TlsRptTrailingWhitespace.Format(destinations),
        Quirks: [DiagnosticDescriptors.TlsRptRecordRuaNotFirst, DiagnosticDescriptors.TlsRptRecordSpaceAroundComma],
        Quirky: destinations => Verdict.TlsRptQuirky.Format(destinations));

    private static readonly IReadOnlyCollection<string> KnownFields = ["v", "rua"];

    public static LintResult Lint(string value, string? file = null) =>
        TxtRecordChecks.Lint(value, file, RecordGrammar, Verdicts, (fields, diagnostics) =>
        {
            var ruaFields = fields.Where(f => f.Name == "rua").ToList();
            var rua = ruaFields.Where(f => !f.IsBroken).SelectMany(f => CheckDestinations(f, file, diagnostics)).ToList();
            TxtRecordChecks.Required(value, fields, "rua", KnownFields, DiagnosticDescriptors.TlsRptRecordMissingRua, RecordGrammar,
                Messages.RuaRequired.Format(), file, diagnostics);
            // RFC 8460 §3 puts no order on the fields, but the Postfix reporter reads 'rua' only right after the version.
            if (ruaFields.Count > 0 && fields.Count > 1 && fields[1].Name != "rua")
            {
                diagnostics.Add(Messages.RuaNotFirst.Create(SourceSpan.At(1, ruaFields[0].NameColumn), file, null, UserText.Quote(fields[1].Name)));
            }

            foreach (var repeat in ruaFields.Skip(1))
            {
                diagnostics.Add(Messages.SecondRua.Create(SourceSpan.At(1, repeat.NameColumn), file, null, ruaFields[0].NameColumn));
            }

            return (null, rua, Destinations(rua));
        });

    private static string Destinations(List<string> rua) =>
        rua.Count == 1 ? Verdict.OneDestination.Format(rua[0]) : Verdict.Destinations.Format(rua.Count, string.Join(", ", rua));

    /// <summary><c>tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)</c>.</summary>
    private static List<string> CheckDestinations(TxtField field, string? file, List<Diagnostic> diagnostics)
    {
        var valid = new List<string>();
        var start = 0;
        while (start <= field.Value.Length)
        {
            var comma = field.Value.IndexOf(',', start);
            var end = comma < 0 ? field.Value.Length : comma;
            var itemStart = start;
            while (itemStart < end && Grammar.IsWsp(field.Value[itemStart]))
            {
                itemStart++;
            }

            var itemEnd = end;
            while (itemEnd > itemStart && Grammar.IsWsp(field.Value[itemEnd - 1]))
            {
                itemEnd--;
            }

            var item = field.Value.Substring(itemStart, itemEnd - itemStart);
            var column = field.ValueColumn + itemStart;
            if (item.Length == 0)
            {
                diagnostics.Add(Messages.EmptyDestination.Create(SourceSpan.At(1, field.ValueColumn + (comma < 0 ? start - 1 : comma)), file, null));
            }
            else if (RuaUri.Parse(item, Strictness.Published).Problem is { } problem)
            {
                var hint = problem.Offset < item.Length && Grammar.IsWsp(item[problem.Offset]) && LooksLikeUri(item.Substring(problem.Offset + 1).TrimStart())
                    ? Messages.SeparateWithComma.Format()
                    : SizeSuffix.IsMatch(item) ? Messages.NoSizeSuffix.Format() : "";
                diagnostics.Add(Messages.InvalidDestination.Create(
                    SourceSpan.At(1, column + problem.Offset), file, null, ValueMessages.Describe(ValueSubject.Rua, item, problem, Strictness.Published), hint));
            }
            else
            {
                valid.Add(item);
            }

            if (comma < 0)
            {
                break;
            }

            // *WSP "," *WSP is in the grammar (RFC 8460 §3), but the Postfix reporter drops a record with it.
            var before = comma > 0 && Grammar.IsWsp(field.Value[comma - 1]);
            var after = comma + 1 < field.Value.Length && Grammar.IsWsp(field.Value[comma + 1]);
            if (before || after)
            {
                diagnostics.Add(Messages.SpaceAroundComma.Create(SourceSpan.At(1, field.ValueColumn + (before ? itemEnd : comma + 1)), file, null));
            }

            start = comma + 1;
        }

        return valid;
    }

    private static bool LooksLikeUri(string s) =>
        s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
}
