using System.Security.Cryptography;
using System.Text;
using MtaSts.Diagnostics;

namespace MtaSts.Reporting;

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
