using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Lint;

/// <summary>
/// The outcome of linting a published policy file: every deviation, what a sender does with the policy, and the values
/// a sender reads (the first occurrence of each field wins, RFC 8461 §3.2).
/// </summary>
public sealed class PolicyLintResult : LintVerdict
{
    internal PolicyLintResult(
        IReadOnlyList<Diagnostic> diagnostics, string verdict, PolicyMode? mode, IReadOnlyList<string> mx, IReadOnlyList<MxPattern> mxPatterns, long? maxAge, Policy.StsPolicy? policy)
        : base(diagnostics, verdict)
    {
        Policy = policy;
        Mode = mode;
        Mx = mx;
        MxPatterns = mxPatterns;
        MaxAge = maxAge;
    }

    /// <summary>The first <c>mode</c> field's value when it is valid; null when it is missing or invalid.</summary>
    public PolicyMode? Mode { get; }

    /// <summary>Every valid <c>mx</c> pattern, as written (senders compare case-insensitively), in order.</summary>
    public IReadOnlyList<string> Mx { get; }

    /// <summary>
    /// <see cref="Mx"/> parsed, item for item (same order and count): what hosts match (RFC 8461 §4.1), also when the
    /// policy has an error elsewhere and <see cref="Policy"/> is null.
    /// </summary>
    public IReadOnlyList<MxPattern> MxPatterns { get; }

    /// <summary>The first <c>max_age</c> field's value in seconds when it is valid; null when it is missing or invalid.</summary>
    public long? MaxAge { get; }

    /// <summary>
    /// The policy a sender applies, as the same model <see cref="MtaSts.Policy.StsPolicy"/> the configuration pipeline
    /// builds (mx patterns in lower case, a repeated one once); null when the policy has an error.
    /// </summary>
    public Policy.StsPolicy? Policy { get; }
}
