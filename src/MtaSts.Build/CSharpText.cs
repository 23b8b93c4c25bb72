using System.Globalization;
using System.Text;

namespace MtaSts.Build;

/// <summary>
/// C# as text for <see cref="PolicyDataWriter"/>: ASCII-only string literals, namespaces made valid identifiers,
/// comment-safe values, and lines with four-space indentation.
/// </summary>
internal static class CSharpText
{
    /// <summary>
    /// A C# regular string literal that is pure ASCII: quotes, backslashes, control and non-ASCII characters are escaped,
    /// so IDN names and any future input round-trip exactly whatever encoding the compiler assumes.
    /// </summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\r': text.Append("\\r"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A C# namespace from an MSBuild value such as <c>$(RootNamespace)</c>: every dot-separated part made a
    /// valid identifier (<c>my-site</c> becomes <c>my_site</c>, <c>1st</c> becomes <c>_1st</c>, keywords get <c>@</c>).</summary>
    public static string ToNamespace(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var parts = value!.Trim().Split('.')
            .Where(part => part.Length > 0)
            .Select(ToIdentifier);
        return string.Join(".", parts);
    }

    private static string ToIdentifier(string part)
    {
        var identifier = new StringBuilder(part.Length + 1);
        foreach (var c in part)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var valid = c == '_' || char.IsLetterOrDigit(c) || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            // Non-ASCII letters stay, as Unicode escapes: the generated file is pure ASCII.
            if (!valid)
            {
                identifier.Append('_');
            }
            else if (c > 0x7E)
            {
                identifier.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                identifier.Append(c);
            }
        }

        if (identifier.Length == 0 || char.IsDigit(identifier[0]))
        {
            identifier.Insert(0, '_');
        }

        var result = identifier.ToString();
        return Keywords.Contains(result) ? "@" + result : result;
    }

    /// <summary>Keeps a value from ending a <c>//</c> comment line early.</summary>
    public static string Comment(string value) =>
        new(value.Select(c => c < 0x20 || c > 0x7E ? '?' : c).ToArray());

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Lines with four-space indentation and LF endings (the repository's and the SDK's generated-file style).</summary>
    public sealed class CodeBuilder
    {
        private readonly StringBuilder text = new();

        public int Indent { get; set; }

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                text.Append(' ', Indent * 4).Append(line);
            }

            text.Append('\n');
        }

        /// <summary>Opens a block, or nothing for a null header (the global namespace).</summary>
        public void Open(string? header)
        {
            blocks.Push(header is not null);
            if (header is null)
            {
                return;
            }

            Line(header);
            Line("{");
            Indent++;
        }

        public void Close()
        {
            if (!blocks.Pop())
            {
                return;
            }

            Indent--;
            Line("}");
        }

        private readonly Stack<bool> blocks = new();

        public override string ToString() => text.ToString();
    }
}
