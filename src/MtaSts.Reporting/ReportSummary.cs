using System.Security.Cryptography;
using System.Text;
using MtaSts.Diagnostics;

namespace MtaSts.Reporting;

/// <summary>What the summary is about: all reports, or one Policy Domain and the policy its configuration generates.</summary>
public sealed record SummaryScope(string? PolicyDomain = null, PolicyView? CurrentPolicy = null);

/// <summary>
/// Adds reports one at a time and keeps only totals, so memory grows with the number of distinct days, reporters, MX
/// hosts and policies, not with the number of reports.
/// <para>
/// Counting (RFC 8460 §4.4): a report is counted once per (organization-name, report-id). Within one report and one
/// Policy Domain the sessions are those of its <c>sts</c> and <c>no-policy-found</c> entries (disjoint sessions,
/// added) or, when it has none, of its <c>tlsa</c> entries: a <c>tlsa</c> entry next to an <c>sts</c> entry describes
/// the same sessions again (Microsoft), so the two are never added.
/// </para>
/// </summary>
public sealed class ReportSummary
{
    /// <summary>Distinct sending IPs and additional-information texts kept per failure row; the rest are only counted.</summary>
    public const int MaxListed = 20;

    private readonly HashSet<UInt128> seen = [];
    private readonly Dictionary<string, PolicyView?> views = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Code, string Reporter), WarningGroup> warnings = [];

    public ReportSummary(SummaryScope? scope = null)
    {
        Scope = scope ?? new SummaryScope();
    }

    public SummaryScope Scope { get; }

    public int ReportsCounted { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>With a Policy Domain in scope: reports with no entry about it.</summary>
    public int ReportsAboutOtherDomains { get; private set; }

    /// <summary>Inputs that could not be read or parsed; each names its file and the reason.</summary>
    public List<Diagnostic> Errors { get; } = [];

    /// <summary>Warnings, one per (code, reporter) with how often it occurred: 10,000 Microsoft reports make one line.</summary>
    public IEnumerable<WarningGroup> Warnings => warnings.Values;

    public SortedDictionary<DateOnly, SessionTotals> Days { get; } = [];

    public SortedDictionary<string, OrganizationTotals> Organizations { get; } = new(StringComparer.Ordinal);

    public Dictionary<FailureKey, FailureRow> Failures { get; } = [];

    public Dictionary<(string Domain, string Type, string Text), SeenPolicy> Policies { get; } = [];

    /// <summary>Rows for spreadsheets: (day, reporter, domain, policy type, result, MX) → sessions.</summary>
    public SortedDictionary<DetailKey, DetailRow> Details { get; } = [];

    /// <summary>Evidence about the current policy (when <see cref="SummaryScope.CurrentPolicy"/> is set).</summary>
    public CurrentPolicyEvidence Current { get; } = new();

    public long Successful => Days.Values.Sum(d => d.Successful);

    public long Failed => Days.Values.Sum(d => d.Failed);

    public void Add(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Report is { } report && !seen.Add(Identity(report)))
        {
            // A copy of a report already counted: its warnings were counted with the first copy.
            Duplicates++;
            return;
        }

        foreach (var diagnostic in input.Diagnostics)
        {
            if (diagnostic.IsError)
            {
                Errors.Add(diagnostic);
            }
            else
            {
                var key = (diagnostic.Code, input.Reporter ?? "");
                if (warnings.TryGetValue(key, out var group))
                {
                    group.Count++;
                }
                else
                {
                    warnings[key] = new WarningGroup(diagnostic, input.Reporter);
                }
            }
        }

        if (input.Report is { } counted)
        {
            Count(counted);
        }
    }

    public void Add(TlsRptReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!seen.Add(Identity(report)))
        {
            Duplicates++;
            return;
        }

        Count(report);
    }

    private void Count(TlsRptReport report)
    {
        var entries = report.Policies.Where(InScope).ToList();
        if (Scope.PolicyDomain is not null && entries.Count == 0)
        {
            ReportsAboutOtherDomains++;
            return;
        }

        ReportsCounted++;
        var day = report.Day;
        var org = report.OrganizationName;
        long successful = 0, failed = 0;
        foreach (var domain in entries.GroupBy(e => e.PolicyDomain ?? "", StringComparer.Ordinal))
        {
            var counted = domain.Any(e => e.IsStsFamily) ? domain.Where(e => e.IsStsFamily) : domain;
            successful += counted.Sum(e => e.TotalSuccessfulSessionCount);
            failed += counted.Sum(e => e.TotalFailureSessionCount);
        }

        var dayTotals = Days.TryGetValue(day, out var d) ? d : Days[day] = new SessionTotals();
        dayTotals.Add(successful, failed);
        var orgTotals = Organizations.TryGetValue(org, out var o) ? o : Organizations[org] = new OrganizationTotals();
        orgTotals.Add(successful, failed);
        orgTotals.Reports++;
        orgTotals.FirstDay = orgTotals.FirstDay is { } first && first < day ? first : day;
        orgTotals.LastDay = orgTotals.LastDay is { } last && last > day ? last : day;

        foreach (var entry in entries)
        {
            AddEntry(report, entry);
        }
    }

    private bool InScope(PolicyResult entry) =>
        Scope.PolicyDomain is null || string.Equals(entry.PolicyDomain, Scope.PolicyDomain, StringComparison.OrdinalIgnoreCase);

    private void AddEntry(TlsRptReport report, PolicyResult entry)
    {
        var domain = entry.PolicyDomain ?? "";
        var org = report.OrganizationName;
        var view = entry.PolicyType == PolicyResult.Sts ? View(entry.PolicyString) : null;
        var text = view?.ToString() ?? string.Join("\n", entry.PolicyString.Select(l => l.Trim()));
        var policyKey = (domain, entry.PolicyType, text);
        if (!Policies.TryGetValue(policyKey, out var policy))
        {
            var matches = Scope.CurrentPolicy is null || entry.PolicyType != PolicyResult.Sts ? (bool?)null : view is not null && view.Equals(Scope.CurrentPolicy);
            Policies[policyKey] = policy = new SeenPolicy(domain, entry.PolicyType, entry.PolicyString.ToList(), view, matches);
        }

        policy.Add(report, entry);

        Detail(report.Day, org, domain, entry.PolicyType, "successful", "").Sessions += entry.TotalSuccessfulSessionCount;
        var isCurrent = policy.MatchesCurrent == true;

        // Mail.ru never sends a policy-string: such an entry is no evidence about the current policy, but its failures
        // on or after the day the current policy was first seen are not ignored by the verdict either.
        var unattributed = Scope.CurrentPolicy is not null && entry.PolicyType == PolicyResult.Sts && entry.PolicyString.Count == 0;
        if (unattributed)
        {
            Current.UnattributedSessions[report.Day] = Current.UnattributedSessions.GetValueOrDefault(report.Day) + entry.TotalSuccessfulSessionCount + entry.TotalFailureSessionCount;
        }

        if (isCurrent)
        {
            foreach (var day in report.Days)
            {
                Current.Days.Add(day);
            }

            Current.Organizations.Add(org);
            Current.Successful += entry.TotalSuccessfulSessionCount;
            Current.Failed += entry.TotalFailureSessionCount;
            Current.FirstDay = Current.FirstDay is { } first && first < report.Day ? first : report.Day;
        }

        var detailed = 0L;
        foreach (var failure in entry.FailureDetails)
        {
            detailed += failure.FailedSessionCount;
            AddFailure(report, entry, failure.ResultType, failure.ReceivingMxHostname, failure.FailedSessionCount, failure);
            if ((isCurrent || unattributed) && !ResultTypes.IsPolicyFailure(failure.ResultType))
            {
                Current.AddFailure(isCurrent ? null : report.Day, failure.ReceivingMxHostname ?? "", failure.ResultType, failure.FailedSessionCount, org);
            }

            if (entry.IsStsFamily && entry.PolicyType != PolicyResult.NoPolicyFound && ResultTypes.IsPolicyFailure(failure.ResultType))
            {
                var key = (report.Day, failure.ResultType, org);
                Current.PolicyFailures[key] = Current.PolicyFailures.GetValueOrDefault(key) + failure.FailedSessionCount;
            }
        }

        // Failures without details still count: listed as "(not detailed)" so the failure table adds up to the totals.
        if (entry.TotalFailureSessionCount > detailed)
        {
            const string undetailed = "(not detailed)";
            AddFailure(report, entry, undetailed, null, entry.TotalFailureSessionCount - detailed, null);
            if (isCurrent || unattributed)
            {
                Current.AddFailure(isCurrent ? null : report.Day, "", undetailed, entry.TotalFailureSessionCount - detailed, org);
            }
        }
    }

    private void AddFailure(TlsRptReport report, PolicyResult entry, string resultType, string? mx, long sessions, FailureDetail? failure)
    {
        var key = new FailureKey(entry.PolicyDomain ?? "", entry.PolicyType, mx ?? "", resultType);
        var row = Failures.TryGetValue(key, out var r) ? r : Failures[key] = new FailureRow();
        row.Sessions += sessions;
        row.Organizations.Add(report.OrganizationName);
        row.Days.Add(report.Day);
        if (failure is not null)
        {
            row.SendingIps.Add(failure.SendingMtaIp);
            row.Information.Add(failure.AdditionalInformation);
            row.Information.Add(failure.FailureReasonCode);
        }

        var detail = Detail(report.Day, report.OrganizationName, entry.PolicyDomain ?? "", entry.PolicyType, resultType, mx ?? "");
        detail.Sessions += sessions;
        if (failure is not null)
        {
            detail.SendingIps.Add(failure.SendingMtaIp);
        }
    }

    private DetailRow Detail(DateOnly day, string org, string domain, string type, string result, string mx)
    {
        var key = new DetailKey(day, org, domain, type, result, mx);
        return Details.TryGetValue(key, out var row) ? row : Details[key] = new DetailRow();
    }

    private PolicyView? View(IReadOnlyList<string> policyString)
    {
        var text = string.Join("\n", policyString);
        if (!views.TryGetValue(text, out var view))
        {
            view = PolicyMatcher.Read(policyString);
            if (views.Count < 10_000)
            {
                views[text] = view;
            }
        }

        return view;
    }

    /// <summary>(organization-name, report-id) as 128 bits, so that the set of seen reports stays small.</summary>
    private static UInt128 Identity(TlsRptReport report)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(report.OrganizationName + "\0" + report.ReportId), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}

