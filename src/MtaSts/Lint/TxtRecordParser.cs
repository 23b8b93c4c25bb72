using MtaSts.Diagnostics;
using MtaSts.Dns;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.RecordLint;

namespace MtaSts.Lint;

/// <summary>One <c>name=value</c> field of a TXT record. Columns are 1-based character positions in the record.</summary>
/// <param name="IsBroken">The field did not match the grammar (already reported); its value is not to be used.</param>
internal sealed record TxtField(string Name, string Value, int NameColumn, int ValueColumn, bool IsBroken);

/// <summary>What differs between the <c>_mta-sts</c> (RFC 8461 §3.1) and <c>_smtp._tls</c> (RFC 8460 §3) grammars.</summary>
internal sealed record TxtRecordGrammar(
    string Version,
    string OtherVersion,
    string OtherRecordName,
    string Rfc,
    string Senders,
    string DelimiterNote,
    DiagnosticDescriptor VersionError,
    DiagnosticDescriptor SyntaxError,
    DiagnosticDescriptor SpaceBeforeDelimiter,
    string? ListField);

/// <summary>
/// Splits a TXT record (its strings already concatenated, RFC 8461 §3.1) into fields, following
/// <c>record = version 1*(field-delim field) [field-delim]</c>, <c>field-delim = *WSP ";" *WSP</c> and
/// <c>field = name "=" value</c>. Each mismatch becomes one diagnostic; parsing then resumes after the next ';'.
/// </summary>
internal sealed class TxtRecordParser
{
    private readonly string record;
    private readonly TxtRecordGrammar grammar;
    private readonly string? file;
    private readonly List<Diagnostic> diagnostics;
    private readonly List<TxtField> fields = [];
    private Diagnostic? trailingWhitespace;
    private int p;

