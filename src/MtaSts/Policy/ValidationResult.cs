using MtaSts.Diagnostics;

namespace MtaSts.Policy;

/// <summary>The outcome of validating a configuration: every diagnostic, and the deployment when there was no error.</summary>
public sealed class ValidationResult
{
    public ValidationResult(IReadOnlyList<Diagnostic> diagnostics, Deployment? deployment)
    {
        Diagnostics = diagnostics;
        Deployment = deployment;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Null when any diagnostic is an error: nothing may be generated then.</summary>
    public Deployment? Deployment { get; }

    public bool Success => Deployment is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
