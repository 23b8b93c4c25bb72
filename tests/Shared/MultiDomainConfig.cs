namespace MtaSts.Testing;

/// <summary>
/// The multi-domain <c>mta-sts.yaml</c> the end-to-end and interop tests build a real site from, and what each of its
/// domains must publish (written out here by hand, not by the product). Three mail domains, one site: two share the
/// defaults (one of them an IDN, so DNS, the certificate and the client see its A-label), one overrides mode, mx,
/// max_age and the TLS-RPT address; so two policies, each served at its own Policy Host under its own id.
/// </summary>
public static class MultiDomainConfig
{
    public const string Yaml = """
        # Three mail domains, one site: two share the defaults, one overrides them.
        defaults:
          mode: enforce
          mx: ["*.mail.contoso.example"]
          max_age: 1w
          tls_rpt: { rua: [mailto:tlsrpt@contoso.example] }
        domains:
          contoso.example: {}
          bücher-contoso.example: {}
          fabrikam.example: { mode: testing, mx: [mx1.fabrikam.example], max_age: 1d, tls_rpt: { rua: [mailto:tls@fabrikam.example] } }

        """;

    /// <summary>The policy text contoso.example and bücher-contoso.example share (RFC 8461 §3.2: CRLF, max_age in seconds).</summary>
    public const string SharedPolicyText = "version: STSv1\r\nmode: enforce\r\nmx: *.mail.contoso.example\r\nmax_age: 604800\r\n";

    public const string FabrikamPolicyText = "version: STSv1\r\nmode: testing\r\nmx: mx1.fabrikam.example\r\nmax_age: 86400\r\n";

    /// <summary>
    /// Each domain as DNS carries it (the IDN as its A-label): its policy text and the fields a client reads from it, and
    /// its TLS-RPT record (RFC 8460 §3).
    /// </summary>
    public static readonly IReadOnlyList<(string Domain, string PolicyText, string Mode, IReadOnlyList<string> Mx, long MaxAge, string TlsRpt)> Domains =
    [
        ("contoso.example", SharedPolicyText, "enforce", ["*.mail.contoso.example"], 604800, "v=TLSRPTv1; rua=mailto:tlsrpt@contoso.example"),
        ("xn--bcher-contoso-wob.example", SharedPolicyText, "enforce", ["*.mail.contoso.example"], 604800, "v=TLSRPTv1; rua=mailto:tlsrpt@contoso.example"),
        ("fabrikam.example", FabrikamPolicyText, "testing", ["mx1.fabrikam.example"], 86400, "v=TLSRPTv1; rua=mailto:tls@fabrikam.example"),
    ];
}
