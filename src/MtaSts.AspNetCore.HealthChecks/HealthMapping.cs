using Microsoft.Extensions.Diagnostics.HealthChecks;
using MtaSts.Checking;
using MtaSts.Diagnostics;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>
/// The one mapping from the checker's findings to a health status (docs/health-checks.md has it as a table): an error
/// is the registration's failure status (Unhealthy unless set otherwise), except TLS-RPT drift (MTASTS7123), which only
/// stops the reports and is Degraded; a warning and a step that could not run are Degraded, an ignored code counts for
/// nothing. The checker decides what is an error, so the health check and <c>mta-sts check</c> never disagree on it.
/// </summary>
internal static class HealthMapping
{
    public static HealthStatus StatusOf(Finding finding, ISet<string> ignoredCodes, HealthStatus failureStatus)
    {
        if (finding.Code is { } code && ignoredCodes.Contains(code))
        {
            return HealthStatus.Healthy;
        }

        // TLS-RPT drift is an error for mta-sts check, but mail still flows under the policy: only the reports stop
        // arriving where the build sends them (RFC 8460 §3), so the site is Degraded, not down.
        if (finding.Status == CheckStatus.Error && finding.Code == DiagnosticDescriptors.CheckTlsRptDrift.Code)
        {
            return Mild(failureStatus);
        }

        return finding.Status switch
        {
            CheckStatus.Error => failureStatus,
            CheckStatus.Warning or CheckStatus.NotChecked => Mild(failureStatus),
            _ => HealthStatus.Healthy,
        };
    }

    /// <summary>A domain's health from its check report against the policy the site serves.</summary>
    public static MtaStsDomainHealth FromReport(ServedPolicy served, CheckReport report, ISet<string> ignoredCodes, HealthStatus failureStatus)
    {
        var problems = report.Findings
            .Where(f => f.Status is CheckStatus.Error or CheckStatus.Warning or CheckStatus.NotChecked)
            .Select(f => new MtaStsHealthProblem(f.Code, Severity(f.Status), f.Subject, f.Message, StatusOf(f, ignoredCodes, failureStatus)))
            .OrderBy(p => p.Status)
            .ToList();
        return new MtaStsDomainHealth
        {
            PolicyDomain = served.PolicyDomain,
            Status = problems.Count == 0 ? HealthStatus.Healthy : problems.Min(p => p.Status),
            PolicyId = served.Id,
            PublishedId = report.Verdict.PolicyId,
            Mode = report.Verdict.Mode is { } mode ? MtaSts.Policy.PolicyModeExtensions.ToKeyword(mode) : null,
            CheckedAt = report.CheckedAt,
            PolicyHostCertificateNotAfter = report.PolicyFetch?.Tls?.CertificateNotAfter,
            Verdict = report.Verdict.Text,
            MxHosts = report.MxHosts.Select(h => $"{h.Preference} {h.Host}: {h.Summary}").ToList(),
            Problems = problems,
        };
    }

    /// <summary>A domain whose check could not finish (the timeout, a failure of the check itself): Degraded, with why.</summary>
    public static MtaStsDomainHealth NotChecked(ServedPolicy served, DateTimeOffset checkedAt, string why, HealthStatus failureStatus) => new()
    {
        PolicyDomain = served.PolicyDomain,
        Status = Mild(failureStatus),
        PolicyId = served.Id,
        CheckedAt = checkedAt,
        Verdict = "unknown: the check did not finish",
        Problems = [new MtaStsHealthProblem(null, "not checked", served.PolicyDomain, why, Mild(failureStatus))],
    };

    /// <summary>The result for every domain: the worst status, a description that names each problem and its fix, the data.</summary>
    public static HealthCheckResult Result(IReadOnlyList<MtaStsDomainHealth> domains, DateTimeOffset checkedAt)
    {
        var status = domains.Count == 0 ? HealthStatus.Healthy : domains.Min(d => d.Status);
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["checkedAt"] = checkedAt };
        foreach (var domain in domains)
        {
            data[domain.PolicyDomain] = domain;
        }

        string description;
        if (status == HealthStatus.Healthy)
        {
            description = domains.Count <= 3
                ? "MTA-STS is live as built: " + string.Join("; ", domains.Select(d => $"{d.PolicyDomain} (mode {d.Mode ?? "?"}, id {d.PolicyId})")) + "."
                : $"MTA-STS is live as built for all {domains.Count} domains.";
        }
        else
        {
            // Worst first; the checker's own lines, which name the problem, its code and the fix.
            var lines = domains
                .SelectMany(d => d.Problems.Where(p => p.Status != HealthStatus.Healthy))
                .OrderBy(p => p.Status)
                .Select(p => p.ToString())
                .ToList();
            const int shown = 10;
            description = string.Join("\n", lines.Take(shown))
                + (lines.Count > shown ? $"\n… and {lines.Count - shown} more (see the data of each domain)." : "");
        }

        return new HealthCheckResult(status, description, data: data);
    }

    /// <summary>What a warning or a step that could not run gives: Degraded, never worse than the failure status.</summary>
    public static HealthStatus Mild(HealthStatus failureStatus) => failureStatus > HealthStatus.Degraded ? failureStatus : HealthStatus.Degraded;

    private static string Severity(CheckStatus status) => status switch
    {
        CheckStatus.Error => "error",
        CheckStatus.Warning => "warning",
        _ => "not checked",
    };
}
