using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace MtaSts.Checking.Tests;

/// <summary>
/// The address policy (SSRF guard): the special-purpose table, the IPv6 forms that embed an IPv4 address, and the
/// check itself with real sockets: a refused host is reported (MTASTS7192) and a listener on its address sees no
/// connection; a name that answers a public address first and a private one later is connected to at the address
/// that was checked, once resolved.
/// </summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.255.255.254", "Loopback")]
    [InlineData("10.1.2.3", "Private-Use")]
    [InlineData("172.16.0.1", "Private-Use")]
    [InlineData("172.31.255.255", "Private-Use")]
    [InlineData("192.168.1.1", "Private-Use")]
    [InlineData("100.64.0.1", "Shared Address Space")]
    [InlineData("169.254.169.254", "Link-Local")]
    [InlineData("0.0.0.0", "This network")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("192.0.2.10", "Documentation")]
    [InlineData("198.51.100.1", "Documentation")]
    [InlineData("203.0.113.1", "Documentation")]
    [InlineData("198.18.0.1", "Benchmarking")]
    [InlineData("192.0.0.8", "IETF Protocol Assignments")]
    [InlineData("::", "Unspecified")]
    [InlineData("::1", "Loopback")]
    [InlineData("fe80::1", "Link-Local")]
    [InlineData("fe80::1%2", "Link-Local")]
    [InlineData("fc00::1", "Unique-Local")]
    [InlineData("fd12:3456::1", "Unique-Local")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("2001:db8::1", "Documentation")]
    [InlineData("3fff::1", "Documentation")]
    [InlineData("100::1", "Discard-Only")]
    [InlineData("::ffff:127.0.0.1", "Loopback")]
    [InlineData("::ffff:10.0.0.1", "Private-Use")]
    [InlineData("::ffff:169.254.169.254", "Link-Local")]
    [InlineData("::127.0.0.1", "Loopback")]
    [InlineData("64:ff9b::a00:1", "Private-Use")]
    [InlineData("64:ff9b:1::1", "Local-Use IPv4/IPv6 Translation")]
    [InlineData("2002:c0a8:101::1", "Private-Use")]
    [InlineData("2002:7f00:1::1", "Loopback")]
    // Teredo: the client address 127.0.0.1, its bits inverted in the last 32 bits (RFC 4380 §4).
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "Loopback")]
    [InlineData("4000::1", "Outside IPv6 global unicast")]
    public void Public_only_refuses_special_purpose_addresses_and_names_the_block(string address, string block)
    {
        var why = AddressPolicy.PublicOnly.WhyRefused(IPAddress.Parse(address));

        Assert.NotNull(why);
        Assert.Contains("is not a public address", why);
        Assert.Contains(block, why, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_only_allows_public_unicast_addresses(string address) =>
        Assert.Null(AddressPolicy.PublicOnly.WhyRefused(IPAddress.Parse(address)));

    [Fact]
    public void Allow_all_allows_loopback_and_private_addresses_as_the_command_line_always_did()
    {
        Assert.True(AddressPolicy.AllowAll.Allows(IPAddress.Loopback));
        Assert.True(AddressPolicy.AllowAll.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.Same(AddressPolicy.AllowAll, new CheckOptions { Resolver = new ScriptedResolver().Query }.AddressPolicy);
    }

    [Fact]
    public void Every_block_of_the_table_is_refused_at_its_first_and_last_address()
    {
        foreach (var range in SpecialPurposeAddresses.All)
        {
            var first = range.Network.BaseAddress;
            var bytes = first.GetAddressBytes();
            var hostBits = bytes.Length * 8 - range.Network.PrefixLength;
            for (var i = bytes.Length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8)
            {
                bytes[i] |= (byte)(hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
            }

            Assert.Same(range, SpecialPurposeAddresses.Find(first));
            Assert.Same(range, SpecialPurposeAddresses.Find(new IPAddress(bytes)));
        }
    }

    [Fact]
    public async Task Public_only_refuses_an_MX_and_a_policy_host_on_loopback_and_connects_to_neither()
    {
        // A loopback address of this test's own (127.x.y.z), so that nothing else listens there.
        var target = RandomLoopback();
        using var smtp = Listen(target, 0);
        var port = ((IPEndPoint)smtp.LocalEndpoint).Port;
        using var https = TryListen(target, 443);
        var resolver = new ScriptedResolver()
            .Answer("ssrf.test", QueryType.MX, [Records.Mx("ssrf.test", 10, "mx.ssrf.test")])
            .Answer("mx.ssrf.test", QueryType.A, [Records.A("mx.ssrf.test", target.ToString())])
            .Answer("mx.ssrf.test", QueryType.AAAA, [Aaaa("mx.ssrf.test", "::ffff:" + target)])
            // The Policy Host answers a public address first and a private one second: refused as a whole.
            .Answer("mta-sts.ssrf.test", QueryType.A, [Records.A("mta-sts.ssrf.test", "8.8.8.8"), Records.A("mta-sts.ssrf.test", target.ToString())]);
        var checker = new DomainChecker(new CheckOptions { Resolver = resolver.Query, AddressPolicy = AddressPolicy.PublicOnly, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            SmtpPort = port,
        };

        var report = await checker.CheckAsync("ssrf.test");

        var refused = report.Findings.Where(f => f.Code == "MTASTS7192").ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, f => Assert.Equal(CheckStatus.NotChecked, f.Status));
        Assert.Contains(refused, f => f.Step == CheckSteps.PolicyFetch && f.Message.Contains($"{target} is not a public address (Loopback, 127.0.0.0/8"));
        Assert.Contains(refused, f => f.Step == CheckSteps.StartTls && f.Message.Contains($"::ffff:{target} is not a public address (Loopback"));
        Assert.Null(report.PolicyFetch!.ConnectedAddress);
        var mx = Assert.Single(report.MxHosts);
        Assert.True(mx.Refused);
        Assert.Empty(mx.Probes);
        Assert.Contains("not contacted", mx.Summary);
        Assert.False(smtp.Pending(), "a connection reached the refused MX address");
        Assert.False(https?.Pending() ?? false, "a connection reached the refused policy host address");
    }

    [Fact]
    public async Task A_name_that_answers_public_first_and_private_second_is_resolved_once_and_connected_at_the_checked_address()
    {
        // In this test 127.x.y.1 stands for a public address (the policy is the test's own); 127.x.y.2 is private.
        var bytes = RandomLoopback().GetAddressBytes();
        bytes[3] = 1;
        var publicAddress = new IPAddress(bytes);
        bytes[3] = 2;
        var privateAddress = new IPAddress(bytes);
        using var publicListener = Listen(publicAddress, 0);
        var port = ((IPEndPoint)publicListener.LocalEndpoint).Port;
        using var privateListener = Listen(privateAddress, port);
        var policy = AddressPolicy.Custom("test", a => a.Equals(publicAddress) ? null : $"{a} is private in this test");
        var resolver = new ScriptedResolver()
            .Answer("rebind.test", QueryType.MX, [Records.Mx("rebind.test", 10, "mx.rebind.test")])
            .Answer("mx.rebind.test", QueryType.A, [Records.A("mx.rebind.test", publicAddress.ToString())], [Records.A("mx.rebind.test", privateAddress.ToString())]);
        var checker = new DomainChecker(new CheckOptions
        {
            Resolver = resolver.Query,
            AddressPolicy = policy,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SmtpTimeout = TimeSpan.FromSeconds(1),
        })
        {
            SmtpPort = port,
        };

        var accepted = publicListener.AcceptTcpClientAsync();
        var report = await checker.CheckAsync("rebind.test");

        Assert.Equal(1, resolver.Asked("mx.rebind.test", QueryType.A));
        using (var client = await accepted.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(publicAddress, ((IPEndPoint)client.Client.LocalEndPoint!).Address);
        }

        Assert.Equal(publicAddress.ToString(), Assert.Single(Assert.Single(report.MxHosts).Probes).Address);
        Assert.False(privateListener.Pending(), "a connection reached the private address of the second answer");
        Assert.DoesNotContain(report.Findings, f => f.Code == "MTASTS7192");
    }

    [Fact]
    public async Task The_probe_itself_refuses_an_address_the_policy_refuses()
    {
        var target = RandomLoopback();
        using var listener = Listen(target, 0);
        var options = new CheckOptions { Resolver = new ScriptedResolver().Query, AddressPolicy = AddressPolicy.PublicOnly };

        var probe = await new StartTlsProber(options).ProbeAsync("mx.test", target, ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None);

        Assert.Equal(ProbeOutcome.NotConnected, probe.Outcome);
        Assert.Contains("is not a public address", probe.Detail);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Only_the_most_preferred_MX_hosts_up_to_the_cap_are_looked_up()
    {
        var mx = Enumerable.Range(1, 30).Select(i => (DnsResourceRecord)Records.Mx("many.test", (ushort)i, $"mx{i}.many.test")).ToArray();
        var resolver = new ScriptedResolver().Answer("many.test", QueryType.MX, mx);

        var report = await new DomainChecker(new CheckOptions { Resolver = resolver.Query, MaxMxHosts = 3, CheckSmtp = false }).CheckAsync("many.test");

        Assert.Equal(["mx1.many.test", "mx2.many.test", "mx3.many.test"], report.MxHosts.Select(h => h.Host));
        Assert.Equal(1, resolver.Asked("mx3.many.test", QueryType.A));
        Assert.Equal(0, resolver.Asked("mx4.many.test", QueryType.A));
        Assert.Contains(report.Findings, f => f.Status == CheckStatus.Info && f.Message.Contains("many.test has 30 MX hosts; this checker looks at the 3 most preferred only (mx3.many.test and before)"));
    }

    private static IPAddress RandomLoopback() =>
        new([127, (byte)Random.Shared.Next(100, 250), (byte)Random.Shared.Next(1, 250), (byte)Random.Shared.Next(10, 250)]);

    private static TcpListener Listen(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return listener;
    }

    /// <summary>Port 443 needs root; without it the refusal is still checked, the listener only adds the proof.</summary>
    private static TcpListener? TryListen(IPAddress address, int port)
    {
        try
        {
            return Listen(address, port);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static AaaaRecord Aaaa(string name, string address) =>
        new(new ResourceRecordInfo(DnsString.Parse(name), ResourceRecordType.AAAA, QueryClass.IN, 300, 0), IPAddress.Parse(address));
}
