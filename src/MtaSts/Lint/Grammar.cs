using MtaSts.Diagnostics;

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
            ? DiagnosticMessages.Lint.NameTooLong.Format(UserText.Quote(name), MaxNameLength)
            : index == 0
                ? DiagnosticMessages.Lint.NameStart.Format(UserText.Show(name.Length == 0 ? ' ' : name[0]))
                : DiagnosticMessages.Lint.NameCharacter.Format(UserText.Show(name[index]));
}
