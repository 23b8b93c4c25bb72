using MtaSts.Dns;

namespace MtaSts.Policy;

/// <summary>
/// An <c>mx</c> pattern of a policy (RFC 8461 §3.2 <c>sts-policy-mx-value = ["*."] Domain</c>): a host name, or
/// <c>*.</c> plus a domain, where the wildcard stands for exactly one whole left-most label (§4.1).
/// Always held in lower-case A-label form.
/// </summary>
public sealed class MxPattern : IEquatable<MxPattern>
{
    private MxPattern(string value)
    {
        Value = value;
    }

    /// <summary>The pattern as written in the policy file, e.g. <c>*.mail.example.com</c>.</summary>
    public string Value { get; }

    public bool IsWildcard => Value.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>The part after <c>*.</c> for wildcards, the whole name otherwise.</summary>
    public string Domain => IsWildcard ? Value.Substring(2) : Value;

    /// <summary>Creates a pattern from an already normalized value; use <see cref="Validator"/> for user input.</summary>
    internal static MxPattern FromNormalized(string value) => new(value);

    /// <summary>
    /// Parses a pattern strictly, as a sender would (A-labels only). Returns null when <paramref name="value"/> is not a
    /// valid <c>sts-policy-mx-value</c>.
    /// </summary>
    public static MxPattern? TryParse(string value)
    {
        if (value is null || value.Any(c => c > 0x7F))
        {
            return null;
        }

        var domain = value.StartsWith("*.", StringComparison.Ordinal) ? value.Substring(2) : value;
        if (domain.IndexOf('*') >= 0 || HostName.LooksLikeIpAddress(domain))
        {
            return null;
        }

        return HostName.TryNormalize(domain, out var normalized, out _) == HostNameError.None
            ? new MxPattern(value.StartsWith("*.", StringComparison.Ordinal) ? "*." + normalized : normalized)
            : null;
    }

    /// <summary>
    /// Whether an MX host name matches this pattern (RFC 8461 §4.1, Appendix B): case-insensitive; a wildcard matches
    /// exactly one extra left-most label, so <c>*.example.com</c> matches <c>mail.example.com</c> but neither
    /// <c>example.com</c> nor <c>a.b.example.com</c>. A trailing dot on the host (as DNS returns it) is ignored.
    /// </summary>
    public bool Matches(string mxHost)
    {
        if (string.IsNullOrEmpty(mxHost))
        {
            return false;
        }

        var host = mxHost.EndsWith(".", StringComparison.Ordinal) ? mxHost.Substring(0, mxHost.Length - 1) : mxHost;
        if (host.Any(c => c > 0x7F))
        {
            if (HostName.TryNormalize(host, out var ascii, out _) != HostNameError.None)
            {
                return false;
            }

            host = ascii;
        }

        if (!IsWildcard)
        {
            return string.Equals(host, Value, StringComparison.OrdinalIgnoreCase);
        }

        var firstDot = host.IndexOf('.');
        return firstDot > 0 && string.Equals(host.Substring(firstDot + 1), Domain, StringComparison.OrdinalIgnoreCase);
    }

    public bool Equals(MxPattern? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as MxPattern);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
