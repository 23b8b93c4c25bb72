using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Dns;

namespace MtaSts.Checking;

/// <summary>The answer to one DNS question: the records, or why there are none.</summary>
public sealed record DnsAnswer(string Name, QueryType Type, IReadOnlyList<DnsResourceRecord> Records, DnsLookupFailure? Failure = null)
{
    /// <summary>The name does not exist (NXDOMAIN): an answer, not a failure.</summary>
    public bool NameDoesNotExist { get; init; }

    public static DnsAnswer Failed(string name, QueryType type, string reason) => new(name, type, [], new DnsLookupFailure(reason));
}

/// <summary>A lookup that did not get an answer (timeout, SERVFAIL, REFUSED): nothing is known about the name.</summary>
public sealed record DnsLookupFailure(string Reason);

/// <summary>The TXT records at a name after following CNAMEs, each record's strings concatenated (RFC 8461 §3.1).</summary>
public sealed record TxtDiscovery(string Name, IReadOnlyList<string> Cnames, IReadOnlyList<string> Records)
{
    /// <summary>Where the records live: the end of the CNAME chain, or the name itself.</summary>
    public string Target => Cnames.Count == 0 ? Name : Cnames[Cnames.Count - 1];
}

/// <summary>An MX record: the exchange host without its trailing dot, lower case.</summary>
public sealed record MxRecordFact(int Preference, string Host)
{
    /// <summary>RFC 7505: a single MX of preference 0 with the root as exchange says the domain accepts no mail.</summary>
    public bool IsNullMx => Host.Length == 0;
}

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

/// <summary>Asks the resolver, and turns exceptions and error codes into <see cref="DnsAnswer"/> failures.</summary>
internal sealed class DnsLookup(IDnsQuery resolver)
{
    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellation)
    {
        try
        {
            var response = await resolver.QueryAsync(new DnsQuestion(name, type, QueryClass.IN), cancellation).ConfigureAwait(false);
            var code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain)
            {
                return new DnsAnswer(name, type, response.Answers.ToList()) { NameDoesNotExist = true };
            }

            if (code != DnsHeaderResponseCode.NoError)
            {
                return DnsAnswer.Failed(name, type, $"the DNS server answered {code} ({response.ErrorMessage})");
            }

            var records = response.Answers.ToList();

            // An authoritative server answers a CNAME to a name outside its zones without the target's records: ask
            // for the target itself, as a recursive resolver would.
            var (cnames, target) = DnsFacts.FollowCnames(name, records);
            if (cnames.Count > 0 && !records.Any(r => HostName.Normalize(r.DomainName.Value) == target && r.RecordType == (ResourceRecordType)type))
            {
                var follow = await QueryAsync(target, type, cancellation).ConfigureAwait(false);
                if (follow.Failure is not null)
                {
                    return follow with { Name = name };
                }

                records.AddRange(follow.Records.Where(r => r is not CNameRecord || !records.Contains(r)));
            }

            return new DnsAnswer(name, type, records);
        }
        catch (DnsResponseException ex)
        {
            return DnsAnswer.Failed(name, type, ex.Code == DnsResponseCode.ConnectionTimeout
                ? "no answer from the DNS server (timeout)"
                : ex.Message);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return DnsAnswer.Failed(name, type, "no answer from the DNS server (timeout)");
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return DnsAnswer.Failed(name, type, $"the DNS server cannot be reached ({ex.Message})");
        }
    }

    /// <summary>A and AAAA together; a failure only when both fail.</summary>
    public async Task<(IReadOnlyList<IPAddress> Addresses, DnsLookupFailure? Failure)> AddressesAsync(string host, CancellationToken cancellation)
    {
        var a = QueryAsync(host, QueryType.A, cancellation);
        var aaaa = QueryAsync(host, QueryType.AAAA, cancellation);
        var answers = await Task.WhenAll(a, aaaa).ConfigureAwait(false);
        var addresses = answers.SelectMany(answer => DnsFacts.ReadAddresses(host, answer.Records)).Distinct().ToList();
        var failure = addresses.Count == 0 ? answers.Select(answer => answer.Failure).FirstOrDefault(f => f is not null) : null;
        return (addresses, failure);
    }
}
