using System.Globalization;
using System.Text;

namespace MtaSts.Diagnostics;

/// <summary>
/// The one way user input gets into a message. Input can be as long as a file and can hold any character, so it is
/// cut and made visible before it is quoted; <see cref="Diagnostic"/> still guards every message as a second line.
/// </summary>
public static class UserText
{
    /// <summary>The most characters of user input a message quotes; longer input is cut and ends with '…'.</summary>
    public const int MaxQuotedLength = 40;

    /// <summary>
    /// User input for a message, without the quote marks: at most <see cref="MaxQuotedLength"/> characters (a value can
    /// be as long as the policy, and repeats would copy it once per line), with control and format characters, NEL,
    /// U+2028 and U+2029 written as <c>U+XXXX</c> so that no input can break a message onto a line of its own.
    /// </summary>
    public static string Quote(string value) => Escape(value, MaxQuotedLength);

    /// <summary>
    /// Text from outside (a report's policy-string, a name) for output, whole: control and format characters, NEL,
    /// U+2028 and U+2029 written as <c>U+XXXX</c>, so that a CR at the end of a line is seen, not printed as nothing.
    /// </summary>
    public static string Visible(string value) => Escape(value ?? "", int.MaxValue);

    private static string Escape(string value, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        var count = 0;
        for (var i = 0; i < value.Length; i++, count++)
        {
            if (count == maxLength)
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
                builder.Append(CodePoint(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary><see cref="Quote"/> inside single quotes: <c>'value'</c>.</summary>
    public static string Quoted(string value) => "'" + Quote(value) + "'";

    /// <summary>A character for a message: <c>'x'</c>, or its code point when it is invisible or not ASCII.</summary>
    public static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab (U+0009)",
        '\r' => "a carriage return (U+000D)",
        '\n' => "a line feed (U+000A)",
        '\u00A0' => "a no-break space (U+00A0)",
        '\uFEFF' => "a byte order mark (U+FEFF)",
        '\uFFFD' => "an invalid UTF-8 sequence",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || IsUnsafeInMessage(c) => CodePoint(c),
        _ when c > 0x7E => $"'{c}' ({CodePoint(c)})",
        _ => $"'{c}'",
    };

    /// <summary><c>U+XXXX</c>.</summary>
    public static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static bool IsUnsafeInMessage(char c) =>
        char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
