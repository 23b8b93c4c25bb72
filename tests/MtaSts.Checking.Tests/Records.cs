using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Checking.Tests;

/// <summary>DNS records as a resolver hands them over, built without a network.</summary>
internal static class Records
{
    private static ResourceRecordInfo Info(string name, ResourceRecordType type) =>
        new(DnsString.Parse(name), type, QueryClass.IN, 300, 0);

    /// <summary>A TXT record of one or more character-strings.</summary>
    public static TxtRecord Txt(string name, params string[] strings) => new(Info(name, ResourceRecordType.TXT), strings, strings);

    public static CNameRecord Cname(string name, string target) => new(Info(name, ResourceRecordType.CNAME), DnsString.Parse(target));

    public static MxRecord Mx(string name, ushort preference, string exchange) => new(Info(name, ResourceRecordType.MX), preference, DnsString.Parse(exchange));

    public static ARecord A(string name, string address) => new(Info(name, ResourceRecordType.A), IPAddress.Parse(address));

    public static CaaRecord Caa(string name, string tag, string value) => new(Info(name, ResourceRecordType.CAA), 0, tag, value);
}
