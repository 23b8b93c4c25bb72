using MtaSts.Diagnostics;

namespace MtaSts.Policy;

/// <summary>The outcome of validating a configuration: every diagnostic, and the deployment when there was no error.</summary>
public sealed class ValidationResult
{
    public ValidationResult(IReadOnlyList<Diagnostic> diagnostics, Deployment? deployment)
        : this(diagnostics, deployment is null ? [] : [deployment], isMultiDomain: false)
    {
    }

    /// <summary>The outcome for a configuration of either form: <paramref name="deployments"/> in configuration order,
    /// empty when any diagnostic is an error.</summary>
    public ValidationResult(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<Deployment> deployments, bool isMultiDomain)
    {
        Diagnostics = diagnostics;
        Deployments = deployments;
        IsMultiDomain = isMultiDomain;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The deployment of the single-domain form, or the first domain's of the multi-domain form (see
    /// <see cref="Deployments"/>). Null when any diagnostic is an error: nothing may be generated then.</summary>
    public Deployment? Deployment => Deployments.Count > 0 ? Deployments[0] : null;

    /// <summary>Every domain's deployment, in configuration order (one in the single-domain form). Empty when any
    /// diagnostic is an error, in any domain: nothing may be generated then.</summary>
    public IReadOnlyList<Deployment> Deployments { get; }

    /// <summary>Whether the configuration is the multi-domain form (<c>defaults:</c>/<c>domains:</c>).</summary>
    public bool IsMultiDomain { get; }

    /// <summary>
    /// The deployment of <paramref name="policyDomain"/> in any spelling <see cref="PolicyDomain.Parse"/> reads as the
    /// same domain (case, a final dot, U-label or A-label), or null.
    /// </summary>
    public Deployment? For(string policyDomain) =>
        PolicyDomain.Parse(policyDomain) is { IsValid: true, Value: var name } ? Deployments.FirstOrDefault(d => d.PolicyDomain == name) : null;

    public bool Success => Deployment is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