public sealed class WarningGroup(Diagnostic first, string? reporter)
{
    public Diagnostic First { get; } = first;

    public string? Reporter { get; } = reporter;

    public int Count { get; internal set; } = 1;

    /// <summary>The first occurrence, with "(and N more like it)" when it repeated.</summary>
    public Diagnostic ToDiagnostic() => Count == 1
        ? First
        : First.Descriptor.Create($"{First.Message} (and {Count - 1} more like it from {Reporter ?? "unknown reporters"})", First.Span, First.File, First.Field);
}

public class SessionTotals
{
    public long Successful { get; private set; }

    public long Failed { get; private set; }

    public long Total => Successful + Failed;

    internal void Add(long successful, long failed)
    {
        Successful += successful;
        Failed += failed;
    }
}

public sealed class OrganizationTotals : SessionTotals
{
    public int Reports { get; internal set; }

    public DateOnly? FirstDay { get; internal set; }

    public DateOnly? LastDay { get; internal set; }
}

public readonly record struct FailureKey(string PolicyDomain, string PolicyType, string ReceivingMx, string ResultType);

public sealed class FailureRow
{
    public long Sessions { get; internal set; }

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);

    public SortedSet<DateOnly> Days { get; } = [];

    public CappedSet SendingIps { get; } = new(ReportSummary.MaxListed);

    public CappedSet Information { get; } = new(ReportSummary.MaxListed);
}

