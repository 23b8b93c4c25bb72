using System.Globalization;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Policy;
using MtaSts.Values;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.PolicyLint;

namespace MtaSts.Lint;

/// <summary>
/// Lints a published policy file (<c>/.well-known/mta-sts.txt</c>) strictly against the RFC 8461 §3.2 ABNF: what the
/// grammar does not allow is an error; what it allows but senders handle differently is a warning that says why.
/// </summary>
public static class PolicyLinter
{
    /// <summary>Reads the bytes as served: UTF-8 (only extension values may use more than ASCII), a BOM is reported.</summary>
    public static PolicyLintResult Lint(byte[] bytes, string? file = null)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        var early = new List<Diagnostic>();
        var text = Utf8Text.Decode(bytes, out var bad);
        if (bad >= 0)
        {
            var (line, column) = TextPosition.OfUtf8(bytes, bad);
            early.Add(Messages.NotUtf8.Create(SourceSpan.At(line, column), file, null, bytes[bad]));
        }

        return new PolicyLint(text, bytes.Length, file, early).Run();
    }

    /// <summary>Lints policy text; its size is counted as UTF-8 bytes.</summary>
    public static PolicyLintResult Lint(string text, string? file = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return new PolicyLint(text, Encoding.UTF8.GetByteCount(text), file, []).Run();
    }
}

/// <summary>One run of <see cref="PolicyLinter"/>: lines, then fields, then the rules across fields.</summary>
internal sealed class PolicyLint
{
    public const string Rfc = "RFC 8461 §3.2";

    private static readonly IReadOnlyCollection<string> KnownFields = ["version", "mode", "max_age", "mx"];

    private readonly string text;
    private readonly int byteCount;
    private readonly string? file;
    private readonly List<Diagnostic> diagnostics;
    private readonly List<Field> fields = [];

    public PolicyLint(string text, int byteCount, string? file, List<Diagnostic> early)
    {
        this.text = text;
        this.byteCount = byteCount;
        this.file = file;
        diagnostics = early;
    }

    private enum Terminator
    {
        None,
        Lf,
        CrLf,
    }

    /// <summary>A line without its terminator. <see cref="Offset"/> is 1 on a first line that starts with a BOM.</summary>
    private sealed record Line(int Number, string Content, int Offset, Terminator Terminator)
    {
        public int Column(int index) => Offset + index + 1;
    }

    /// <summary>A <c>name: value</c> line. <see cref="IsBroken"/> when the line is reported already and its value unusable.</summary>
    private sealed record Field(string Name, string Value, int Line, int ValueColumn, bool IsBroken);

    public PolicyLintResult Run()
    {
        var lines = SplitLines();
        if (text.All(c => Grammar.IsWsp(c) || c is '\r' or '\n' or '\uFEFF'))
        {
            Report(Messages.Empty, 1, 1);
            return Result(null, [], null);
        }

        if (text[0] == '\uFEFF')
        {
            Report(Messages.ByteOrderMark, 1, 1);
        }

        CheckLineEndings(lines);
        var lastContentLine = lines.LastOrDefault(l => !IsBlank(l))?.Number ?? 0;
        foreach (var line in lines)
        {
            ReadLine(line, lastContentLine);
        }

        var (mode, mx, maxAge) = CheckFields();
        CheckSize();
        return Result(mode, mx, maxAge);
    }

