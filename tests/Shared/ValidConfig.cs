namespace MtaSts.Testing;

/// <summary>
/// The one canonical valid <c>mta-sts.yaml</c> the test projects share, and the policy file RFC 8461 §3.2 says it
/// must become (written out here by hand, not by the product).
/// </summary>
public static class ValidConfig
{
    /// <summary>A host and a wildcard pattern, max_age as a duration; no TLS-RPT.</summary>
    public const string Yaml = """
        domain: example.com
        mode: testing
        mx:
          - mx1.example.com
          - "*.mail.example.com"
        max_age: 1w
        """;

    /// <summary><see cref="Yaml"/> with a TLS-RPT destination, ending with a line break so that keys can be appended.</summary>
    public const string WithTlsRpt = Yaml + "\ntls_rpt:\n  rua: [mailto:tlsrpt@example.com]\n";

    /// <summary>The policy file of <see cref="Yaml"/>: ASCII, CRLF, version first, max_age in seconds.</summary>
    public const string PolicyText =
        "version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n";

    /// <summary>The TLS-RPT record of <see cref="WithTlsRpt"/> (RFC 8460 §3).</summary>
    public const string TlsRptRecord = "v=TLSRPTv1; rua=mailto:tlsrpt@example.com";

    /// <summary>
    /// The multi-domain form as the issue writes it: shared defaults, two domains without overrides, an IDN domain in
    /// testing and a domain with its own MX host and TLS-RPT address. Lines 7 to 10 are the four domains.
    /// </summary>
    public const string MultiDomain = """
        defaults:
          mode: enforce
          mx: ["*.mail.protection.outlook.com"]
          max_age: 1w
          tls_rpt: { rua: [mailto:tlsrpt@contoso.com] }
        domains:
          contoso.com: {}
          contoso.co.uk: {}
          münchen-contoso.de: { mode: testing }
          fabrikam.com: { mx: [mx1.fabrikam.com], tls_rpt: { rua: [mailto:tls@fabrikam.com] } }
        """;
}
