using System.Globalization;
using System.Text;

namespace MtaSts.Lint;

/// <summary>The character classes of the RFC 8461 §3.1/§3.2 and RFC 8460 §3 ABNF (RFC 5234 core rules).</summary>
internal static class Grammar
{
    /// <summary>The longest field name: <c>(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")</c>.</summary>
    public const int MaxNameLength = 32;

    public static bool IsWsp(char c) => c is ' ' or '\t';

    public static bool IsAlphaNum(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>A character after the first one of <c>sts-ext-name</c>, <c>sts-policy-ext-name</c>, <c>tlsrpt-ext-name</c>.</summary>
    public static bool IsNameChar(char c) => IsAlphaNum(c) || c is '_' or '-' or '.';

    /// <summary><c>%x21-3A / %x3C / %x3E-7E</c>: printable ASCII except "=", ";" and space (TXT extension values).</summary>
    public static bool IsTxtValueChar(char c) => c is >= '\x21' and <= '\x7E' && c != '=' && c != ';';

    /// <summary>RFC 5234 <c>CTL = %x00-1F / %x7F</c>.</summary>
    public static bool IsControl(char c) => c < 0x20 || c == 0x7F;

    /// <summary>Index of the first character of <paramref name="name"/> that breaks the field-name grammar, or -1.</summary>
    public static int InvalidNameIndex(string name)
    {
        if (name.Length == 0)
        {
            return 0;
        }

        if (!IsAlphaNum(name[0]))
        {
            return 0;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsNameChar(name[i]))
            {
                return i;
            }
        }

        return name.Length > MaxNameLength ? MaxNameLength : -1;
    }

    /// <summary>Why the name character at <paramref name="index"/> is wrong, for messages.</summary>
    public static string DescribeNameProblem(string name, int index) =>
        index >= MaxNameLength && index < name.Length && IsNameChar(name[index])
            ? $"the field name '{Quote(name)}' is longer than {MaxNameLength} characters"
            : index == 0
                ? $"a field name starts with a letter or digit, not {Show(name.Length == 0 ? ' ' : name[0])}"
                : $"{Show(name[index])} is not allowed in a field name (letters, digits, '_', '-' and '.' are)";

    /// <summary>The most characters of user input a message quotes; longer input is cut and ends with '…'.</summary>
    public const int MaxQuotedLength = 40;

    /// <summary>
    /// User input for a message, always through here: at most <see cref="MaxQuotedLength"/> characters (a value can be as
    /// long as the policy, and repeats would copy it once per line), with control and format characters, NEL, U+2028 and
    /// U+2029 written as <c>U+XXXX</c> so that no input can break a message onto a line of its own.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 8);
        var count = 0;
        for (var i = 0; i < value.Length; i++, count++)
        {
            if (count == MaxQuotedLength)
            {
                builder.Append('…');
                break;
            }

            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (IsUnsafeInMessage(c))
            {
                builder.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnsafeInMessage(char c) =>
        char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>A character for a message: <c>'x'</c>, or its code point when it is invisible or not ASCII.</summary>
    public static string Show(char c)
    {
        var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return c switch
        {
            ' ' => "a space",
            '\t' => "a tab (U+0009)",
            '\r' => "a carriage return (U+000D)",
            '\n' => "a line feed (U+000A)",
            '\u00A0' => "a no-break space (U+00A0)",
            '\uFEFF' => "a byte order mark (U+FEFF)",
            '\uFFFD' => "an invalid UTF-8 sequence",
            _ when char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) => code,
            _ when c > 0x7E => $"'{c}' ({code})",
            _ => $"'{c}'",
        };
    }
}
