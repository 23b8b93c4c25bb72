using DnsClient.Protocol;

namespace MtaSts.Checking;

/// <summary>An MX record: the exchange host without its trailing dot, lower case.</summary>
public sealed record MxRecordFact(int Preference, string Host)
{
    /// <summary>RFC 7505: a single MX of preference 0 with the root as exchange says the domain accepts no mail.</summary>
    public bool IsNullMx => Host.Length == 0;
}
