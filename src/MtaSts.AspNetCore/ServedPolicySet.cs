using System.Globalization;
using System.Text;

namespace MtaSts.AspNetCore;

/// <summary>
/// The policies a site serves, one per Policy Host, looked up by the request's <c>Host</c>: ASCII case-insensitive
/// (host names, RFC 4343), a <c>:port</c> ignored, an internationalized host in U-labels found by its A-labels.
/// Built once at start-up; a lookup of an ASCII host allocates nothing.
/// </summary>
public sealed class ServedPolicySet
{
    private readonly ServedPolicy[] policies;
    private readonly Dictionary<string, ServedPolicy> byPolicyHost;

    /// <summary>Creates the set; identical policy texts share one array of bytes.</summary>
    /// <exception cref="ArgumentException">No policy, or two policies for one Policy Host.</exception>
    public ServedPolicySet(IEnumerable<ServedPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var all = new List<ServedPolicy>();
        byPolicyHost = new Dictionary<string, ServedPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var policy in policies)
        {
            ArgumentNullException.ThrowIfNull(policy, nameof(policies));
            if (!contents.TryGetValue(policy.Text, out var content))
            {
                contents.Add(policy.Text, content = policy.Content.ToArray());
            }

            var shared = new ServedPolicy(policy.PolicyDomain, policy.PolicyHost, policy.Id, policy.Text, policy.TlsRptRecord, content);
            if (!byPolicyHost.TryAdd(shared.PolicyHost, shared))
            {
                throw new ArgumentException($"Two policies for the Policy Host '{shared.PolicyHost}'.", nameof(policies));
            }

            all.Add(shared);
        }

        if (all.Count == 0)
        {
            throw new ArgumentException("A site serves at least one policy.", nameof(policies));
        }

        this.policies = [.. all];
    }

    /// <summary>Every policy, in the order of the configuration.</summary>
    public IReadOnlyList<ServedPolicy> Policies => policies;

    /// <summary>Every Policy Host, in the order of the configuration.</summary>
    public IEnumerable<string> PolicyHosts => policies.Select(policy => policy.PolicyHost);

    /// <summary>
    /// The policy whose Policy Host is <paramref name="host"/> (a <c>Host</c> header value: A-labels or U-labels, any
    /// case, an optional <c>:port</c>), or null.
    /// </summary>
    public ServedPolicy? FindByHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        // What senders send (the Policy Host alone) is looked up as it is; a port or a root label costs a substring.
        var colon = host[0] == '[' ? -1 : host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        // A fully qualified name's root label (RFC 1034 §3.1) names the same host.
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (Ascii.IsValid(host))
        {
            return byPolicyHost.TryGetValue(host, out var found) ? found : null;
        }

        return ToAscii(host) is { } ascii && byPolicyHost.TryGetValue(ascii, out var idn) ? idn : null;
    }

    /// <summary>A host in U-labels as A-labels (IDNA, UTS #46 as .NET implements it), or null when it is none.</summary>
    private static string? ToAscii(string host)
    {
        try
        {
            var ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(host);
            return Ascii.IsValid(ascii) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
