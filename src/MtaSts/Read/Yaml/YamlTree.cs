using MtaSts.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.Config;

namespace MtaSts.Configuration.Yaml;

/// <summary>
/// A small YAML tree with positions (<see cref="YamlScalar"/>, <see cref="YamlSequence"/>, <see cref="YamlMap"/>), built
/// from YamlDotNet's event parser; <see cref="ConfigReader"/> reads the mta-sts.yaml schema over it. The events
/// are read directly (not YamlStream) so that an alias or anchor is refused where it is written, and nesting depth is
/// bounded while reading.
/// </summary>
/// <remarks>
/// <para>YamlDotNet 18.1.0 (Directory.Packages.props) quirks this class works around, written as upstream bug reports (each
/// reproduced with <c>new Parser(new StringReader(text))</c> and <c>MoveNext()</c> to the end):</para>
/// <list type="number">
/// <item><b>U+0000 is not reported as such.</b> YAML 1.2 §5.1 does not allow it anywhere (c-printable), but parsing
/// fails, if at all, somewhere after it with an unrelated message:
/// <c>"a: x\0y\nb: 2\n"</c> fails at 1,6 and <c>"a: 1\nb: 2\n\0c: 3\n"</c> at 3,2, both "did not find expected key";
/// in the fuzzing campaign of docs/reliability.md some inputs lost everything after it. Expected: a syntax error at the
/// character. Worked around: a U+0000 anywhere is refused before parsing, at its position.</item>
/// <item><b>A tag that is not a valid URI throws <c>ArgumentException</c></b> (from <c>System.Uri</c>: "Global tags
/// must be valid URIs"), not a <c>YamlException</c>, so it carries no position: <c>"!!11]1\n!!1\n!,"</c>
/// (found by fuzzing). Expected: a <c>SemanticErrorException</c> at the tag. Worked around: caught, reported after
/// the last event read.</item>
/// <item><b>An unclosed flow collection can throw <c>InvalidOperationException</c> from the scanner</b> instead of a
/// <c>SyntaxErrorException</c>, with no position ("Operation is not valid due to the current state of the object"):
/// <c>"a: [\nb: c\n"</c>. Worked around: caught, reported at the last '[' or '{' left open, found by a quote- and
/// comment-aware scan (<see cref="OpenFlowStart"/>).</item>
/// <item><b>The end-of-stream mark is on a line after the last one</b> when the text does not end with a line break:
/// <c>"a: [b"</c> fails at line 2, column 1, a line that does not exist. Worked around: every position is clamped to
/// the end of the text (<see cref="WithSpansInside"/>).</item>
/// <item><b>Exception messages repeat the position</b> as a "(Line: 1, Col: 2, Idx: 1) - (…): " prefix, which a caller
/// that reports the position itself shows twice. Worked around: the prefix is cut (<see cref="CleanYamlMessage"/>).</item>
/// <item><b>YAML 1.1 line breaks</b>: NEL, LS and PS (U+0085, U+2028, U+2029) end a line in the marks, although
/// YAML 1.2 §5.4 made them ordinary characters. Not a bug in a YAML 1.1 parser, but lines must be counted the same way
/// when clamping (<see cref="WithSpansInside"/>).</item>
/// </list>
/// </remarks>
internal static class YamlTree
{
    /// <summary>Deeper nesting is refused: mta-sts.yaml uses at most three levels, and the reader recurses.</summary>
    internal const int MaxDepth = 32;

