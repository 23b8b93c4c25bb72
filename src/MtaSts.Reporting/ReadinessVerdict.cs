using System.Globalization;
using MtaSts.Policy;

namespace MtaSts.Reporting;

/// <summary>What the verdict is asked: how many days of reports, and how many failures per MX and result type may remain.</summary>
public sealed record VerdictOptions(int Days = 14, double MaxFailureRate = 0);

/// <summary>One rule of the verdict: met or not, with the numbers behind it and, when unmet, what to do.</summary>
public sealed record VerdictCondition(string Name, bool Met, string Text);

/// <summary>
/// "Is it safe to switch this policy to enforce?" from the reports about it. Ready only when every condition holds:
/// the reports show the current policy (reports about an older policy are no evidence), on at least
/// <see cref="VerdictOptions.Days"/> distinct days, from more than one reporting organisation; no policy fetch or validity
/// failures since the current policy was first seen; every input could be read; and for each MX host and result type
/// the failed sessions under the current policy, as a share of all its sessions, are at most
/// <see cref="VerdictOptions.MaxFailureRate"/>: those failures become undelivered mail under enforce (RFC 8461 §5).
/// </summary>
public sealed class ReadinessVerdict
{
    private ReadinessVerdict(IReadOnlyList<VerdictCondition> conditions, string policyDomain, PolicyView currentPolicy, VerdictOptions options)
    {
        Conditions = conditions;
        PolicyDomain = policyDomain;
        CurrentPolicy = currentPolicy;
        Options = options;
    }

    public IReadOnlyList<VerdictCondition> Conditions { get; }

    public string PolicyDomain { get; }

    public PolicyView CurrentPolicy { get; }

    public VerdictOptions Options { get; }

    public bool Ready => Conditions.All(c => c.Met);

    /// <summary>
    /// One line for the top of every output, worded by what is unmet: failures (under enforce, mail that was not
    /// delivered, RFC 8461 §5) or evidence (too few days or reporters, reports about another policy, unread inputs).
    /// </summary>
    public string Headline
    {
        get
        {
            var unmet = Conditions.Where(c => !c.Met).ToList();
            var count = $"{unmet.Count} of {Conditions.Count} conditions unmet";
            if (unmet.Count == 0)
            {
                return CurrentPolicy.Mode == PolicyMode.Enforce
                    ? $"READY: {PolicyDomain} is in mode enforce and the reports show nothing to fix ({Conditions.Count} of {Conditions.Count} conditions met)."
                    : $"READY: {PolicyDomain} can switch to mode enforce ({Conditions.Count} of {Conditions.Count} conditions met).";
            }

            var failures = unmet.Any(c => c.Name is "failures" or "policy-fetch");
            var missing = string.Join(", ", unmet.Select(c => MissingEvidence(c.Name)).OfType<string>().Distinct());
            return (CurrentPolicy.Mode, failures) switch
            {
                (PolicyMode.Enforce, true) => $"NOT READY: {PolicyDomain} is in mode enforce, so these failures are mail that was not delivered ({count}): fix them or go back to mode testing."
                                              + (missing.Length > 0 ? $" The evidence is incomplete too: {missing}." : ""),
                (PolicyMode.Enforce, false) => $"NOT READY: {PolicyDomain} is in mode enforce and the reports show no failures, but not enough evidence yet that the enforced policy is healthy ({count}): {missing}.",
                (PolicyMode.Testing, _) => $"NOT READY: {PolicyDomain} should stay in mode testing ({count}): "
                                           + string.Join("; ", new[] { failures ? "the reports show failures that enforce would turn into undelivered mail" : null, missing.Length > 0 ? "not enough evidence yet: " + missing : null }.OfType<string>()) + ".",
                _ => $"NOT READY: {PolicyDomain} should stay in mode {CurrentPolicy.Mode.ToKeyword()} ({count}).",
            };
        }
    }

    /// <summary>What an unmet evidence condition lacks, in a few words; null for a condition about failures or the mode.</summary>
    private static string? MissingEvidence(string condition) => condition switch
    {
        "current-policy" => "no report shows the current policy",
        "days" => "too few days of reports",
        "reporters" => "too few reporting organisations",
        "inputs" => "some inputs could not be read",
        _ => null,
    };

