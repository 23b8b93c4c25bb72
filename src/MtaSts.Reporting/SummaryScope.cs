namespace MtaSts.Reporting;

/// <summary>What the summary is about: all reports, or one Policy Domain and the policy its configuration generates.</summary>
public sealed record SummaryScope(string? PolicyDomain = null, PolicyView? CurrentPolicy = null)
{
    /// <summary>The scope of <paramref name="deployment"/>'s Policy Domain and policy, or all reports when it is null.</summary>
    public static SummaryScope For(Deployment? deployment) =>
        deployment is null ? new SummaryScope() : new SummaryScope(deployment.PolicyDomain, PolicyMatcher.View(deployment.Policy));
}
