using MtaSts.Diagnostics;

namespace MtaSts.Fuzz;

/// <summary>A property of a parser's result that did not hold for one input.</summary>
public sealed class FindingException(string message) : Exception(message);

/// <summary>The properties every target checks, beyond "does not crash".</summary>
public static class Property
{
    public static void That(bool condition, string finding)
    {
        if (!condition)
        {
            throw new FindingException(finding);
        }
    }

    /// <summary>
    /// Every diagnostic of a text file: a message without line-breaking characters (a crafted input must not print a
    /// line of its own that looks like another diagnostic), and a span that is either none or lies inside the input: 1-based, start
    /// before end, at most one past the end of a line. Lines are counted generously (every character YAML or a
    /// reader could treat as a line break), so only positions that no reading of the input explains are findings.
    /// </summary>
    public static void Diagnostics(IEnumerable<Diagnostic> diagnostics, string text)
    {
        var lineBreaks = text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        var longestLine = text.Split('\n').Max(line => line.Length);
        foreach (var diagnostic in diagnostics)
        {
            Message(diagnostic);
            var shown = $"{diagnostic.Code} {diagnostic.Span} \"{diagnostic.Message}\"";
            var span = diagnostic.Span;
            if (span.IsNone)
            {
                That(span == SourceSpan.None, $"half-empty span {span.Line},{span.Column},{span.EndLine},{span.EndColumn}: {Escape(shown)}");
                continue;
            }

            That(span.Column >= 1 && span.EndLine >= span.Line && (span.EndLine > span.Line || span.EndColumn >= span.Column),
                $"span {span.Line},{span.Column},{span.EndLine},{span.EndColumn} is not a range: {Escape(shown)}");
            That(span.EndLine <= lineBreaks + 1 && span.Column <= longestLine + 1 && span.EndColumn <= longestLine + 1,
                $"span {span.Line},{span.Column},{span.EndLine},{span.EndColumn} is outside the input ({lineBreaks + 1} lines, longest {longestLine}): {Escape(shown)}");
        }
    }

    /// <summary>No line-breaking or control character in a message: a crafted input must not print a line of its own.</summary>
    private static void Message(Diagnostic diagnostic) =>
        That(!diagnostic.Message.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'),
            $"message with a line-breaking or control character: {Escape($"{diagnostic.Code} \"{diagnostic.Message}\"")}");

    /// <summary>
    /// A TXT record is one string, whatever characters it holds: every span is on line 1, its columns are positions
    /// in the record (1 to length + 1); messages as in <see cref="Diagnostics"/>.
    /// </summary>
    public static void RecordDiagnostics(IEnumerable<Diagnostic> diagnostics, string record)
    {
        foreach (var diagnostic in diagnostics)
        {
            Message(diagnostic);
            var span = diagnostic.Span;
            That(span.IsNone || (span.Line == 1 && span.EndLine == 1 && span.Column >= 1 && span.EndColumn >= span.Column && span.EndColumn <= record.Length + 1),
                $"span {span.Line},{span.Column},{span.EndLine},{span.EndColumn} is outside the record ({record.Length} characters): {Escape($"{diagnostic.Code} \"{diagnostic.Message}\"")}");
        }
    }

    /// <summary>Two values read from the original and from its rendering must be equal.</summary>
    public static void Same<T>(T original, T reread, string what)
    {
        That(EqualityComparer<T>.Default.Equals(original, reread), $"round trip changed {what}: {Escape(Show(original))} became {Escape(Show(reread))}");
    }

    public static void SameSequence(IEnumerable<string>? original, IEnumerable<string>? reread, string what) =>
        Same(original is null ? null : string.Join("\u0001", original), reread is null ? null : string.Join("\u0001", reread), what);

    private static string Show<T>(T value) => value is null ? "(none)" : "'" + value + "'";

    /// <summary>Findings are printed one per line.</summary>
    public static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:X4}" : c.ToString()));
}
