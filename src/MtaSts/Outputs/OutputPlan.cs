using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;

namespace MtaSts;

/// <summary>The outcome of <see cref="OutputPlanner.Plan"/>: diagnostics and, when there is no error, what to write.</summary>
public sealed class OutputPlan
{
    internal OutputPlan(ValidationResult result, string? previousId, IReadOnlyList<GeneratedFile> files, string? summary, IReadOnlyList<string>? staleFiles = null)
    {
        Result = result;
        PreviousId = previousId;
        Files = files;
        Summary = summary;
        StaleFiles = staleFiles ?? [];
    }

    public ValidationResult Result { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Null when any diagnostic is an error: nothing may be written then. The first domain's in the
    /// multi-domain form (see <see cref="Deployments"/>).</summary>
    public Deployment? Deployment => Result.Deployment;

    /// <summary>Every domain's deployment in configuration order (one in the single-domain form); empty on any error.</summary>
    public IReadOnlyList<Deployment> Deployments => Result.Deployments;

    /// <summary>Whether the configuration is the multi-domain form.</summary>
    public bool IsMultiDomain => Result.IsMultiDomain;

    /// <summary>
    /// Policy and DNS files an earlier run wrote (as <see cref="OutputOptions.OutputListFile"/> lists them) that this
    /// plan does not write: in the multi-domain form a removed domain's zone snippet, the single-domain form's snippet
    /// after a move to the multi-domain form, or the shared policy file once the domains' policies differ (served for
    /// every host, it would be wrong for some); in either form the file of a DNS format that is no longer selected
    /// (<see cref="OutputOptions.DnsFormats"/>). Hosts delete them after writing <see cref="Files"/>. The
    /// single-domain form never deletes its policy file or zone snippet.
    /// </summary>
    public IReadOnlyList<string> StaleFiles { get; }

    /// <summary>The id published before, when known (from the <c>id: timestamp</c> state or the previous zone snippet).</summary>
    public string? PreviousId { get; }

    /// <summary>The files to write, in the order RFC 8461 §8.1 asks for: the policy first, the DNS records second.</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>The one-line summary of what to publish (<see cref="RolloutSteps.Summary"/>); null on error.</summary>
    public string? Summary { get; }
}
