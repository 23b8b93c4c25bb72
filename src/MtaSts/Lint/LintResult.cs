using MtaSts.Diagnostics;

namespace MtaSts.Lint;

/// <summary>What every lint says: the deviations, whether a sender accepts the input, and what it does with it.</summary>
public abstract class LintVerdict
{
    private protected LintVerdict(IReadOnlyList<Diagnostic> diagnostics, string verdict)
    {
        Diagnostics = diagnostics;
        Verdict = verdict;
    }

    /// <summary>Errors and warnings, in the order of their position in the input.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>No errors (warnings are allowed).</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);

    /// <summary>One sentence: what an RFC 8461 sender (or RFC 8460 reporter) does with the input.</summary>
    public string Verdict { get; }

    public override string ToString() => Verdict;
}

/// <summary>The outcome of linting a published TXT record: every deviation, and what a sender does with the record.</summary>
public sealed class LintResult : LintVerdict
{
    internal LintResult(IReadOnlyList<Diagnostic> diagnostics, string verdict, string? id, IReadOnlyList<string> rua)
        : base(diagnostics, verdict)
    {
        Id = id;
        Rua = rua;
    }

    /// <summary>For an <c>_mta-sts</c> record: the policy id as a sender reads it (the first <c>id=</c>), when valid.</summary>
    public string? Id { get; }

    /// <summary>For an <c>_smtp._tls</c> record: the valid reporting destinations of every <c>rua=</c> field, in order.</summary>
    public IReadOnlyList<string> Rua { get; }
}
