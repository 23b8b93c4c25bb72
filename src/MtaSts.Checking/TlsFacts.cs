namespace MtaSts.Checking;

/// <summary>One TLS connection attempt: to the policy host, or to one address of an MX host.</summary>
public sealed record TlsFacts
{
    public string? Protocol { get; init; }

    public string? CertificateSubject { get; init; }

    /// <summary>The DNS names of the certificate's subjectAltName.</summary>
    public IReadOnlyList<string> CertificateNames { get; init; } = [];

    public string? CertificateIssuer { get; init; }

    public DateTimeOffset? CertificateNotAfter { get; init; }

    /// <summary>Whole days from the check until the certificate expires (negative once expired).</summary>
    public int? DaysUntilExpiry { get; init; }

    public CertificateProblem Problem { get; init; }
}
