namespace MtaSts.Reporting;

/// <summary>What the reports say about the policy the configuration generates (sts entries whose policy-string matches it).</summary>
public sealed class CurrentPolicyEvidence
{
    public SortedSet<DateOnly> Days { get; } = [];

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);

    public long Successful { get; internal set; }

    public long Failed { get; internal set; }

    public DateOnly? FirstDay { get; internal set; }

    /// <summary>Failures under the current policy that enforce would turn into undelivered mail, per (MX, result type).</summary>
    public Dictionary<(string Mx, string ResultType), CurrentFailure> Failures { get; } = [];

    /// <summary>Failures of sts entries without a policy-string, per day (the verdict counts those since <see cref="FirstDay"/>).</summary>
    public Dictionary<(DateOnly Day, string Mx, string ResultType), CurrentFailure> UnattributedFailures { get; } = [];

    /// <summary>All sessions of sts entries without a policy-string, per day.</summary>
    public Dictionary<DateOnly, long> UnattributedSessions { get; } = [];

    /// <summary>A failure under the current policy (<paramref name="unattributedDay"/> null) or of an entry without a policy-string.</summary>
    internal void AddFailure(DateOnly? unattributedDay, string mx, string resultType, long sessions, string organization)
    {
        var row = unattributedDay is { } day
            ? UnattributedFailures.TryGetValue((day, mx, resultType), out var u) ? u : UnattributedFailures[(day, mx, resultType)] = new CurrentFailure()
            : Failures.TryGetValue((mx, resultType), out var c) ? c : Failures[(mx, resultType)] = new CurrentFailure();
        row.Sessions += sessions;
        row.Organizations.Add(organization);
    }

    /// <summary>sts-policy-fetch-error, sts-policy-invalid, sts-webpki-invalid on any day (filtered by the verdict).</summary>
    public Dictionary<(DateOnly Day, string ResultType, string Organization), long> PolicyFailures { get; } = [];
}
