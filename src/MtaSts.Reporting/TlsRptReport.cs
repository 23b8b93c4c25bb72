namespace MtaSts.Reporting;

/// <summary>
/// One TLS-RPT aggregate report (RFC 8460 §4.4) as read, after the senders' deviations were smoothed over: dates are
/// UTC, <c>mx-host</c> is a list, field-name variants are mapped to the RFC's names.
/// </summary>
public sealed record TlsRptReport(
    string OrganizationName,
    DateTimeOffset StartDatetime,
    DateTimeOffset EndDatetime,
    string? ContactInfo,
    string ReportId,
    IReadOnlyList<PolicyResult> Policies)
{
    /// <summary>The UTC day a report is counted on: the day its date range starts (RFC 8460 §4.1: one UTC day per report).</summary>
    public DateOnly Day => DateOnly.FromDateTime(StartDatetime.UtcDateTime);

    /// <summary>
    /// The UTC days the date range covers. Senders end a day at <c>23:59:59Z</c> (Google, Microsoft) or at the next
    /// <c>00:00:00Z</c> (Mail.ru, SocketLabs, Stalwart): both cover one day. At most 31 days, so a broken range cannot
    /// claim a month of evidence.
    /// </summary>
    public IEnumerable<DateOnly> Days
    {
        get
        {
            var first = Day;
            var lastInstant = EndDatetime > StartDatetime ? EndDatetime.AddSeconds(-1) : StartDatetime;
            var last = DateOnly.FromDateTime(lastInstant.UtcDateTime);
            for (var day = first; day <= last && day.DayNumber - first.DayNumber < 31; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }
}

/// <summary>One entry of <c>policies</c>: the policy a sender applied and the sessions it counted under it (RFC 8460 §4.4).</summary>
public sealed record PolicyResult(
    string PolicyType,
    IReadOnlyList<string> PolicyString,
    string? PolicyDomain,
    IReadOnlyList<string> MxHost,
    long TotalSuccessfulSessionCount,
    long TotalFailureSessionCount,
    IReadOnlyList<FailureDetail> FailureDetails)
{
    public const string Sts = "sts";
    public const string Tlsa = "tlsa";
    public const string NoPolicyFound = "no-policy-found";

    /// <summary>
    /// <c>sts</c> and <c>no-policy-found</c> entries describe disjoint sessions (a session found an MTA-STS policy or it
    /// did not); a <c>tlsa</c> entry describes the same sessions once more from DANE's side (RFC 8460 §4.3).
    /// </summary>
    public bool IsStsFamily => PolicyType != Tlsa;
}

/// <summary>One row of <c>failure-details</c> (RFC 8460 §4.4): a result type for some sessions, where it is known.</summary>
public sealed record FailureDetail(
    string ResultType,
    string? SendingMtaIp,
    string? ReceivingMxHostname,
    string? ReceivingMxHelo,
    string? ReceivingIp,
    long FailedSessionCount,
    string? AdditionalInformation,
    string? FailureReasonCode);

/// <summary>The result types of RFC 8460 §4.3, with what each means for a domain that is about to enforce.</summary>
public static class ResultTypes
{
    public const string StarttlsNotSupported = "starttls-not-supported";
    public const string CertificateHostMismatch = "certificate-host-mismatch";
    public const string CertificateExpired = "certificate-expired";
    public const string CertificateNotTrusted = "certificate-not-trusted";
    public const string ValidationFailure = "validation-failure";
    public const string TlsaInvalid = "tlsa-invalid";
    public const string DnssecInvalid = "dnssec-invalid";
    public const string DaneRequired = "dane-required";
    public const string StsPolicyFetchError = "sts-policy-fetch-error";
    public const string StsPolicyInvalid = "sts-policy-invalid";
    public const string StsWebpkiInvalid = "sts-webpki-invalid";

    /// <summary>The policy itself could not be fetched or used (RFC 8460 §4.3.2.2): senders fall back to no policy at all.</summary>
    public static bool IsPolicyFailure(string resultType) =>
        resultType is StsPolicyFetchError or StsPolicyInvalid or StsWebpkiInvalid;

    /// <summary>What the result type means and what to do, in one sentence.</summary>
    public static string Advice(string resultType) => resultType switch
    {
        StarttlsNotSupported => "the MX host did not offer STARTTLS; enable TLS on it",
        CertificateHostMismatch => "its certificate does not cover its name; add the MX host name to the certificate",
        CertificateExpired => "its certificate has expired; renew it and automate the renewal",
        CertificateNotTrusted => "its certificate is not trusted by senders (self-signed or missing intermediate); use a public CA and serve the full chain",
        ValidationFailure => "the MX host does not match the policy's mx list, or its certificate failed validation; add the host to mx or fix the certificate",
        StsPolicyFetchError => "senders could not fetch https://mta-sts.<domain>/.well-known/mta-sts.txt; check DNS, the HTTPS server and that it answers 200 without redirects",
        StsPolicyInvalid => "senders fetched a policy they could not parse; run 'mta-sts lint' on the served file",
        StsWebpkiInvalid => "the certificate of mta-sts.<domain> failed validation; give the policy host a valid certificate for its name",
        TlsaInvalid or DnssecInvalid or DaneRequired => "a DANE (TLSA/DNSSEC) problem, not MTA-STS; fix the TLSA records or DNSSEC",
        _ => "see the reporter's additional information",
    };
}
