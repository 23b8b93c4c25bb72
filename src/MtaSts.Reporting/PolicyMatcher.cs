using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Reporting;

/// <summary>
/// Reads a report's <c>policy-string</c> (the policy file's lines, RFC 8460 §4.3) through the core's policy parser and
/// compares it with a policy as a sender would: line endings and field order do not matter (Google writes
/// <c>max_age</c> before <c>mx</c>), <c>mx</c> patterns are compared case-insensitively as a set, and
/// <c>mode</c>, <c>max_age</c> and the set of <c>mx</c> patterns must all be equal.
/// </summary>
public static class PolicyMatcher
{
    /// <summary>The sender's view of a policy-string; null when it is not a valid STSv1 policy.</summary>
    public static PolicyView? Read(IReadOnlyList<string> policyString)
    {
        ArgumentNullException.ThrowIfNull(policyString);
        if (policyString.Count == 0)
        {
            return null;
        }

        // The lines as a policy file (RFC 8461 §3.2: CRLF-terminated lines); the linter only reads the values.
        var text = string.Concat(policyString.Select(line => line.Trim() + "\r\n"));
        // The linter's Policy is the sender's view, parsed once: mx patterns already in lower case, each once.
        return PolicyLinter.Lint(text).Policy is { } policy ? View(policy) : null;
    }

    /// <summary>The view of a policy the configuration generates.</summary>
    public static PolicyView View(MtaSts.Policy.StsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        // MxPattern values are already normalised (lower-case A-labels, RFC 8461 §3.2); a set compares them unordered.
        return new PolicyView(policy.Mode, policy.Mx.Select(m => m.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), policy.MaxAge);
    }
}

/// <summary>What a sender enforces from a policy: its mode, its mx patterns (lower case, sorted, distinct), its max_age.</summary>
public sealed record PolicyView(PolicyMode Mode, IReadOnlyList<string> Mx, long MaxAge)
{
    public bool Equals(PolicyView? other) =>
        other is not null && Mode == other.Mode && MaxAge == other.MaxAge && Mx.SequenceEqual(other.Mx, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Mode, MaxAge, string.Join(",", Mx));

    /// <summary>One line: <c>mode: testing; mx: mx1.example.com, *.mail.example.com; max_age: 604800</c>.</summary>
    public override string ToString() => $"mode: {Mode.ToKeyword()}; mx: {string.Join(", ", Mx)}; max_age: {MaxAge}";
}
