using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Checking;

/// <summary>The answer to one DNS question: the records, or why there are none.</summary>
public sealed record DnsAnswer(string Name, QueryType Type, IReadOnlyList<DnsResourceRecord> Records, DnsLookupFailure? Failure = null)
{
    /// <summary>The name does not exist (NXDOMAIN): an answer, not a failure.</summary>
    public bool NameDoesNotExist { get; init; }

    public static DnsAnswer Failed(string name, QueryType type, string reason) => new(name, type, [], new DnsLookupFailure(reason));
}
