namespace MtaSts.Reporting;

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
