using MtaSts.Diagnostics;

namespace MtaSts.Lint;

/// <summary>The outcome of linting a published TXT record: every deviation, and what a sender does with the record.</summary>
public sealed class LintResult
{
    internal LintResult(IReadOnlyList<Diagnostic> diagnostics, string verdict, string? id, IReadOnlyList<string> rua)
    {
        Diagnostics = diagnostics;
        Verdict = verdict;
        Id = id;
        Rua = rua;
    }

    /// <summary>Errors and warnings, in the order of their position in the record.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>No errors (warnings are allowed).</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);

    /// <summary>One sentence: what an RFC 8461 or RFC 8460 sender does with this record.</summary>
    public string Verdict { get; }

    /// <summary>For an <c>_mta-sts</c> record: the policy id as a sender reads it (the first <c>id=</c>), when valid.</summary>
    public string? Id { get; }

    /// <summary>For an <c>_smtp._tls</c> record: the valid reporting destinations of every <c>rua=</c> field, in order.</summary>
    public IReadOnlyList<string> Rua { get; }

    public override string ToString() => Verdict;
}