public readonly record struct DetailKey(DateOnly Day, string Organization, string PolicyDomain, string PolicyType, string Result, string ReceivingMx) : IComparable<DetailKey>
{
    public int CompareTo(DetailKey other)
    {
        var c = Day.CompareTo(other.Day);
        if (c == 0) c = string.CompareOrdinal(Organization, other.Organization);
        if (c == 0) c = string.CompareOrdinal(PolicyDomain, other.PolicyDomain);
        if (c == 0) c = string.CompareOrdinal(PolicyType, other.PolicyType);
        if (c == 0) c = string.CompareOrdinal(Result, other.Result);
        if (c == 0) c = string.CompareOrdinal(ReceivingMx, other.ReceivingMx);
        return c;
    }
}

public sealed class DetailRow
{
    public long Sessions { get; internal set; }

    public CappedSet SendingIps { get; } = new(ReportSummary.MaxListed);
}

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

public sealed class CurrentFailure
{
    public long Sessions { get; internal set; }

    public SortedSet<string> Organizations { get; } = new(StringComparer.Ordinal);
}

/// <summary>At most <c>capacity</c> distinct values in order of first appearance; the others are only counted.</summary>
public sealed class CappedSet(int capacity)
{
    private readonly List<string> values = [];
    private readonly HashSet<string> lookup = new(StringComparer.Ordinal);
    private HashSet<UInt128>? overflow;

    public IReadOnlyList<string> Values => values;

    /// <summary>Distinct values beyond the capacity (bounded memory: kept as 128-bit hashes).</summary>
    public int More => overflow?.Count ?? 0;

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || lookup.Contains(value))
        {
            return;
        }

        if (values.Count < capacity)
        {
            values.Add(value);
            lookup.Add(value);
            return;
        }

        if ((overflow ??= []).Count < 100_000)
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
            overflow.Add(new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..])));
        }
    }

    public override string ToString() => More == 0 ? string.Join(" ", values) : $"{string.Join(" ", values)} (+{More} more)";
}
