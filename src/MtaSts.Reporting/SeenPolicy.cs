namespace MtaSts.Reporting;

/// <summary>A policy-string as reporters saw it, with who saw it when and the sessions counted under it.</summary>
public sealed class SeenPolicy(string domain, string type, IReadOnlyList<string> lines, PolicyView? view, bool? matchesCurrent)
{
    public string PolicyDomain { get; } = domain;

    public string PolicyType { get; } = type;

    /// <summary>The lines as the first reporter sent them.</summary>
    public IReadOnlyList<string> Lines { get; } = lines;

    /// <summary>The sender's view of an <c>sts</c> policy-string; null for other types or an invalid policy.</summary>
    public PolicyView? View { get; } = view;

    /// <summary>True/false when a current policy is known and this is an <c>sts</c> entry; null otherwise.</summary>
    public bool? MatchesCurrent { get; } = matchesCurrent;

    public int Reports { get; private set; }

    public long Successful { get; private set; }

    public long Failed { get; private set; }

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);

    public DateOnly FirstDay { get; private set; } = DateOnly.MaxValue;

    public DateOnly LastDay { get; private set; } = DateOnly.MinValue;

    internal void Add(TlsRptReport report, PolicyResult entry)
    {
        Reports++;
        Successful += entry.TotalSuccessfulSessionCount;
        Failed += entry.TotalFailureSessionCount;
        Organizations.Add(report.OrganizationName);
        FirstDay = report.Day < FirstDay ? report.Day : FirstDay;
        LastDay = report.Day > LastDay ? report.Day : LastDay;
    }
}