    private TxtRecordParser(string record, TxtRecordGrammar grammar, string? file, List<Diagnostic> diagnostics)
    {
        this.record = record;
        this.grammar = grammar;
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /// <summary>
    /// Returns null when the record does not start with the version (senders discard it), else its fields.
    /// <paramref name="trailingWhitespace"/> is the error for whitespace at the end of the record, when there is one:
    /// readers differ on it, so the verdict may name it.
    /// </summary>
    public static List<TxtField>? Parse(string record, TxtRecordGrammar grammar, string? file, List<Diagnostic> diagnostics, out Diagnostic? trailingWhitespace)
    {
        var parser = new TxtRecordParser(record, grammar, file, diagnostics);
        var fields = parser.Parse();
        trailingWhitespace = parser.trailingWhitespace;
        return fields;
    }

    private List<TxtField>? Parse()
    {
        if (!CheckVersion())
        {
            return null;
        }

        // The version is a field too: a second 'v=' repeats it.
        fields.Add(new TxtField("v", grammar.Version.Substring(2), 1, 3, false));
        p = grammar.Version.Length;
        var afterVersion = true;
        while (true)
        {
            var whitespace = p;
            SkipWsp();
            if (p == record.Length)
            {
                if (whitespace < p)
                {
                    Syntax(whitespace, Messages.TrailingWhitespace, grammar.Rfc);
                    trailingWhitespace = diagnostics[diagnostics.Count - 1];
                }

                break;
            }

            if (record[p] != ';')
            {
                Syntax(p, Messages.NoSemicolon, grammar.Version, Example(), grammar.Rfc);

                // Read what follows as a field anyway, so the missing ';' is the only error reported for it.
                var count = fields.Count;
                ParseField();
                if (fields.Count > count && !fields[fields.Count - 1].IsBroken)
                {
                    fields[fields.Count - 1] = fields[fields.Count - 1] with { IsBroken = true };
                }

                afterVersion = false;
                continue;
            }

            if (afterVersion && whitespace < p)
            {
                // Errata 6285: the ABNF allows it, but senders discard records not beginning with the literal "v=STSv1;".
                Report(grammar.SpaceBeforeDelimiter, whitespace, Messages.SpaceBeforeDelimiter, grammar.Version, grammar.Rfc, grammar.Senders, grammar.DelimiterNote);
            }

            afterVersion = false;
            p++;
            SkipWsp();
            if (p == record.Length)
            {
                break;
            }

            if (record[p] == ';')
            {
                Syntax(p, Messages.EmptyField, grammar.Rfc);
                continue;
            }

            ParseField();
        }

        return fields;
    }

    /// <summary>
    /// The record counts only if it begins with the version and ';' (RFC 8461 §3.1, RFC 8460 §3): the rule the check
    /// applies to pick records (<see cref="VersionRecords.BeginsWith"/>), so lint and check say the same thing.
    /// </summary>
    private bool CheckVersion()
    {
        var version = grammar.Version;
        if (VersionRecords.BeginsWith(record, version))
        {
            return true;
        }

        var discard = Messages.Discarded.Format(char.ToUpperInvariant(grammar.Senders[0]) + grammar.Senders.Substring(1), version, grammar.Rfc);
        var column = 1;
        string message;
        if (record.Length == 0)
        {
            message = Messages.Empty.Format(version);
        }
        else if (record[0] == '"')
        {
            message = Messages.BeginsWithQuote.Format(version, discard);
        }
        else if (Grammar.IsWsp(record[0]))
        {
            message = Messages.BeginsWithWhitespace.Format(discard);
        }
        else if (record.StartsWith(grammar.OtherVersion, StringComparison.OrdinalIgnoreCase))
        {
            message = Messages.OtherRecord.Format(grammar.OtherVersion, grammar.OtherRecordName, discard);
        }
        else if (record.StartsWith(version, StringComparison.Ordinal) && EndsVersion(record, version.Length))
        {
            // 'v=STSv1' alone, or 'v=STSv1 id=…' with the ';' missing: the version is right, the delimiter is not there.
            var after = version.Length;
            while (after < record.Length && Grammar.IsWsp(record[after]))
            {
                after++;
            }

            column = after + 1;
            message = after == record.Length
                ? Messages.VersionOnly.Format(version, Example(), discard)
                : Messages.VersionWithoutSemicolon.Format(version, Example(), discard);
        }
        else if (record.StartsWith(version, StringComparison.OrdinalIgnoreCase) && EndsVersion(record, version.Length))
        {
            column = FirstDifference(record, version) + 1;
            message = Messages.VersionCase.Format(UserText.Quote(record.Substring(0, version.Length)), version, discard);
        }
        else
        {
            var token = record.Substring(0, TokenEnd(0));
            message = Messages.VersionUnknown.Format(UserText.Quote(token), version, discard);
        }

        diagnostics.Add(grammar.VersionError.Create(message, SourceSpan.At(1, column), file));
        return false;
    }

    /// <summary>The version token ends at <paramref name="index"/>: 'v=STSv10' is another token, not the version.</summary>
    private static bool EndsVersion(string record, int index) => index == record.Length || !Grammar.IsTxtValueChar(record[index]);

    private void ParseField()
    {
        var nameStart = p;
        while (p < record.Length && Grammar.IsNameChar(record[p]))
        {
            p++;
        }

        var name = record.Substring(nameStart, p - nameStart);
        if (name.Length == 0)
        {
            Broken(name, nameStart, nameStart, Messages.CannotStartField, UserText.Show(record[p]), grammar.Rfc);
            return;
        }

        var bad = Grammar.InvalidNameIndex(name);
        if (bad >= 0)
        {
            Broken(name, nameStart, nameStart + bad, Messages.InvalidFieldName, Grammar.DescribeNameProblem(name, bad), grammar.Rfc);
            return;
        }

        if (p < record.Length && Grammar.IsWsp(record[p]))
        {
            var whitespace = p;
            SkipWsp();
            var message = p < record.Length && record[p] == '=' ? Messages.SpaceBeforeEquals : Messages.NoEquals;
            Broken(name, nameStart, whitespace, message, UserText.Quote(name), grammar.Rfc);
            return;
        }

        if (p == record.Length || record[p] != '=')
        {
            Broken(name, nameStart, p, Messages.NoEquals, UserText.Quote(name), grammar.Rfc);
            return;
        }

        p++;
        var valueStart = p;
        if (p < record.Length && Grammar.IsWsp(record[p]))
        {
            Broken(name, nameStart, p, Messages.SpaceAfterEquals, UserText.Quote(name), grammar.Rfc);
            return;
        }

        if (name == grammar.ListField)
        {
            // tlsrpt-rua allows WSP around the commas of its list, so its value runs to the next ';' (RFC 8460 §3).
            var end = record.IndexOf(';', p);
            end = end < 0 ? record.Length : end;
            while (end > p && Grammar.IsWsp(record[end - 1]))
            {
                end--;
            }

            p = end;
        }
        else
        {
            while (p < record.Length && Grammar.IsTxtValueChar(record[p]))
            {
                p++;
            }

            if (p < record.Length && record[p] != ';' && !Grammar.IsWsp(record[p]))
            {
                var c = record[p];
                var why = c == '='
                    ? Messages.EqualsInValue.Format()
                    : c > 0x7E ? Messages.NotUsAscii.Format(UserText.Show(c)) : Messages.NotAllowedInValue.Format(UserText.Show(c));
                Broken(name, nameStart, p, Messages.InvalidValueCharacter, UserText.Quote(name), why, grammar.Rfc);
                return;
            }
        }

        if (p == valueStart)
        {
            Broken(name, nameStart, valueStart, Messages.NoValue, UserText.Quote(name), grammar.Rfc);
            return;
        }

        fields.Add(new TxtField(name, record.Substring(valueStart, p - valueStart), nameStart + 1, valueStart + 1, false));
    }

    /// <summary>Reports a field that does not match the grammar and resumes at the next ';'.</summary>
    private void Broken(string name, int nameStart, int index, DiagnosticMessage message, params object?[] args)
    {
        Syntax(index, message, args);
        fields.Add(new TxtField(name, "", nameStart + 1, index + 1, true));
        SkipToDelimiter();
    }

    private bool SkipToDelimiter()
    {
        var next = record.IndexOf(';', p);
        p = next < 0 ? record.Length : next;
        return next >= 0;
    }

    private void SkipWsp()
    {
        while (p < record.Length && Grammar.IsWsp(record[p]))
        {
            p++;
        }
    }

    private int TokenEnd(int start)
    {
        var end = start;
        while (end < record.Length && record[end] != ';' && !Grammar.IsWsp(record[end]))
        {
            end++;
        }

        return end;
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private string Example() => grammar.ListField is null ? "id=20260101T000000Z;" : "rua=mailto:tlsrpt@example.com";

    private void Syntax(int index, DiagnosticMessage message, params object?[] args) => Report(grammar.SyntaxError, index, message, args);

    private void Report(DiagnosticDescriptor descriptor, int index, DiagnosticMessage message, params object?[] args) =>
        diagnostics.Add(message.Create(descriptor, SourceSpan.At(1, index + 1), file, args));
}
