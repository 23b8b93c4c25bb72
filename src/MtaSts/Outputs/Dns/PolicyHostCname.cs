using MtaSts.Diagnostics;
using MtaSts.Values;

namespace MtaSts.Dns;

/// <summary>
/// The opt-in CNAME record of the Policy Host, <c>mta-sts.&lt;domain&gt;. CNAME &lt;target&gt;.</c>, for a Policy
/// Host served by a site that has a host name of its own (a static host, a CDN). With several domains every
/// <c>mta-sts.&lt;domain&gt;</c> points to the same target: one site serves them all.
/// </summary>
public static class PolicyHostCname
{
    /// <summary>The owner name relative to the Policy Domain's zone (RFC 8461 §3.2).</summary>
    public const string RelativeName = "mta-sts";

    /// <summary>
    /// The target in lower-case A-label form without the root dot, or null when <paramref name="target"/> is null or
    /// blank (no CNAME). U-labels are converted and one trailing dot is accepted. An invalid host name is error
    /// MTASTS4005 in <paramref name="diagnostics"/>, and the result is null.
    /// </summary>
    public static string? Parse(string? target, ICollection<Diagnostic> diagnostics)
    {
        if (diagnostics is null)
        {
            throw new ArgumentNullException(nameof(diagnostics));
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var trimmed = target!.Trim();
        var withoutRoot = trimmed.EndsWith(".", StringComparison.Ordinal) && trimmed.Length > 1 ? trimmed.Substring(0, trimmed.Length - 1) : trimmed;
        var parsed = HostName.Parse(withoutRoot, Strictness.Config);
        if (parsed.Problem is { } problem)
        {
            diagnostics.Add(DiagnosticMessages.Outputs.Cname.Create(default, null, null, UserText.Quoted(trimmed), ValueMessages.HostWhy(problem)));
            return null;
        }

        return parsed.Value;
    }
}
