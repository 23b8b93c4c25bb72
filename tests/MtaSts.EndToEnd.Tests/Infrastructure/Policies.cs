using System.Security.Cryptography;
using System.Text;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>The mta-sts.yaml files the tests use and what RFC 8461 says the served policy must then be.</summary>
public static class Policies
{
    public const string Domain = "contoso.example";

    public const string PolicyHost = "mta-sts." + Domain;

    public const string Testing = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: testing
        mx:
          - mx1.contoso.example
          - "*.mail.contoso.example"
        max_age: 1w
        tls_rpt:
          rua: [mailto:tlsrpt@contoso.example]

        """;

    /// <summary>RFC 8461 §3.2: "key: value" lines, CRLF, in this order; max_age in seconds.</summary>
    public const string TestingPolicyText =
        "version: STSv1\r\nmode: testing\r\nmx: mx1.contoso.example\r\nmx: *.mail.contoso.example\r\nmax_age: 604800\r\n";

    public static string Enforce => Testing.Replace("mode: testing", "mode: enforce", StringComparison.Ordinal);

    public const string EnforcePolicyText =
        "version: STSv1\r\nmode: enforce\r\nmx: mx1.contoso.example\r\nmx: *.mail.contoso.example\r\nmax_age: 604800\r\n";

    public static byte[] Bytes(string policyText) => Encoding.ASCII.GetBytes(policyText);

    /// <summary>
    /// The id <c>id: auto</c> promises (README.md, "The id"): the first 32 hex digits of SHA-256 over the policy text, so it
    /// changes exactly when the policy does. Computed here independently of the package.
    /// </summary>
    public static string AutoId(string policyText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(policyText)))[..32];

    /// <summary>The _mta-sts TXT record value (RFC 8461 §3.1).</summary>
    public static string StsRecord(string policyText) => $"v=STSv1; id={AutoId(policyText)};";

    public const string TlsRptRecord = "v=TLSRPTv1; rua=mailto:tlsrpt@contoso.example";
}
