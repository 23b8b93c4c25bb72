using System.Diagnostics.Metrics;
using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// The receiver's instruments, on the same meter as the policy endpoint's, <see cref="MtaStsMetrics.MeterName"/>
/// (<c>MtaSts.AspNetCore</c>), so one <c>AddMeter("MtaSts.AspNetCore")</c> or <c>dotnet-counters</c> line shows both.
/// Every attribute has a bounded set of values: the Policy Domain is one of the site's, the result type one of RFC 8460
/// §4.3's (else <c>other</c>), the receiving MX one that the domain's policy lists (else <c>other</c>).
/// docs/metrics.md lists them.
/// </summary>
public sealed class TlsRptMetrics
{
    /// <summary>Reports answered with 200: stored, duplicate or dropped (attribute <c>mtasts.tlsrpt.disposition</c>).</summary>
    public const string ReportsReceivedName = "mtasts.tlsrpt.reports.received";

    /// <summary>Requests refused (attribute <c>error.type</c>).</summary>
    public const string ReportsRejectedName = "mtasts.tlsrpt.reports.rejected";

    /// <summary>Successful sessions in stored reports.</summary>
    public const string SuccessfulSessionsName = "mtasts.tlsrpt.sessions.successful";

    /// <summary>Failed sessions in stored reports.</summary>
    public const string FailedSessionsName = "mtasts.tlsrpt.sessions.failed";

    internal const string Other = "other";

    private static readonly HashSet<string> KnownResultTypes = new(StringComparer.Ordinal)
    {
        ResultTypes.StarttlsNotSupported, ResultTypes.CertificateHostMismatch, ResultTypes.CertificateExpired,
        ResultTypes.CertificateNotTrusted, ResultTypes.ValidationFailure, ResultTypes.TlsaInvalid, ResultTypes.DnssecInvalid,
        ResultTypes.DaneRequired, ResultTypes.StsPolicyFetchError, ResultTypes.StsPolicyInvalid, ResultTypes.StsWebpkiInvalid,
    };

    private readonly Counter<long> received;
    private readonly Counter<long> rejected;
    private readonly Counter<long> successful;
    private readonly Counter<long> failed;

    /// <summary>Creates the instruments on the <c>MtaSts.AspNetCore</c> meter of <paramref name="meterFactory"/>.</summary>
    public TlsRptMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MtaStsMetrics.MeterName);
        received = meter.CreateCounter<long>(ReportsReceivedName, "{report}", "TLS-RPT reports answered 200 (RFC 8460 section 5.4), by disposition: stored, duplicate, foreign_policy_domain.");
        rejected = meter.CreateCounter<long>(ReportsRejectedName, "{report}", "TLS-RPT report uploads refused, by error.type.");
        successful = meter.CreateCounter<long>(SuccessfulSessionsName, "{session}", "Successful sessions in stored TLS-RPT reports, by Policy Domain and policy type.");
        failed = meter.CreateCounter<long>(FailedSessionsName, "{session}", "Failed sessions in stored TLS-RPT reports, by Policy Domain, policy type, result type and receiving MX.");
    }

    internal void Received(string disposition) =>
        received.Add(1, new KeyValuePair<string, object?>("mtasts.tlsrpt.disposition", disposition));

    internal void Rejected(string errorType) =>
        rejected.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    /// <summary>The sessions of a stored report. <paramref name="mxOf"/> maps a receiving MX to itself or <c>other</c>.</summary>
    internal void Sessions(TlsRptReport report, Func<PolicyResult, string> domainOf, Func<string, string?, string> mxOf)
    {
        if (!successful.Enabled && !failed.Enabled)
        {
            return;
        }

        foreach (var policy in report.Policies)
        {
            var domain = domainOf(policy);
            var type = policy.PolicyType is PolicyResult.Sts or PolicyResult.Tlsa or PolicyResult.NoPolicyFound ? policy.PolicyType : Other;
            if (policy.TotalSuccessfulSessionCount > 0)
            {
                successful.Add(policy.TotalSuccessfulSessionCount,
                    new KeyValuePair<string, object?>("mtasts.policy_domain", domain),
                    new KeyValuePair<string, object?>("mtasts.tlsrpt.policy_type", type));
            }

            // The failure-details rows say where sessions failed; failures they do not cover are counted as unspecified.
            var detailed = 0L;
            foreach (var detail in policy.FailureDetails)
            {
                if (detail.FailedSessionCount <= 0)
                {
                    continue;
                }

                detailed += detail.FailedSessionCount;
                Failed(detail.FailedSessionCount, domain, type,
                    KnownResultTypes.Contains(detail.ResultType) ? detail.ResultType : Other,
                    mxOf(domain, detail.ReceivingMxHostname));
            }

            if (policy.TotalFailureSessionCount > detailed)
            {
                Failed(policy.TotalFailureSessionCount - detailed, domain, type, "unspecified", "unknown");
            }
        }
    }

    private void Failed(long count, string domain, string type, string resultType, string mx) =>
        failed.Add(count,
            new KeyValuePair<string, object?>("mtasts.policy_domain", domain),
            new KeyValuePair<string, object?>("mtasts.tlsrpt.policy_type", type),
            new KeyValuePair<string, object?>("mtasts.tlsrpt.result_type", resultType),
            new KeyValuePair<string, object?>("mtasts.tlsrpt.receiving_mx", mx));
}