    /// <summary>
    /// The tree of <paramref name="text"/>, or null with the reason in <paramref name="diagnostics"/>: a syntax error, an
    /// empty document, a second document, an alias or anchor, or nesting deeper than <see cref="MaxDepth"/>.
    /// </summary>
    public static YamlNode? Parse(string text, string? file, List<Diagnostic> diagnostics)
    {
        // YamlDotNet takes U+0000 for the end of the stream and would silently ignore everything after it; YAML does
        // not allow it at all (YAML 1.2 §5.1, c-printable).
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var (line, column) = TextPosition.Of(text, nul);
            diagnostics.Add(Messages.Nul.Create(SourceSpan.At(line, column, 1), file, null));
            return null;
        }

        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(Messages.Empty.Create(SourceSpan.At(1, 1), file, null));
                return null;
            }

            parser.Consume<DocumentStart>();
            if (parser.Accept<DocumentEnd>(out _))
            {
                diagnostics.Add(Messages.OnlyComments.Create(SourceSpan.At(1, 1), file, null));
                return null;
            }

            var root = ReadNode(parser, 0, file, diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(Messages.SecondDocument.Create(Span(second.Start, second.End), file, null));
                return null;
            }

            if (root is YamlScalar { IsNull: true })
            {
                diagnostics.Add(Messages.NullDocument.Create(SourceSpan.At(1, 1), file, null));
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(Messages.Syntax.Create(Span(ex.Start, ex.End), file, null, CleanYamlMessage(ex)));
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet 18 throws this instead of a YamlException for a tag that is not a valid URI ('!<…>', '!!…').
            var at = parser?.Current is { } last ? Span(last.End, last.End) : SourceSpan.At(1, 1);
            diagnostics.Add(Messages.TagNotUri.Create(at, file, null));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18's scanner throws this instead of a YamlException for some unclosed '[' or '{'.
            diagnostics.Add(Messages.FlowNotClosed.Create(OpenFlowStart(text), file, null));
            return null;
        }
        catch (AliasFound alias)
        {
            // An unquoted wildcard mx pattern is the usual way to write an alias by accident.
            var hint = alias.Name.StartsWith(".", StringComparison.Ordinal)
                ? Messages.AliasUnquotedWildcard.Format(alias.Name)
                : Messages.AliasWriteOut.Format();
            diagnostics.Add(Messages.Alias.Create(alias.Span, file, null, alias.Name, hint));
            return null;
        }
        catch (TooDeep deep)
        {
            diagnostics.Add(Messages.TooDeep.Create(deep.Span, file, null));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, int depth, string? file, List<Diagnostic> diagnostics)
    {
        if (depth > MaxDepth)
        {
            throw new TooDeep(Span(parser.Current!.Start, parser.Current.End));
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style == ScalarStyle.Plain &&
                (scalar.Value.Length == 0 || scalar.Value is "~" or "null" or "Null" or "NULL");
            return new YamlScalar(scalar.Value, isNull, Span(scalar.Start, scalar.End));
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, depth + 1, file, diagnostics));
            }

            return new YamlSequence(items, Span(sequenceStart.Start, sequenceStart.End));
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<(YamlNode, YamlNode)>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, depth + 1, file, diagnostics);
                var value = ReadNode(parser, depth + 1, file, diagnostics);
                entries.Add((key, value));
            }

            return new YamlMap(entries, Span(mappingStart.Start, mappingStart.End));
        }

        if (parser.Accept<AnchorAlias>(out var alias))
        {
            throw new AliasFound(alias.Value.Value, Span(alias.Start, alias.End));
        }

        var current = parser.Current!;
        throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
    }

    /// <summary>Where the last unclosed flow collection ('[' or '{') outside quotes and comments starts, or line 1.</summary>
    private static SourceSpan OpenFlowStart(string text)
    {
        var open = new Stack<(int Line, int Column)>();
        int line = 1, column = 1;
        char quote = '\0';
        var comment = false;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                comment = false;
                continue;
            }

            if (!comment)
            {
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#')
                {
                    comment = true;
                }
                else if (c is '[' or '{')
                {
                    open.Push((line, column));
                }
                else if (c is ']' or '}' && open.Count > 0)
                {
                    open.Pop();
                }
            }

            column++;
        }

        return open.Count > 0 ? SourceSpan.At(open.Peek().Line, open.Peek().Column, 1) : SourceSpan.At(1, 1);
    }

    private static string CleanYamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 1) - (…): "; the position is reported separately.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }

    internal static SourceSpan Span(Mark start, Mark end) =>
        new((int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

    private sealed class AliasFound(string name, SourceSpan span) : Exception
    {
        public string Name { get; } = name;

        public SourceSpan Span { get; } = span;
    }

    private sealed class TooDeep(SourceSpan span) : Exception
    {
        public SourceSpan Span { get; } = span;
    }

    /// <summary>
    /// YamlDotNet puts the end of the stream on a line after the last one when the text does not end with a line
    /// break ('a: [b' fails at line 2, column 1). A position past the end is clamped to the end of the input, where
    /// an editor can show it.
    /// </summary>
    public static IReadOnlyList<Diagnostic> WithSpansInside(IReadOnlyList<Diagnostic> diagnostics, string text)
    {
        // Line lengths with YAML's line breaks (YAML 1.2 §5.4, plus the NEL, LS and PS of YAML 1.1 that YamlDotNet keeps).
        var lengths = new List<int>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                lengths.Add(i - start);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lengths.Add(text.Length - start);
        (int Line, int Column) Inside(int line, int column) =>
            line > lengths.Count ? (lengths.Count, lengths[lengths.Count - 1] + 1)
            : line >= 1 && column > lengths[line - 1] + 1 ? (line, lengths[line - 1] + 1)
            : (line, column);

        return diagnostics.Select(d =>
        {
            if (d.Span.IsNone)
            {
                return d;
            }

            var (line, column) = Inside(d.Span.Line, d.Span.Column);
            var (endLine, endColumn) = Inside(d.Span.EndLine, d.Span.EndColumn);
            var span = new SourceSpan(line, column, endLine, endColumn);
            return span == d.Span ? d : new Diagnostic(d.Descriptor, d.Message, d.File, span, d.Field);
        }).ToList();
    }
}
