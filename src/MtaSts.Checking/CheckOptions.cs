using System.Net;
using System.Security.Cryptography.X509Certificates;
using DnsClient;

namespace MtaSts.Checking;

/// <summary>
/// Everything the check takes from outside: the resolver (every lookup, and the addresses for HTTPS and SMTP, come
/// from it), extra trust anchors, timeouts, the clock and what to skip. Nothing is read from global state.
/// </summary>
public sealed record CheckOptions
{
    /// <summary>The resolver for every lookup. <see cref="CreateResolver(IPEndPoint?, TimeSpan?)"/> makes one for a given server.</summary>
    public required IDnsQuery Resolver { get; init; }

    /// <summary>Certificates trusted as roots in addition to the system's (a private CA; the tests' throwaway CA).</summary>
    public X509Certificate2Collection TrustAnchors { get; init; } = [];

    /// <summary>Skip step 4 (STARTTLS on every MX), e.g. where outbound port 25 is blocked.</summary>
    public bool CheckSmtp { get; init; } = true;

    /// <summary>The mta-sts.yaml to compare the live deployment with (step 5), or null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// The text of an mta-sts.yaml to compare the live deployment with (step 5), when it is not a file (a web form, the
    /// generator's output); <see cref="ConfigFile"/> wins when both are set. Diagnostics name it <c>mta-sts.yaml</c>.
    /// </summary>
    public string? ConfigText { get; init; }

    /// <summary>
    /// Which addresses the HTTPS fetch and the SMTP probes may connect to (<see cref="Checking.AddressPolicy"/>):
    /// <see cref="AddressPolicy.AllowAll"/> by default; a server checking domains for anonymous visitors sets
    /// <see cref="AddressPolicy.PublicOnly"/>. A refused address is never connected to (MTASTS7192).
    /// </summary>
    public AddressPolicy AddressPolicy { get; init; } = AddressPolicy.AllowAll;

    /// <summary>
    /// At most this many MX hosts (the most preferred) are looked up and probed; the rest are named in an information
    /// finding. Unlimited by default; a server checking domains for strangers bounds the work one domain can cause.
    /// </summary>
    public int MaxMxHosts { get; init; } = int.MaxValue;

    /// <summary>TCP connect timeout for HTTPS and SMTP.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole policy fetch (RFC 8461 §3.3 suggests senders allow about a minute; a checker need not wait that long).</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Each SMTP read or write (greeting, EHLO, STARTTLS, handshake).</summary>
    public TimeSpan SmtpTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The name the checker gives in EHLO.</summary>
    public string HeloName { get; init; } = "mta-sts-check.invalid";

    /// <summary>The clock for certificate validity and the report's time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Warn when the policy host's or an MX host's certificate expires within this many days.</summary>
    public int ExpiryWarningDays { get; init; } = 21;

    /// <summary>The longest one DNS query waits (one retry follows): a resolver silent for this long is not coming back.</summary>
    public static TimeSpan MaxQueryTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A resolver that asks <paramref name="server"/> (or the system's resolvers when null), without a cache: what is
    /// published now, not what was seen a minute ago. A query waits <paramref name="timeout"/>, at most
    /// <see cref="MaxQueryTimeout"/>.
    /// </summary>
    public static IDnsQuery CreateResolver(IPEndPoint? server, TimeSpan? timeout = null) =>
        CreateResolverFor(server is null ? [] : [server], timeout);

    /// <summary>
    /// A resolver that asks <paramref name="servers"/> in turn (the system's resolvers when there are none), without a
    /// cache, like <see cref="CreateResolver(IPEndPoint?, TimeSpan?)"/>.
    /// </summary>
    public static IDnsQuery CreateResolverFor(IReadOnlyList<IPEndPoint> servers, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var options = servers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions(servers.Select(s => new NameServer(s)).ToArray());
        options.UseCache = false;
        options.Timeout = timeout is { } wait && wait < MaxQueryTimeout ? wait : MaxQueryTimeout;
        options.Retries = 1;
        options.UseTcpFallback = true;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        return new LookupClient(options);
    }

    /// <summary>Parses <c>ADDRESS[:PORT]</c> (<c>[v6]:PORT</c> for IPv6 with a port); the port defaults to 53.</summary>
    public static bool TryParseDnsServer(string? value, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (IPEndPoint.TryParse(value, out var parsed))
        {
            endPoint = parsed.Port == 0 ? new IPEndPoint(parsed.Address, 53) : parsed;
            return true;
        }

        return false;
    }
}
