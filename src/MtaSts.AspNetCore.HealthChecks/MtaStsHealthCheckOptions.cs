using System.Security.Cryptography.X509Certificates;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>
/// How the MTA-STS health check looks at the live deployment. Configure it in <c>AddMtaSts(configure: …)</c>, or bind it
/// from configuration with <c>services.Configure&lt;MtaStsHealthCheckOptions&gt;(name, section)</c> (the options are named
/// after the health check's registration, <see cref="DefaultName"/> unless given another name).
/// </summary>
public sealed class MtaStsHealthCheckOptions
{
    /// <summary>The registration name when none is given: <c>mta-sts</c>.</summary>
    public const string DefaultName = "mta-sts";

    /// <summary>
    /// How long a result is reused before the next request starts a new check (default 5 minutes). Every check costs a
    /// few DNS queries and one HTTPS fetch per domain (docs/health-checks.md), so keep it at minutes in production.
    /// </summary>
    public TimeSpan CacheInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// DNS servers to ask, as <c>ADDRESS[:PORT]</c> (<c>[v6]:PORT</c> for IPv6 with a port; the port defaults to 53), in
    /// order. Empty (the default): the system's resolvers. Lookups are never cached by the check itself.
    /// </summary>
    public IList<string> DnsServers { get; } = new List<string>();

    /// <summary>
    /// A PEM file of CA certificates trusted in addition to the system's roots, for a private CA (a lab's throwaway CA).
    /// Senders on the internet trust only public CAs: use it only where the whole mail path does.
    /// </summary>
    public string? TrustAnchorsFile { get; set; }

    /// <summary>CA certificates trusted in addition to the system's roots and <see cref="TrustAnchorsFile"/>.</summary>
    public X509Certificate2Collection TrustAnchors { get; } = [];

    /// <summary>
    /// The most one check of all domains may take (default 30 seconds); a domain not done by then is reported as not
    /// checked (Degraded). Each network step has its own, shorter limit within it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Also connect to every MX host on port 25 and check STARTTLS and its certificate (RFC 8461 §4.2). Off by default:
    /// many hosting networks block outbound port 25, and a blocked port says nothing about the MX host.
    /// </summary>
    public bool ProbeMxStartTls { get; set; }

    /// <summary>A valid certificate (the policy host's; the MX hosts' when probed) that expires within this many days is Degraded (default 14).</summary>
    public int CertificateExpiryWarningDays { get; set; } = 14;

    /// <summary>How many domains are checked at once (default 4): a site with many domains does not flood its resolver.</summary>
    public int MaxConcurrentDomains { get; set; } = 4;

    /// <summary>
    /// Codes (<c>MTASTS7004</c>) that do not change the status; they stay in the result's data. By default the advice on
    /// the built policy itself, which the build decided: <c>MTASTS7053</c> (max_age under a day with enforce) and
    /// <c>MTASTS7054</c> (mode none). Add e.g. <c>MTASTS7004</c> for a domain that deliberately publishes no TLS-RPT record.
    /// </summary>
    public ISet<string> IgnoredCodes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "MTASTS7053", "MTASTS7054" };
}
