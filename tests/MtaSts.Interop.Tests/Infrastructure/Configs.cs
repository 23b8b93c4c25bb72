namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>
/// The mta-sts.yaml of each rollout stage. The Policy Domain is an IDN written as a U-label; DNS, the certificate and
/// the client see its A-label. The MX list has a wildcard pattern, and a TLS-RPT record is published throughout.
/// </summary>
public static class Configs
{
    public const string UnicodeDomain = "bücher.example";

    /// <summary>The A-label of <see cref="UnicodeDomain"/> (IDNA), as DNS carries it.</summary>
    public const string Domain = "xn--bcher-kva.example";

    /// <summary>The MX patterns as the policy file carries them: A-labels, the wildcard kept (RFC 8461 §4.1).</summary>
    public static readonly IReadOnlyList<string> Mx = [$"mx1.{Domain}", $"*.mail.{Domain}"];

    public const long OneWeek = 604800;

    public const long OneDay = 86400;

    public const string TlsRptRecord = $"v=TLSRPTv1; rua=mailto:tls-reports@{Domain}";

    /// <summary>Stage 1 (RFC 8461 §8.1 and RFC 8460): testing, with TLS-RPT reports.</summary>
    public const string Testing = """
        # Interop test: an IDN Policy Domain, a wildcard MX pattern and TLS-RPT.
        domain: bücher.example
        mode: testing
        mx:
          - mx1.bücher.example
          - "*.mail.bücher.example"
        max_age: 1w
        id: auto
        tls_rpt:
          rua: [mailto:tls-reports@xn--bcher-kva.example]
        ttl: 3600

        """;

    /// <summary>Stage 2: the same policy, enforced.</summary>
    public static string Enforce => Testing.Replace("mode: testing", "mode: enforce", StringComparison.Ordinal);

    /// <summary>Stage 3 (RFC 8461 §8.3, removing MTA-STS): mode none with a short max_age; mx may be left out.</summary>
    public const string None = """
        # Interop test: MTA-STS being removed (mode none, short max_age, no mx).
        domain: bücher.example
        mode: none
        max_age: 1d
        id: auto
        tls_rpt:
          rua: [mailto:tls-reports@xn--bcher-kva.example]
        ttl: 3600

        """;
}
