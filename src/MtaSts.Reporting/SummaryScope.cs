namespace MtaSts.Reporting;

/// <summary>What the summary is about: all reports, or one Policy Domain and the policy its configuration generates.</summary>
public sealed record SummaryScope(string? PolicyDomain = null, PolicyView? CurrentPolicy = null);
