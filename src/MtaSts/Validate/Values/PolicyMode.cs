using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Values;

namespace MtaSts.Policy;

/// <summary>The policy mode (RFC 8461 §5). Written in policy files exactly as lower-case keywords.</summary>
public enum PolicyMode
{
    /// <summary>Report failures through TLS-RPT but deliver anyway.</summary>
    Testing,

    /// <summary>Do not deliver to MX hosts that fail MX matching or certificate validation.</summary>
    Enforce,

    /// <summary>No active policy: used to remove MTA-STS (RFC 8461 §8.3).</summary>
    None,
}

public static class PolicyModeExtensions
{
    /// <summary>The keyword as it appears in the policy file (<c>sts-policy-mode-value</c>, case-sensitive).</summary>
    public static string ToKeyword(this PolicyMode mode) => mode switch
    {
        PolicyMode.Testing => "testing",
        PolicyMode.Enforce => "enforce",
        PolicyMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>Parses an exact (case-sensitive) keyword, as RFC 8461 §3.2's ABNF requires.</summary>
    public static bool TryParse(string? value, out PolicyMode mode)
    {
        switch (value)
        {
            case "testing":
                mode = PolicyMode.Testing;
                return true;
            case "enforce":
                mode = PolicyMode.Enforce;
                return true;
            case "none":
                mode = PolicyMode.None;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>
    /// The one grammar of the mode (<c>sts-policy-mode-value</c>, case-sensitive, RFC 8461 §3.2). A wrong case and a
    /// near miss are told apart so the message can give the fix.
    /// </summary>
    public static Parsed<PolicyMode> Parse(string? value, Strictness strictness)
    {
        var (text, start) = strictness == Strictness.Config ? HostName.Trimmed(value) : (value ?? "", 0);
        if (TryParse(text, out var mode))
        {
            return Parsed<PolicyMode>.Ok(mode);
        }

        if (text.Length == 0)
        {
            return new ValueProblem(ValueProblemKind.Empty, start);
        }

        var lower = text.ToLowerInvariant();
        return TryParse(lower, out _)
            ? new ValueProblem(ValueProblemKind.WrongCase, start, lower)
            : new ValueProblem(ValueProblemKind.UnknownKeyword, start, Suggestions.Closest(text, Keywords) ?? "");
    }

    internal static readonly string[] Keywords = ["testing", "enforce", "none"];
}
