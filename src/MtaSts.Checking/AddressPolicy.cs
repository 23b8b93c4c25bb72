using System.Net;

namespace MtaSts.Checking;

/// <summary>
/// Which addresses the check may connect to. Every address the check would connect to (the Policy Host's for HTTPS,
/// each MX host's for SMTP, whatever CNAME chain led to them) is judged after resolution, each one, and the
/// connection is then made to that very <see cref="IPAddress"/>: the name is never resolved again, so there is no
/// window for DNS rebinding. A host with one refused address is not contacted at all.
/// </summary>
/// <remarks>
/// <see cref="AllowAll"/> suits a command line run by the owner of the network it runs in (the <c>mta-sts check</c>
/// default). A server that checks domains named by anonymous visitors uses <see cref="PublicOnly"/>, so that a
/// domain whose MX or Policy Host resolves to 127.0.0.1, 10.0.0.5 or fd00::1 cannot make it probe its own network
/// (server-side request forgery). DNS questions go only to <see cref="CheckOptions.Resolver"/>.
/// </remarks>
public sealed class AddressPolicy
{
    private readonly Func<IPAddress, string?> whyRefused;

    private AddressPolicy(string name, Func<IPAddress, string?> whyRefused)
    {
        Name = name;
        this.whyRefused = whyRefused;
    }

    /// <summary>Every address: the default of <c>mta-sts check</c>, which runs on its user's own behalf.</summary>
    public static AddressPolicy AllowAll { get; } = new("allow-all", _ => null);

    /// <summary>
    /// Public unicast addresses only: everything in <see cref="SpecialPurposeAddresses"/> (loopback, private, CGNAT,
    /// link-local, unique-local, multicast, unspecified, broadcast, documentation and benchmarking blocks, and IPv6
    /// forms that embed them) is refused.
    /// </summary>
    public static AddressPolicy PublicOnly { get; } = new("public-only", address => SpecialPurposeAddresses.Find(address) is { } range
        ? $"{address} is not a public address ({range})"
        : null);

    /// <summary>A policy of your own: <paramref name="whyRefused"/> returns why an address is refused, or null to allow it.</summary>
    public static AddressPolicy Custom(string name, Func<IPAddress, string?> whyRefused)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(whyRefused);
        return new AddressPolicy(name, whyRefused);
    }

    /// <summary>A short name for logs: "allow-all", "public-only", or the custom policy's.</summary>
    public string Name { get; }

    /// <summary>Why <paramref name="address"/> is refused, or null when the check may connect to it.</summary>
    public string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return whyRefused(address);
    }

    /// <summary>Whether the check may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address) => WhyRefused(address) is null;

    /// <summary>The refusals among <paramref name="addresses"/>, in order ("127.0.0.1 is not a public address (…)").</summary>
    public IReadOnlyList<string> Refusals(IEnumerable<IPAddress> addresses) =>
        addresses.Select(WhyRefused).OfType<string>().ToList();

    public override string ToString() => Name;
}
