using MtaSts.Diagnostics;

namespace MtaSts.Lint;

/// <summary>What a sender (or reporter) does with a TXT record, for each outcome of the lint.</summary>
/// <param name="Ambiguous">Valid, but with whitespace before the first ';' (Errata 6285); given what was read.</param>
/// <param name="Valid">Given what was read (the id, the destinations).</param>
/// <param name="TrailingWhitespaceOnly">
/// When the only error is whitespace at the end of the record and readers are known to differ on it; null: it is
/// invalid like any other error.
/// </param>
/// <param name="Quirks">Warnings about shapes the grammar allows but some readers drop.</param>
/// <param name="Quirky">Valid, but with one of <paramref name="Quirks"/>; given what was read.</param>
internal sealed record TxtRecordVerdicts(
    string Discarded,
    string Invalid,
    Func<string, string> Ambiguous,
    Func<string, string> Valid,
    Func<string, string>? TrailingWhitespaceOnly = null,
    IReadOnlyCollection<DiagnosticDescriptor>? Quirks = null,
    Func<string, string>? Quirky = null);

/// <summary>The lint of the <c>_mta-sts</c> and <c>_smtp._tls</c> records, and the checks both make.</summary>
internal static class TxtRecordChecks
{
    /// <summary>
    /// Parses <paramref name="value"/>, runs the record's own <paramref name="check"/> on its fields, and says what a
    /// sender does with it. The check returns the id or destinations it read and how the verdict names them.
    /// </summary>
    public static LintResult Lint(
        string value, string? file, TxtRecordGrammar grammar, TxtRecordVerdicts verdicts,
        Func<List<TxtField>, List<Diagnostic>, (string? Id, IReadOnlyList<string> Rua, string Read)> check)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var diagnostics = new List<Diagnostic>();
        var fields = TxtRecordParser.Parse(value, grammar, file, diagnostics, out var trailingWhitespace);
        if (fields is null)
        {
            return new LintResult(diagnostics, verdicts.Discarded, null, []);
        }

        var (id, rua, read) = check(fields, diagnostics);
        diagnostics = ByPosition(diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            var onlyTrailingWhitespace = trailingWhitespace is not null && diagnostics.Where(d => d.IsError).All(d => ReferenceEquals(d, trailingWhitespace));
            var invalid = onlyTrailingWhitespace && verdicts.TrailingWhitespaceOnly is { } lenient && read.Length > 0 ? lenient(read) : verdicts.Invalid;
            return new LintResult(diagnostics, invalid, null, []);
        }

        var verdict = diagnostics.Any(d => d.Descriptor == grammar.SpaceBeforeDelimiter) ? verdicts.Ambiguous(read)
            : verdicts.Quirky is { } quirky && diagnostics.Any(d => verdicts.Quirks?.Contains(d.Descriptor) == true) ? quirky(read)
            : verdicts.Valid(read);
        return new LintResult(diagnostics, verdict, id, rua);
    }

    /// <summary>
    /// The first field named <paramref name="name"/>; when there is none, reports it missing at the field that was
    /// probably meant as it ('ID=', 'rau=') or at the end of the record.
    /// </summary>
    public static TxtField? Required(
        string record, List<TxtField> fields, string name, IReadOnlyCollection<string> known, DiagnosticDescriptor descriptor,
        TxtRecordGrammar grammar, string required, string? file, List<Diagnostic> diagnostics)
    {
        var first = fields.FirstOrDefault(f => f.Name == name);
        if (first is not null)
        {
            return first;
        }

        var lookalike = fields.FirstOrDefault(f => FieldNames.Meant(f.Name, known) == name);
        diagnostics.Add(descriptor.Create(
            FieldNames.Missing("record", name, lookalike?.Name, DiagnosticMessages.Lint.Column.Format(lookalike?.NameColumn), grammar.Senders, '=', grammar.Rfc, required),
            SourceSpan.At(1, lookalike?.NameColumn ?? record.Length + 1), file));
        return null;
    }

    /// <summary>Diagnostics in the order of their position; equal positions keep the order they were found in.</summary>
    public static List<Diagnostic> ByPosition(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();

    /// <summary>
    /// Every field of the <c>_mta-sts</c> record counts only once (<see cref="FieldNames.Repeats"/>). Only the
    /// <c>_mta-sts</c> linter uses this: the catalogue has no warning for a repeated <c>_smtp._tls</c> field other than
    /// <c>rua</c> (MTASTS6206).
    /// </summary>
    public static void ReportRepeatedFields(
        List<TxtField> fields, DiagnosticDescriptor descriptor, string rfc, string? file, List<Diagnostic> diagnostics)
    {
        var firsts = new Dictionary<string, TxtField>(StringComparer.Ordinal);
        var repeats = new List<TxtField>();
        foreach (var field in fields.Where(f => f.Name.Length > 0))
        {
            if (!firsts.ContainsKey(field.Name))
            {
                firsts.Add(field.Name, field);
            }
            else
            {
                repeats.Add(field);
            }
        }

        foreach (var (_, repeat, message) in FieldNames.Repeats(firsts, repeats, f => f.Name, f => DiagnosticMessages.Lint.AtColumn.Format(f.NameColumn), f => f.IsBroken ? null : $"{f.Name}={f.Value}", rfc))
        {
            diagnostics.Add(descriptor.Create(message, SourceSpan.At(1, repeat.NameColumn), file));
        }
    }
}