    public static ReadinessVerdict Evaluate(ReportSummary summary, string policyDomain, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new VerdictOptions();
        var current = summary.Scope.CurrentPolicy ?? throw new ArgumentException("The summary has no current policy to judge.", nameof(summary));
        var evidence = summary.Current;
        var conditions = new List<VerdictCondition>();

        if (current.Mode == PolicyMode.None)
        {
            conditions.Add(new("mode", false, "The configuration's mode is none: it removes MTA-STS (RFC 8461 §8.3); there is nothing to switch to enforce."));
        }

        // 1. The reporters saw the current policy.
        var others = summary.Policies.Values.Where(p => p.MatchesCurrent == false).OrderByDescending(p => p.LastDay).ToList();
        if (evidence.Organizations.Count == 0)
        {
            var seen = others.Count == 0
                ? "no report carries an sts policy-string for it"
                : "the reports show " + string.Join("; ", others.Take(3).Select(p => $"'{p.View?.ToString() ?? string.Join(" | ", p.Lines)}' (last {p.LastDay:yyyy-MM-dd})"));
            var elsewhere = summary.ReportsAboutOtherDomains == 0 ? "" : $" ({summary.ReportsAboutOtherDomains} report{(summary.ReportsAboutOtherDomains == 1 ? " is" : "s are")} about other domains: is --config the right file?)";
            conditions.Add(new("current-policy", false,
                $"No report shows the current policy ({current}): {seen}{elsewhere}. Publish it (the policy file first, then a new id in the _mta-sts record, RFC 8461 §8.1) and collect reports about it."));
        }
        else
        {
            var older = others.Count == 0 ? "" : $" Reports about {others.Count} other polic{(others.Count == 1 ? "y" : "ies")} are not counted as evidence.";
            conditions.Add(new("current-policy", true, $"Reporters saw the current policy ({current}).{older}"));
        }

        // 2. Enough days.
        var days = evidence.Days.Count;
        conditions.Add(days >= options.Days
            ? new("days", true, $"The reports about the current policy cover {days} distinct days (at least {options.Days} needed).")
            : new("days", false, $"The reports about the current policy cover {days} distinct day{(days == 1 ? "" : "s")}; at least {options.Days} are needed. Keep collecting reports for {options.Days - days} more day{(options.Days - days == 1 ? "" : "s")}."));

        // 3. More than one reporter.
        var orgs = evidence.Organizations.Count;
        conditions.Add(orgs > 1
            ? new("reporters", true, $"{orgs} reporting organisations saw the current policy ({Names(evidence.Organizations)}).")
            : new("reporters", false, orgs == 0
                ? "No reporting organisation saw the current policy; at least 2 are needed so that one sender's view is not the only evidence."
                : $"Only 1 reporting organisation saw the current policy ({Names(evidence.Organizations)}); at least 2 are needed so that one sender's view is not the only evidence. Wait for reports from others (Google and Microsoft report daily for domains they send to)."));

        // 4. No policy fetch or validity failures since the current policy was first seen.
        var since = evidence.FirstDay ?? DateOnly.MinValue;
        var policyFailures = evidence.PolicyFailures.Where(p => p.Key.Day >= since).GroupBy(p => p.Key.ResultType).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (policyFailures.Count == 0)
        {
            conditions.Add(new("policy-fetch", true, "No sts-policy-fetch-error, sts-policy-invalid or sts-webpki-invalid failures" + (evidence.FirstDay is { } d ? $" since {d:yyyy-MM-dd}." : ".")));
        }
        else
        {
            foreach (var group in policyFailures)
            {
                var sessions = group.Sum(p => p.Value);
                var reporters = group.Select(p => p.Key.Organization).Distinct().Order(StringComparer.Ordinal).ToList();
                conditions.Add(new("policy-fetch", false,
                    $"{sessions} {group.Key} session{(sessions == 1 ? "" : "s")} from {Reporters(reporters)} (last {group.Max(p => p.Key.Day):yyyy-MM-dd}): {ResultTypes.Advice(group.Key)}; fix before enforcing."));
            }
        }

        // 5. Failures that enforce turns into bounces, per MX and result type.
        // Entries without a policy-string (Mail.ru) count from the day the current policy was first seen.
        var total = evidence.Successful + evidence.Failed + evidence.UnattributedSessions.Where(d => d.Key >= since).Sum(d => d.Value);
        var merged = evidence.Failures.ToDictionary(f => f.Key, f => (f.Value.Sessions, Organizations: new SortedSet<string>(f.Value.Organizations, StringComparer.Ordinal)));
        foreach (var ((day, mx, resultType), row) in evidence.UnattributedFailures)
        {
            if (evidence.FirstDay is { } first && day >= first)
            {
                var (sessions, organizations) = merged.TryGetValue((mx, resultType), out var m) ? m : (0L, new SortedSet<string>(StringComparer.Ordinal));
                organizations.UnionWith(row.Organizations);
                merged[(mx, resultType)] = (sessions + row.Sessions, organizations);
            }
        }

        var failures = merged
            .Select(f => (f.Key.Mx, f.Key.ResultType, Value: (f.Value.Sessions, f.Value.Organizations), Rate: total == 0 ? 1.0 : (double)f.Value.Sessions / total))
            .Where(f => f.Value.Sessions > 0)
            .OrderByDescending(f => f.Value.Sessions).ThenBy(f => f.Mx, StringComparer.Ordinal).ToList();
        var over = failures.Where(f => f.Rate > options.MaxFailureRate).ToList();
        if (over.Count == 0)
        {
            conditions.Add(new("failures", true, failures.Count == 0
                ? $"No failed sessions under the current policy ({total} sessions)."
                : $"Failures under the current policy are within --max-failure-rate {Percent(options.MaxFailureRate)} for every MX host and result type ({total} sessions)."));
        }
        else
        {
            foreach (var (mx, resultType, value, rate) in over)
            {
                var host = mx.Length == 0 ? "(MX not reported)" : mx;
                conditions.Add(new("failures", false,
                    $"{host}: {value.Sessions} {resultType} session{(value.Sessions == 1 ? "" : "s")} from {Reporters(value.Organizations)} ({Percent(rate)} of {total}, at most {Percent(options.MaxFailureRate)} allowed): {ResultTypes.Advice(resultType)}; fix before enforcing."));
            }
        }

        // 6. Inputs that could not be read may hold failures.
        if (summary.Errors.Count > 0)
        {
            conditions.Add(new("inputs", false, $"{summary.Errors.Count} input{(summary.Errors.Count == 1 ? "" : "s")} could not be read (see the errors): the failures they may report are unknown. Fix or remove them."));
        }

        return new ReadinessVerdict(conditions, policyDomain, current, options);
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);

    private static string Reporters(IReadOnlyCollection<string> names) =>
        names.Count == 1 ? $"1 reporter ({names.First()})" : $"{names.Count} reporters ({string.Join(", ", names)})";

    internal static string Percent(double rate) => (rate * 100).ToString(rate * 100 is > 0 and < 1 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%";
}
