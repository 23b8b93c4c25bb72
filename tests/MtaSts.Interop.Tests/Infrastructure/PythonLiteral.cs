using System.Globalization;
using System.Text;

namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>An enum member as Python prints it: <c>&lt;STSFetchResult.VALID: 1&gt;</c>.</summary>
public sealed record PythonEnum(string Type, string Member, long Value);

/// <summary>
/// Reads the Python values that <c>print()</c> writes for what mta-sts-query returns: None, True/False, integers,
/// strings in single or double quotes, tuples, lists, dicts and enum members. Tuples and lists become
/// <see cref="List{T}"/>, dicts <see cref="Dictionary{TKey, TValue}"/> with string keys, None null.
/// </summary>
public sealed class PythonLiteral
{
    private readonly string text;
    private int position;

    private PythonLiteral(string text) => this.text = text;

    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text.Trim());
        var value = parser.Value();
        parser.SkipSpace();
        if (parser.position != parser.text.Length)
        {
            throw parser.Error("unexpected text after the value");
        }

        return value;
    }

    private object? Value()
    {
        SkipSpace();
        if (position >= text.Length)
        {
            throw Error("a value is missing");
        }

        var c = text[position];
        switch (c)
        {
            case '\'' or '"':
                return String();
            case '(':
                return Sequence('(', ')');
            case '[':
                return Sequence('[', ']');
            case '{':
                return Dict();
            case '<':
                return Enum();
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = position++;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            return long.Parse(text.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        foreach (var (word, value) in new (string, object?)[] { ("None", null), ("True", true), ("False", false) })
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) == 0)
            {
                position += word.Length;
                return value;
            }
        }

        throw Error($"unexpected '{c}'");
    }

    private string String()
    {
        var quote = text[position++];
        var value = new StringBuilder();
        while (position < text.Length && text[position] != quote)
        {
            var c = text[position++];
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                break;
            }

            var escaped = text[position++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'x':
                    value.Append((char)Convert.ToInt32(text.Substring(position, 2), 16));
                    position += 2;
                    break;
                case 'u':
                    value.Append((char)Convert.ToInt32(text.Substring(position, 4), 16));
                    position += 4;
                    break;
                default: value.Append(escaped); break;
            }
        }

        Expect(quote);
        return value.ToString();
    }

    private List<object?> Sequence(char open, char close)
    {
        Expect(open);
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (TryTake(close))
            {
                return items;
            }

            items.Add(Value());
            SkipSpace();
            if (!TryTake(','))
            {
                SkipSpace();
                Expect(close);
                return items;
            }
        }
    }

    private Dictionary<string, object?> Dict()
    {
        Expect('{');
        var items = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (TryTake('}'))
            {
                return items;
            }

            var key = Value() as string ?? throw Error("dict keys must be strings here");
            SkipSpace();
            Expect(':');
            items[key] = Value();
            SkipSpace();
            if (!TryTake(','))
            {
                SkipSpace();
                Expect('}');
                return items;
            }
        }
    }

    private PythonEnum Enum()
    {
        Expect('<');
        var end = text.IndexOf('>', position);
        if (end < 0)
        {
            throw Error("'<' without '>'");
        }

        // Type.MEMBER: value
        var inner = text[position..end];
        position = end + 1;
        var colon = inner.LastIndexOf(':');
        var dot = inner.LastIndexOf('.', colon < 0 ? inner.Length - 1 : colon);
        if (colon < 0 || dot < 0)
        {
            throw Error($"'<{inner}>' is not an enum member");
        }

        return new PythonEnum(inner[..dot], inner[(dot + 1)..colon], long.Parse(inner[(colon + 1)..].Trim(), CultureInfo.InvariantCulture));
    }

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool TryTake(char c)
    {
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private FormatException Error(string message) =>
        new($"Not a Python value at position {position}: {message}. Text: {text}");
}
