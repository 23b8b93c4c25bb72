using MtaSts.Dns;
using MtaSts.Values;

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

    /// <summary>
    /// Parses a pattern strictly, as a sender would (A-labels only). Returns null when <paramref name="value"/> is not a
    /// valid <c>sts-policy-mx-value</c>; <see cref="Parse"/> says why.
    /// </summary>
    public static MxPattern? TryParse(string value) => value is null ? null : Parse(value, Strictness.Published).Value;

    /// <summary>
    /// The one grammar of an mx pattern (RFC 8461 §3.2 <c>["*."] Domain</c>, §4.1): the wildcard only as the whole
    /// left-most label, then a host name (no root dot, port or IP address). <see cref="Strictness.Config"/> also trims
    /// and accepts U-labels.
    /// </summary>
    public static Parsed<MxPattern> Parse(string value, Strictness strictness)
    {
        var (text, start) = strictness == Strictness.Config ? HostName.Trimmed(value) : (value ?? "", 0);
        if (text.Length == 0)
        {
            return new ValueProblem(ValueProblemKind.Empty, start);
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var domainStart = wildcard ? 2 : 0;
        var star = text.IndexOf('*', domainStart);
        if (star >= 0)
        {
            return new ValueProblem(ValueProblemKind.PartialWildcard, start + star);
        }

        var host = HostName.ParseUntrimmed(text.Substring(domainStart), strictness);
        if (host.Problem is { } problem)
        {
            if (problem.Kind == ValueProblemKind.NotAscii && wildcard)
            {
                problem = problem with { Detail = "*." + problem.Detail };
            }

            return problem.Shift(start + domainStart);
        }

        return Parsed<MxPattern>.Ok(new MxPattern(wildcard ? "*." + host.Value : host.Value));
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

        var host = HostName.Normalize(mxHost);
        if (host.Any(c => c > 0x7F))
        {
            var ascii = HostName.ParseUntrimmed(host, Strictness.Config);
            if (!ascii.IsValid)
            {
                return false;
            }

            host = ascii.Value;
        }

        if (!IsWildcard)
        {
            return string.Equals(host, Value, StringComparison.OrdinalIgnoreCase);
        }

        var firstDot = host.IndexOf('.');
        return firstDot > 0 && string.Equals(host.Substring(firstDot + 1), Domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The fewest patterns that cover <paramref name="mxHosts"/> the way senders match them (RFC 8461 §4.1): hosts that
    /// share a parent domain become one wildcard for that parent (<c>mx1.mail.example.com</c> and
    /// <c>mx2.mail.example.com</c> give <c>*.mail.example.com</c>); a host alone under its parent stays as it is. Never
    /// across depths (a wildcard is exactly one left-most label) and never for a parent of a single label (<c>*.com</c>).
    /// Hosts are normalized (trimmed, trailing dot dropped, lower-case A-labels); invalid ones and duplicates are
    /// skipped. The result follows the order of the first host of each pattern.
    /// </summary>
    public static IReadOnlyList<MxPattern> Covering(IEnumerable<string> mxHosts)
    {
        if (mxHosts is null)
        {
            throw new ArgumentNullException(nameof(mxHosts));
        }

        var hosts = new List<string>();
        foreach (var host in mxHosts)
        {
            var parsed = HostName.Parse(HostName.Normalize(host ?? ""), Strictness.Config);
            if (parsed.IsValid && !hosts.Contains(parsed.Value))
            {
                hosts.Add(parsed.Value);
            }
        }

        static string? ParentOf(string host)
        {
            var dot = host.IndexOf('.');
            var parent = dot < 0 ? null : host.Substring(dot + 1);
            return parent is not null && parent.IndexOf('.') > 0 ? parent : null;
        }

        var shared = new HashSet<string>(hosts.Select(ParentOf).Where(p => p is not null)
            .GroupBy(p => p!, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);
        var patterns = new List<MxPattern>();
        foreach (var host in hosts)
        {
            var parent = ParentOf(host);
            var pattern = new MxPattern(parent is not null && shared.Contains(parent) ? "*." + parent : host);
            if (!patterns.Contains(pattern))
            {
                patterns.Add(pattern);
            }
        }

        return patterns;
    }

    public bool Equals(MxPattern? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as MxPattern);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
