using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Dns;

namespace MtaSts.Checking;

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
