using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Dns;

namespace MtaSts.Checking;

/// <summary>Turns DNS answers into facts. Pure: the unit tests feed it records without a network.</summary>
public static class DnsFacts
{
    /// <summary>At most this many CNAMEs are followed (a loop or a runaway chain ends there).</summary>
    public const int MaxCnameChain = 8;

    /// <summary>The CNAME chain starting at <paramref name="name"/> found in <paramref name="records"/> and the name it ends at.</summary>
    public static (IReadOnlyList<string> Cnames, string Target) FollowCnames(string name, IEnumerable<DnsResourceRecord> records)
    {
        var list = records.ToList();
        var chain = new List<string>();
        var current = HostName.Normalize(name);
        var seen = new HashSet<string>(StringComparer.Ordinal) { current };
        for (var i = 0; i < MaxCnameChain; i++)
        {
            var cname = list.OfType<CNameRecord>().FirstOrDefault(r => HostName.Normalize(r.DomainName.Value) == current);
            if (cname is null)
            {
                break;
            }

            var target = HostName.Normalize(cname.CanonicalName.Value);
            if (!seen.Add(target))
            {
                break;
            }

            current = target;
            chain.Add(current);
        }

        return (chain, current);
    }

    /// <summary>
    /// The TXT records at <paramref name="name"/>, following CNAMEs (senders MUST, RFC 8461 §3.1); the strings of one
    /// record are concatenated without spaces. Records at other names are ignored.
    /// </summary>
    public static TxtDiscovery ReadTxt(string name, IEnumerable<DnsResourceRecord> records)
    {
        var list = records.ToList();
        var (cnames, target) = FollowCnames(name, list);
        var values = list.OfType<TxtRecord>()
            .Where(r => HostName.Normalize(r.DomainName.Value) == target)
            .Select(r => string.Concat(r.Text))
            .ToList();
        return new TxtDiscovery(HostName.Normalize(name), cnames, values);
    }

    /// <summary>The MX records at the domain, by preference (RFC 5321 §5.1), the null MX (RFC 7505) as an empty host.</summary>
    public static IReadOnlyList<MxRecordFact> ReadMx(string domain, IEnumerable<DnsResourceRecord> records)
    {
        var list = records.ToList();
        var (_, target) = FollowCnames(domain, list);
        return list.OfType<MxRecord>()
            .Where(r => HostName.Normalize(r.DomainName.Value) == target)
            .Select(r => new MxRecordFact(r.Preference, HostName.Normalize(r.Exchange.Value)))
            .OrderBy(r => r.Preference)
            .ThenBy(r => r.Host, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The addresses of <paramref name="host"/> (A and AAAA records at the end of its CNAME chain).</summary>
    public static IReadOnlyList<IPAddress> ReadAddresses(string host, IEnumerable<DnsResourceRecord> records)
    {
        var list = records.ToList();
        var (_, target) = FollowCnames(host, list);
        return list.OfType<AddressRecord>()
            .Where(r => HostName.Normalize(r.DomainName.Value) == target)
            .Select(r => r.Address)
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Whether the CAA record set that applies to a name (RFC 8659 §3: the first set found climbing towards the root)
    /// allows no CA to issue a non-wildcard certificate: it has <c>issue</c> properties and every one names no issuer
    /// (<c>0 issue ";"</c>).
    /// </summary>
    public static bool CaaForbidsEveryIssuer(IEnumerable<CaaRecord> relevantSet)
    {
        var issue = relevantSet.Where(r => string.Equals(r.Tag, "issue", StringComparison.OrdinalIgnoreCase)).ToList();
        return issue.Count > 0 && issue.All(r => r.Value.Split(';')[0].Trim().Length == 0);
    }
}
