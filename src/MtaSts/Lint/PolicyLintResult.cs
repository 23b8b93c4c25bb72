using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Lint;

/// <summary>
/// The outcome of linting a published policy file: every deviation, what a sender does with the policy, and the values
/// a sender reads (the first occurrence of each field wins, RFC 8461 §3.2).
/// </summary>
public sealed class PolicyLintResult
{
    internal PolicyLintResult(IReadOnlyList<Diagnostic> diagnostics, string verdict, PolicyMode? mode, IReadOnlyList<string> mx, long? maxAge, Policy.Policy? policy)
    {
        Policy = policy;
        Diagnostics = diagnostics;
        Verdict = verdict;
        Mode = mode;
        Mx = mx;
        MaxAge = maxAge;
    }

    /// <summary>Errors and warnings, in the order of their position in the file.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>No errors (warnings are allowed).</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);

    /// <summary>One sentence: what an RFC 8461 sender does with this policy.</summary>
    public string Verdict { get; }

    /// <summary>The first <c>mode</c> field's value when it is valid; null when it is missing or invalid.</summary>
    public PolicyMode? Mode { get; }

    /// <summary>Every valid <c>mx</c> pattern, as written (senders compare case-insensitively), in order.</summary>
    public IReadOnlyList<string> Mx { get; }

    /// <summary>The first <c>max_age</c> field's value in seconds when it is valid; null when it is missing or invalid.</summary>
    public long? MaxAge { get; }

    /// <summary>
    /// The policy a sender applies, as the same model <see cref="MtaSts.Policy.Policy"/> the configuration pipeline
    /// builds (mx patterns in lower case, a repeated one once); null when the policy has an error.
    /// </summary>
    public Policy.Policy? Policy { get; }

    public override string ToString() => Verdict;
}
