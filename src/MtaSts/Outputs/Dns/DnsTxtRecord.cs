using System.Text;

namespace MtaSts.Dns;

/// <summary>
/// One TXT record a deployment publishes, in the terms every DNS format needs: the zone (the Policy Domain), the owner
/// name relative to it and fully qualified, the TTL, the value, and the value's character-strings of at most 255 octets
/// (RFC 1035 §3.3.14). Every writer (<see cref="ZoneSnippetWriter"/>, <see cref="DnsFormat"/>) renders these, so the
/// names, values, TTL and string splitting are decided here once.
/// </summary>
public sealed class DnsTxtRecord
{
    /// <summary>RFC 1035 §3.3: a character-string holds at most 255 octets.</summary>
    public const int MaxStringLength = 255;

    public DnsTxtRecord(string zone, string relativeName, int ttl, string value)
    {
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        RelativeName = relativeName ?? throw new ArgumentNullException(nameof(relativeName));
        Ttl = ttl;
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Strings = Split(value);
    }

    /// <summary>The zone the record belongs in: the Policy Domain, A-label form, without the root dot.</summary>
    public string Zone { get; }

    /// <summary>The owner name relative to <see cref="Zone"/>: <c>_mta-sts</c> or <c>_smtp._tls</c>.</summary>
    public string RelativeName { get; }

    /// <summary>The owner name, fully qualified without the root dot: <c>_mta-sts.example.com</c>.</summary>
    public string Name => RelativeName + "." + Zone;

    /// <summary>TTL, seconds.</summary>
    public int Ttl { get; }

    /// <summary>The record value as senders read it (the character-strings joined, RFC 8461 §3.1).</summary>
    public string Value { get; }

    /// <summary>The value cut into character-strings of at most 255 octets, in order (one for a short value).</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>The records of a deployment, in publishing order: <c>_mta-sts</c>, then <c>_smtp._tls</c> when configured.</summary>
    public static IReadOnlyList<DnsTxtRecord> For(Deployment deployment)
    {
        if (deployment is null)
        {
            throw new ArgumentNullException(nameof(deployment));
        }

        var records = new List<DnsTxtRecord> { new(deployment.PolicyDomain, RelativeOwner(deployment.StsRecordName, deployment.PolicyDomain), deployment.Ttl, deployment.StsRecord.Value) };
        if (deployment.TlsRptRecord is { } tlsRpt)
        {
            records.Add(new(deployment.PolicyDomain, RelativeOwner(deployment.TlsRptRecordName, deployment.PolicyDomain), deployment.Ttl, tlsRpt.Value));
        }

        return records;
    }

    /// <summary>A value cut into character-strings of at most 255 octets (the values are ASCII: an octet is a character).</summary>
    public static IReadOnlyList<string> Split(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var parts = new List<string>();
        for (var start = 0; start < bytes.Length || parts.Count == 0; start += MaxStringLength)
        {
            parts.Add(Encoding.ASCII.GetString(bytes, start, Math.Min(MaxStringLength, bytes.Length - start)));
        }

        return parts;
    }

    private static string RelativeOwner(string name, string zone) => name.Substring(0, name.Length - zone.Length - 1);

    public override string ToString() => $"{Name} {Ttl} TXT {Value}";
}
