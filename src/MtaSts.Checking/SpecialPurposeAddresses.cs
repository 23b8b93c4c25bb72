using System.Net;
using System.Net.Sockets;

namespace MtaSts.Checking;

/// <summary>One block of the IANA special-purpose address registries that is not a public destination.</summary>
/// <param name="Network">The block.</param>
/// <param name="Name">What the registry calls it, e.g. "Private-Use" or "Loopback".</param>
/// <param name="Reference">The RFC that reserves it.</param>
public sealed record SpecialPurposeRange(IPNetwork Network, string Name, string Reference)
{
    /// <summary>"Loopback, 127.0.0.0/8, RFC 1122".</summary>
    public override string ToString() => $"{Name}, {Network}, {Reference}";
}

/// <summary>
/// The addresses a server that connects on behalf of strangers must not reach: the blocks of the IANA IPv4 and IPv6
/// Special-Purpose Address Registries (RFC 6890, as updated) that are not globally reachable, plus multicast and the
/// reserved space. An IPv6 address that embeds an IPv4 address (IPv4-mapped and -compatible, NAT64 64:ff9b::/96, 6to4
/// 2002::/16, a Teredo client) is judged by the IPv4 address it reaches. IPv6 outside 2000::/3 (global unicast,
/// RFC 4291 §2.4) is refused whatever it is.
/// </summary>
public static class SpecialPurposeAddresses
{
    /// <summary>IANA IPv4 Special-Purpose Address Registry, the blocks with "Globally Reachable: False", and more.</summary>
    private static readonly SpecialPurposeRange[] V4 =
    [
        Range("0.0.0.0/8", "\"This network\" (unspecified)", "RFC 791 §3.2"),
        Range("10.0.0.0/8", "Private-Use", "RFC 1918"),
        Range("100.64.0.0/10", "Shared Address Space (carrier-grade NAT)", "RFC 6598"),
        Range("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3"),
        Range("169.254.0.0/16", "Link-Local", "RFC 3927"),
        Range("172.16.0.0/12", "Private-Use", "RFC 1918"),
        // Includes 192.0.0.0/29 (DS-Lite, RFC 7335) and 192.0.0.170/31 (NAT64 discovery, RFC 7050); none is a mail or web server.
        Range("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1"),
        Range("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
        Range("192.88.99.0/24", "Deprecated 6to4 Relay Anycast", "RFC 7526"),
        Range("192.168.0.0/16", "Private-Use", "RFC 1918"),
        Range("198.18.0.0/15", "Benchmarking", "RFC 2544"),
        Range("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
        Range("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
        Range("224.0.0.0/4", "Multicast", "RFC 5771"),
        // Reserved for future use; its last address is the limited broadcast 255.255.255.255 (RFC 919, RFC 8190).
        Range("240.0.0.0/4", "Reserved (and limited broadcast)", "RFC 1112 §4"),
    ];

    /// <summary>IANA IPv6 Special-Purpose Address Registry, the blocks that are not globally reachable.</summary>
    private static readonly SpecialPurposeRange[] V6 =
    [
        Range("::/128", "Unspecified Address", "RFC 4291 §2.5.2"),
        Range("::1/128", "Loopback Address", "RFC 4291 §2.5.3"),
        Range("64:ff9b:1::/48", "Local-Use IPv4/IPv6 Translation", "RFC 8215"),
        Range("100::/64", "Discard-Only Address Block", "RFC 6666"),
        Range("2001:2::/48", "Benchmarking", "RFC 5180"),
        Range("2001:10::/28", "Deprecated ORCHID", "RFC 4843"),
        Range("2001:20::/28", "ORCHIDv2", "RFC 7343"),
        Range("2001:db8::/32", "Documentation", "RFC 3849"),
        Range("3fff::/20", "Documentation", "RFC 9637"),
        Range("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
        Range("fc00::/7", "Unique-Local", "RFC 4193"),
        Range("fe80::/10", "Link-Local Unicast", "RFC 4291 §2.5.6"),
        Range("fec0::/10", "Deprecated Site-Local", "RFC 3879"),
        Range("ff00::/8", "Multicast", "RFC 4291 §2.7"),
    ];

    private static readonly SpecialPurposeRange NotGlobalUnicast =
        Range("::/0", "Outside IPv6 global unicast space 2000::/3", "RFC 4291 §2.4");

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");       // RFC 6052 §2.1
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");      // RFC 3056 §2
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");         // RFC 4380 §4
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");         // RFC 4291 §2.5.5.1, deprecated

    /// <summary>Every block of the table, for the documentation and the tests.</summary>
    public static IReadOnlyList<SpecialPurposeRange> All { get; } = [.. V4, .. V6];

    /// <summary>
    /// The special-purpose block <paramref name="address"/> is in (for an IPv6 address that embeds an IPv4 address,
    /// the block of that IPv4 address), or null when it is a public unicast address.
    /// </summary>
    public static SpecialPurposeRange? Find(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Array.Find(V4, r => r.Network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return NotGlobalUnicast;
        }

        // Compare without a scope id (fe80::1%eth0): IPNetwork.Contains ignores it, the embedded forms must too.
        if (address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }

        if (Array.Find(V6, r => r.Network.Contains(address)) is { } special)
        {
            return special;
        }

        if (EmbeddedV4(address) is { } v4)
        {
            return Find(v4);
        }

        return GlobalUnicast.Contains(address) || Nat64.Contains(address) ? null : NotGlobalUnicast;
    }

    /// <summary>The IPv4 address an IPv6 address carries to (mapped, compatible, NAT64, 6to4, Teredo client), or null.</summary>
    public static IPAddress? EmbeddedV4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Compatible.Contains(address) || Nat64.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }

        if (Teredo.Contains(address))
        {
            // The client's public address, obfuscated: every bit inverted (RFC 4380 §4).
            var client = bytes.AsSpan(12, 4).ToArray();
            for (var i = 0; i < client.Length; i++)
            {
                client[i] = (byte)~client[i];
            }

            return new IPAddress(client);
        }

        return null;
    }

    private static SpecialPurposeRange Range(string network, string name, string reference) => new(IPNetwork.Parse(network), name, reference);
}
