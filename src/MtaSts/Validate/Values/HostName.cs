using System.Globalization;
using MtaSts.Values;

namespace MtaSts.Dns;

/// <summary>
/// Host-name rules shared by the Policy Domain and MX patterns: LDH labels (RFC 5321 §4.1.2 <c>Domain</c>,
/// RFC 1123 §2.1), at most 63 octets a label and 253 a name (RFC 1035 §2.3.4), A-labels for IDNs (RFC 8461 §3.2).
/// </summary>
public static class HostName
{
    public const int MaxLabelLength = 63;
    public const int MaxNameLength = 253;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// A host name as received (a DNS answer, a TLS-RPT report) in the form the rules compare: without surrounding
    /// whitespace and the root dot DNS answers end with, in lower case (RFC 8461 §4.1 and RFC 6125 §6.4.1 compare
    /// names case-insensitively). No validation: that is <see cref="Parse"/>.
    /// </summary>
    public static string Normalize(string name) => (name ?? "").Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// Parses a host name into its lower-case A-label form. <see cref="Strictness.Config"/> trims and accepts U-labels;
    /// <see cref="Strictness.Published"/> takes the text as a sender does: A-labels only (RFC 8461 §3.2).
    /// </summary>
    public static Parsed<string> Parse(string input, Strictness strictness)
    {
        var (value, start) = strictness == Strictness.Config ? Trimmed(input) : (input ?? "", 0);
        var parsed = ParseUntrimmed(value, strictness);
        return parsed.Problem is { } problem ? problem.Shift(start) : parsed;
    }

    /// <summary><see cref="Parse"/> of a value whose surrounding whitespace is already dealt with.</summary>
    internal static Parsed<string> ParseUntrimmed(string value, Strictness strictness)
    {
        if (strictness == Strictness.Published && value.Any(c => c > 0x7E) && Check(value, out var aLabel, out _) is null)
        {
            var first = 0;
            while (value[first] <= 0x7E)
            {
                first++;
            }

            return new ValueProblem(ValueProblemKind.NotAscii, first, aLabel);
        }

        return Check(value, out var normalized, out var detail) is { } kind ? Problem(kind, value, detail) : Parsed<string>.Ok(normalized);
    }

    /// <summary>The value without surrounding whitespace, and where it starts.</summary>
    internal static (string Value, int Start) Trimmed(string? input)
    {
        input ??= "";
        var start = 0;
        while (start < input.Length && char.IsWhiteSpace(input[start]))
        {
            start++;
        }

        return (input.Substring(start).TrimEnd(), start);
    }

    private static ValueProblem Problem(ValueProblemKind kind, string value, string detail)
    {
        var offset = kind switch
        {
            ValueProblemKind.TrailingDot => value.Length - 1,
            ValueProblemKind.HasPort => value.LastIndexOf(':'),
            ValueProblemKind.InvalidCharacter when detail.Length == 1 => Math.Max(0, value.IndexOf(detail[0])),
            ValueProblemKind.LabelTooLong or ValueProblemKind.HyphenAtLabelEdge => Math.Max(0, value.IndexOf(detail, StringComparison.OrdinalIgnoreCase)),
            ValueProblemKind.EmptyLabel => Math.Max(0, value.StartsWith(".", StringComparison.Ordinal) ? 0 : value.IndexOf("..", StringComparison.Ordinal) + 1),
            _ => 0,
        };
        return new ValueProblem(kind, offset, detail);
    }

    /// <summary>
    /// Converts a name to its lower-case A-label form and checks it: null when it is a host name, else what is wrong,
    /// with <paramref name="detail"/> naming the offending label or character.
    /// </summary>
    private static ValueProblemKind? Check(string input, out string normalized, out string detail)
    {
        normalized = "";
        detail = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return ValueProblemKind.Empty;
        }

        if (input.EndsWith(".", StringComparison.Ordinal))
        {
            return ValueProblemKind.TrailingDot;
        }

        if (HasPort(input, out var port))
        {
            detail = port;
            return ValueProblemKind.HasPort;
        }

        if (LooksLikeIpAddress(input))
        {
            return ValueProblemKind.IpAddress;
        }

        var ascii = input;
        if (input.Any(c => c > 0x7F))
        {
            try
            {
                ascii = Idn.GetAscii(input);
            }
            catch (ArgumentException ex)
            {
                detail = ex.Message;
                return ValueProblemKind.InvalidIdn;
            }
        }

        ascii = ascii.ToLowerInvariant();
        if (ascii.Length > MaxNameLength)
        {
            detail = ascii.Length.ToString(CultureInfo.InvariantCulture);
            return ValueProblemKind.NameTooLong;
        }

        foreach (var label in ascii.Split('.'))
        {
            if (CheckLabel(label, out detail) is { } problem)
            {
                return problem;
            }
        }

        normalized = ascii;
        return null;
    }

    /// <summary>Checks one LDH label: letters, digits, hyphens, not starting or ending with a hyphen.</summary>
    private static ValueProblemKind? CheckLabel(string label, out string detail)
    {
        detail = label;
        if (label.Length == 0)
        {
            return ValueProblemKind.EmptyLabel;
        }

        if (label.Length > MaxLabelLength)
        {
            return ValueProblemKind.LabelTooLong;
        }

        foreach (var c in label)
        {
            if (!IsLdh(c))
            {
                detail = c.ToString();
                return ValueProblemKind.InvalidCharacter;
            }
        }

        if (label[0] == '-' || label[label.Length - 1] == '-')
        {
            return ValueProblemKind.HyphenAtLabelEdge;
        }

        if (label.StartsWith("xn--", StringComparison.Ordinal))
        {
            try
            {
                // An A-label must decode to a valid U-label (RFC 5891 §5.4).
                Idn.GetUnicode(label);
            }
            catch (ArgumentException ex)
            {
                detail = $"{label}: {ex.Message}";
                return ValueProblemKind.InvalidIdn;
            }
        }

        return null;
    }

    /// <summary>The Unicode (U-label) form for display, or the input when it has no A-labels.</summary>
    public static string ToUnicode(string asciiName)
    {
        if (asciiName.IndexOf("xn--", StringComparison.Ordinal) < 0)
        {
            return asciiName;
        }

        try
        {
            return Idn.GetUnicode(asciiName);
        }
        catch (ArgumentException)
        {
            return asciiName;
        }
    }

    /// <summary><c>mail.example.com:25</c>: a host name with a port, which names never carry.</summary>
    internal static bool HasPort(string value, out string port)
    {
        var colon = value.LastIndexOf(':');
        port = colon > 0 ? value.Substring(colon) : "";
        return colon > 0 && value.IndexOf(':') == colon && value[0] != '[' && colon < value.Length - 1
            && value.Substring(colon + 1).All(c => c is >= '0' and <= '9');
    }

    internal static bool IsLdh(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-';

    /// <summary>Address literals (<c>[192.0.2.1]</c>), dotted quads and IPv6 addresses are not host names (RFC 8461 §3.4).</summary>
    internal static bool LooksLikeIpAddress(string value)
    {
        if (value.StartsWith("[", StringComparison.Ordinal) || value.IndexOf(':') >= 0)
        {
            return true;
        }

        // A name whose last label is all digits can only be an IPv4 address: no TLD is numeric.
        var last = value.Substring(value.LastIndexOf('.') + 1);
        return last.Length > 0 && last.All(c => c is >= '0' and <= '9');
    }
}