    private List<Line> SplitLines()
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                var crlf = text[i] == '\r';
                lines.Add(MakeLine(lines.Count + 1, start, i, crlf ? Terminator.CrLf : Terminator.Lf));
                i += crlf ? 1 : 0;
                start = i + 1;
            }
        }

        // The final terminator is optional (sts-policy-record ends with [sts-policy-term]).
        if (start < text.Length)
        {
            lines.Add(MakeLine(lines.Count + 1, start, text.Length, Terminator.None));
        }

        return lines;
    }

    private Line MakeLine(int number, int start, int end, Terminator terminator)
    {
        var offset = start == 0 && end > 0 && text[0] == '\uFEFF' ? 1 : 0;
        return new Line(number, text.Substring(start + offset, end - start - offset), offset, terminator);
    }

    private void CheckLineEndings(List<Line> lines)
    {
        var firstLf = lines.FirstOrDefault(l => l.Terminator == Terminator.Lf);
        var firstCrLf = lines.FirstOrDefault(l => l.Terminator == Terminator.CrLf);
        if (firstLf is null)
        {
            return;
        }

        if (firstCrLf is null)
        {
            // Legal (sts-policy-term = LF / CRLF), but the §3.2 prose says "CRLF-separated"; Errata 6253 is only reported.
            Report(Messages.LfEndings, firstLf.Number, firstLf.Column(firstLf.Content.Length));
            return;
        }

        Report(Messages.MixedEndings, firstLf.Number, firstLf.Column(firstLf.Content.Length), firstLf.Number, firstCrLf.Number);
    }

    private static bool IsBlank(Line line) => line.Content.All(Grammar.IsWsp);

    private void ReadLine(Line line, int lastContentLine)
    {
        var s = line.Content;
        if (IsBlank(line))
        {
            // Blank lines at the end are one problem, reported once.
            var trailing = line.Number > lastContentLine;
            if (trailing && line.Number > lastContentLine + 1)
            {
                return;
            }

            Report(trailing && s.Length == 0 ? Messages.EmptyLastLine : Messages.BlankLine, line.Number, line.Column(0));
            return;
        }

        if (s[0] == '#')
        {
            Report(Messages.CommentLine, line.Number, line.Column(0));
            return;
        }

        var broken = false;
        var nameStart = 0;
        if (Grammar.IsWsp(s[0]))
        {
            Report(Messages.LeadingWhitespace, line.Number, line.Column(0));
            broken = true;
            while (Grammar.IsWsp(s[nameStart]))
            {
                nameStart++;
            }
        }

        var colon = s.IndexOf(':');
        if (colon < 0)
        {
            var word = new string(s.Skip(nameStart).TakeWhile(Grammar.IsNameChar).ToArray());
            var hint = KnownFields.Contains(word) ? Messages.NoColonHint.Format(word) : "";
            if (!broken)
            {
                Report(Messages.NoColon, line.Number, line.Column(nameStart), hint);
            }

            fields.Add(new Field(word, "", line.Number, 1, true));
            return;
        }

        var nameEnd = colon;
        while (nameEnd > nameStart && Grammar.IsWsp(s[nameEnd - 1]))
        {
            nameEnd--;
        }

        var name = s.Substring(nameStart, nameEnd - nameStart);
        if (nameEnd < colon && !broken)
        {
            Report(Messages.SpaceBeforeColon, line.Number, line.Column(nameEnd), UserText.Quote(name));
            broken = true;
        }

        broken |= !CheckName(line, name, nameStart, broken);

        // sts-policy-field-delim = ":" *WSP, and every field may be followed by *WSP.
        var valueStart = colon + 1;
        while (valueStart < s.Length && Grammar.IsWsp(s[valueStart]))
        {
            valueStart++;
        }

        var valueEnd = s.Length;
        while (valueEnd > valueStart && Grammar.IsWsp(s[valueEnd - 1]))
        {
            valueEnd--;
        }

        if (valueEnd < s.Length && valueEnd > valueStart)
        {
            Report(Messages.TrailingWhitespace, line.Number, line.Column(valueEnd), UserText.Quote(s.Substring(valueStart)));
        }

        var value = s.Substring(valueStart, valueEnd - valueStart);
        if (!broken)
        {
            broken = !CheckValueCharacters(line, name, value, valueStart);
        }

        fields.Add(new Field(name, value, line.Number, line.Column(valueStart), broken));
    }

    /// <summary><c>sts-policy-ext-name</c>, which the four known names also match. False when reported.</summary>
    private bool CheckName(Line line, string name, int nameStart, bool alreadyReported)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (Grammar.IsControl(name[i]) || name[i] > 0x7E)
            {
                if (!alreadyReported)
                {
                    Report(Messages.CharacterInName, line.Number, line.Column(nameStart + i), UserText.Show(name[i]));
                }

                return false;
            }
        }

        var bad = Grammar.InvalidNameIndex(name);
        if (bad < 0)
        {
            return true;
        }

        if (!alreadyReported)
        {
            if (name.Length == 0)
            {
                Report(Messages.NoFieldName, line.Number, line.Column(nameStart + bad));
            }
            else
            {
                Report(Messages.InvalidFieldName, line.Number, line.Column(nameStart + bad), Grammar.DescribeNameProblem(name, bad));
            }
        }

        return false;
    }

    /// <summary>CTLs are never allowed in a value; non-ASCII only in extension values (UTF8-2/3/4). False when reported.</summary>
    private bool CheckValueCharacters(Line line, string name, string value, int valueStart)
    {
        var extension = !KnownFields.Contains(name);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            DiagnosticMessage? problem = null;
            object?[] args = [UserText.Show(c)];
            if (c == '\r')
            {
                (problem, args) = (Messages.BareCarriageReturn, []);
            }
            else if (Grammar.IsControl(c))
            {
                problem = Messages.ControlInValue;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (extension)
                {
                    i++;
                    continue;
                }

                (problem, args) = (Messages.NonAsciiInKnownField, [UserText.Show(c), UserText.Quote(name)]);
            }
            else if (char.IsSurrogate(c))
            {
                problem = Messages.LoneSurrogate;
            }
            else if (c > 0x7E && !extension && !(name == "mx" && c != '\uFFFD'))
            {
                (problem, args) = (Messages.NonAsciiInKnownField, [UserText.Show(c), UserText.Quote(name)]);
            }

            if (problem is not null)
            {
                Report(problem, line.Number, line.Column(valueStart + i), args);
                return false;
            }
        }

        return true;
    }

    /// <summary>The rules across lines: first occurrence wins, required fields, each known field's own grammar.</summary>
    private (PolicyMode? Mode, List<(string Written, MxPattern Pattern)> Mx, long? MaxAge) CheckFields()
    {
        var firsts = new Dictionary<string, Field>(StringComparer.Ordinal);
        var mx = new List<(string Written, MxPattern Pattern)>();
        PolicyMode? mode = null;
        long? maxAge = null;
        var repeats = new List<Field>();
        foreach (var field in fields)
        {
            if (!KnownFields.Contains(field.Name))
            {
                // Unknown fields are accepted and ignored (RFC 8461 §3.2), but must still match sts-policy-extension.
                if (!field.IsBroken && field.Value.Length == 0 && field.Name.Length > 0)
                {
                    Report(Messages.ExtensionWithoutValue, field.Line, 1, UserText.Quote(field.Name));
                }

                continue;
            }

            if (field.Name == "mx")
            {
                if (!field.IsBroken && CheckMx(field) is { } pattern)
                {
                    mx.Add((field.Value, pattern));
                }

                continue;
            }

            if (firsts.ContainsKey(field.Name))
            {
                repeats.Add(field);
                continue;
            }

            firsts.Add(field.Name, field);
            if (field.IsBroken)
            {
                continue;
            }

            switch (field.Name)
            {
                case "version":
                    CheckVersion(field);
                    break;
                case "mode":
                    mode = CheckMode(field);
                    break;
                default:
                    maxAge = CheckMaxAge(field);
                    break;
            }
        }

        ReportRepeats(firsts, repeats);
        var lookalikes = new HashSet<Field>();
        CheckRequired(firsts, "version", "version: STSv1", DiagnosticDescriptors.PolicyMissingField, lookalikes);
        CheckRequired(firsts, "mode", "mode: testing", DiagnosticDescriptors.PolicyMissingField, lookalikes);
        CheckRequired(firsts, "max_age", "max_age: 604800", DiagnosticDescriptors.PolicyMissingField, lookalikes);

        // mx is required at least once, except when the mode is none (a wrong-case 'None' is reported on its own line).
        var modeIsNone = firsts.TryGetValue("mode", out var modeField) && string.Equals(modeField.Value, "none", StringComparison.OrdinalIgnoreCase);
        if (!modeIsNone)
        {
            var mxFields = new Dictionary<string, Field>();
            if (fields.FirstOrDefault(f => f.Name == "mx") is { } anyMx)
            {
                mxFields.Add("mx", anyMx);
            }

            CheckRequired(mxFields, "mx", "mx: mail.example.com", DiagnosticDescriptors.PolicyMissingMx, lookalikes);
        }

        ReportMisspelledFields(lookalikes);

        if (firsts.TryGetValue("version", out var version) && !ReferenceEquals(fields[0], version))
        {
            Report(Messages.VersionNotFirst, version.Line, 1, version.Line, UserText.Quote(fields[0].Name));
        }

        return (mode, mx, maxAge);
    }

    private void ReportRepeats(Dictionary<string, Field> firsts, List<Field> repeats)
    {
        foreach (var (_, repeat, message) in FieldNames.Repeats(firsts, repeats, f => f.Name, f => DiagnosticMessages.Lint.OnLine.Format(f.Line), f => f.IsBroken ? null : f.Value, Rfc))
        {
            diagnostics.Add(DiagnosticDescriptors.PolicyDuplicateField.Create(message, SourceSpan.At(repeat.Line, 1), file));
        }
    }

    /// <summary>
    /// An unknown field is an extension that senders ignore (RFC 8461 §3.2), so 'nmx: mail.example.com' silently drops
    /// that host from the policy. Names that look like a known field are warned about; other extensions are left alone.
    /// </summary>
    private void ReportMisspelledFields(HashSet<Field> alreadyReported)
    {
        foreach (var field in fields)
        {
            if (field.IsBroken || field.Name.Length == 0 || field.Value.Length == 0 || KnownFields.Contains(field.Name) || alreadyReported.Contains(field))
            {
                continue;
            }

            if (FieldNames.Meant(field.Name, KnownFields) is not { } meant)
            {
                continue;
            }

            var lost = meant == "mx"
                ? Messages.UnknownFieldLosesMx.Format(UserText.Quoted(field.Value))
                : Messages.UnknownFieldLosesOther.Format(meant);
            Report(Messages.UnknownField, field.Line, 1, UserText.Quoted(field.Name), lost, FieldNames.Fix(field.Name, meant, ':'));
        }
    }

    private void CheckRequired(Dictionary<string, Field> firsts, string name, string example, DiagnosticDescriptor descriptor, HashSet<Field> lookalikes)
    {
        if (firsts.ContainsKey(name))
        {
            return;
        }

        // 'Mode: enforce' or 'max-age: 1' match sts-policy-extension: senders ignore them and miss the real field.
        var lookalike = fields.FirstOrDefault(f => FieldNames.Meant(f.Name, KnownFields) == name);
        var required = descriptor == DiagnosticDescriptors.PolicyMissingMx
            ? Messages.MxRequired.Format(example)
            : Messages.FieldRequired.Format(name, example);
        if (lookalike is not null)
        {
            lookalikes.Add(lookalike);
        }

        diagnostics.Add(descriptor.Create(
            FieldNames.Missing("policy", name, lookalike?.Name, DiagnosticMessages.Lint.AtLine.Format(lookalike?.Line), "senders", ':', Rfc, required),
            SourceSpan.At(lookalike?.Line ?? 1, 1), file));
    }

    private void CheckVersion(Field field)
    {
        if (field.Value == Policy.StsPolicy.Version)
        {
            return;
        }

        var message = field.Value.Length == 0 ? Messages.VersionEmpty
            : string.Equals(field.Value, Policy.StsPolicy.Version, StringComparison.OrdinalIgnoreCase) ? Messages.VersionCase
            : Messages.VersionUnknown;
        Report(message, field.Line, field.ValueColumn, field.Value.Length == 0 ? [] : [UserText.Quote(field.Value)]);
    }

    private PolicyMode? CheckMode(Field field) =>
        Check(field, PolicyModeExtensions.Parse(field.Value, Strictness.Published), ValueSubject.Mode, DiagnosticDescriptors.PolicyInvalidMode) is { } mode
            ? mode.Value
            : null;

    /// <summary><c>sts-policy-max-age-value = 1*10(DIGIT)</c>, and the prose: at most 31557600.</summary>
    private long? CheckMaxAge(Field field) =>
        Check(field, MaxAge.Parse(field.Value, Strictness.Published), ValueSubject.MaxAge, DiagnosticDescriptors.PolicyInvalidMaxAge) is { } maxAge
            ? maxAge.Value
            : null;

    /// <summary><c>sts-policy-mx-value = ["*."] Domain</c>, A-labels only (RFC 8461 §3.2, §4.1). Null when reported.</summary>
    private MxPattern? CheckMx(Field field) =>
        Check(field, MxPattern.Parse(field.Value, Strictness.Published), ValueSubject.Mx, DiagnosticDescriptors.PolicyInvalidMx)?.Value;

    /// <summary>Reports a value's problem at its offset, in the words the configuration validator uses too.</summary>
    private Parsed<T>? Check<T>(Field field, Parsed<T> parsed, ValueSubject subject, DiagnosticDescriptor descriptor)
    {
        if (parsed.Problem is not { } problem)
        {
            return parsed;
        }

        diagnostics.Add(descriptor.Create(ValueMessages.Describe(subject, field.Value, problem, Strictness.Published), SourceSpan.At(field.Line, field.ValueColumn + problem.Offset), file));
        return null;
    }

    private void CheckSize()
    {
        if (byteCount <= Policy.StsPolicy.MaxPolicyBytes)
        {
            return;
        }

        // Point at the first character past the limit: where a sender that stops reading cuts the policy.
        var bytes = 0;
        var index = 0;
        while (index < text.Length)
        {
            var c = text[index];
            var width = char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
            var size = width == 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > Policy.StsPolicy.MaxPolicyBytes)
            {
                break;
            }

            bytes += size;
            index += width;
        }

        var (line, column) = TextPosition.Of(text, index);
        Report(Messages.TooLarge, line, column, byteCount);
    }

    private PolicyLintResult Result(PolicyMode? mode, List<(string Written, MxPattern Pattern)> mx, long? maxAge)
    {
        var sorted = diagnostics
            .GroupBy(d => (d.Code, d.Span.Line, d.Span.Column, d.Message))
            .Select(g => g.First())
            .OrderBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToList();
        string verdict;
        if (sorted.Any(d => d.IsError))
        {
            verdict = DiagnosticMessages.Verdict.PolicyRejected.Format();
        }
        else
        {
            var modeText = mode == PolicyMode.None ? DiagnosticMessages.Verdict.ModeNone.Format() : mode!.Value.ToKeyword();
            var patterns = mx.Count == 1 ? DiagnosticMessages.Verdict.OneMxPattern.Format() : DiagnosticMessages.Verdict.MxPatterns.Format(mx.Count);
            verdict = DiagnosticMessages.Verdict.PolicyApplied.Format(modeText, patterns, Duration.Describe(maxAge!.Value));
        }

        // The model a sender acts on, the same one the configuration pipeline builds; duplicates count once.
        var policy = sorted.Any(d => d.IsError) ? null : new Policy.StsPolicy(mode!.Value, mx.Select(m => m.Pattern).Distinct().ToList(), maxAge!.Value);
        return new PolicyLintResult(sorted, verdict, mode, mx.Select(m => m.Written).ToList(), mx.Select(m => m.Pattern).ToList(), maxAge, policy);
    }

    private void Report(DiagnosticMessage message, int line, int column, params object?[] args) =>
        diagnostics.Add(message.Create(SourceSpan.At(line, column), file, null, args));
}
