using System.ComponentModel.DataAnnotations;

namespace MtaSts.Web.Console;

/// <summary>
/// "Check a domain" (configuration section <c>Check</c>): the server resolves and connects on behalf of anonymous
/// visitors, so by default it connects only to public addresses and does not probe SMTP. See docs/web.md.
/// </summary>
public sealed class CheckPageOptions
{
    public const string Section = "Check";

    /// <summary>
    /// Also connect to loopback, private, link-local and other non-public addresses (an internal deployment, the lab
    /// tests). Off: <c>AddressPolicy.PublicOnly</c>, every such address is refused (MTASTS7192) and never contacted.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Probe STARTTLS on port 25 of every MX host (step 4). Off by default: a public checker should not dial port 25 for strangers.</summary>
    public bool ProbeSmtp { get; set; }

    /// <summary>The DNS server to ask (ADDRESS[:PORT]); the system's resolvers when empty. Only the operator names it.</summary>
    public string? DnsServer { get; set; }

    /// <summary>A PEM file of CA certificates trusted in addition to the system's (a private CA).</summary>
    public string? CaFile { get; set; }

    /// <summary>Seconds for each connection, SMTP reply or the whole policy fetch, as <c>mta-sts check --timeout</c> (default 20).</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>At most this many MX hosts (the most preferred) are looked up and probed per check.</summary>
    [Range(1, 1000)]
    public int MaxMxHosts { get; set; } = 20;
}

/// <summary>"Read reports" (configuration section <c>Reports</c>): caps on an upload. Nothing is stored.</summary>
public sealed class ReportsPageOptions
{
    public const string Section = "Reports";

    /// <summary>Files in one upload.</summary>
    [Range(1, 1000)]
    public int MaxFiles { get; set; } = 50;

    /// <summary>Bytes of one upload, all files together (the request body); larger uploads are refused with 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// Rate limits (configuration section <c>RateLimit</c>) on the requests that work: a check (page or JSON) and a reports
/// upload. A fixed window per client address and one for the whole server; over either, 429 with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests one client address may make per window.</summary>
    [Range(1, 100000)]
    public int PerClientPermits { get; set; } = 10;

    /// <summary>Requests all clients together may make per window.</summary>
    [Range(1, 1000000)]
    public int GlobalPermits { get; set; } = 100;

    /// <summary>The window, in seconds.</summary>
    [Range(1, 86400)]
    public int WindowSeconds { get; set; } = 60;
}
