using static MtaSts.Checking.Tests.Records;

namespace MtaSts.Checking.Tests;

/// <summary>DNS answers into facts (RFC 8461 §3.1, RFC 5321 §5.1, RFC 7505, RFC 8659), without a network.</summary>
public class DnsFactsTests
{
    [Fact]
    public void Strings_of_one_TXT_record_are_concatenated_without_spaces()
    {
        var txt = DnsFacts.ReadTxt("_mta-sts.example.com", [Txt("_mta-sts.example.com.", "v=STSv1; ", "id=abc;")]);

        Assert.Equal(["v=STSv1; id=abc;"], txt.Records);
        Assert.Empty(txt.Cnames);
    }

    [Fact]
    public void A_CNAME_chain_is_followed_and_its_target_named()
    {
        var txt = DnsFacts.ReadTxt("_mta-sts.example.com", [
            Cname("_mta-sts.example.com.", "_mta-sts.hoster.example."),
            Cname("_mta-sts.hoster.example.", "sts.provider.example."),
            Txt("sts.provider.example.", "v=STSv1; id=1;"),
            Txt("unrelated.example.", "v=STSv1; id=2;"),
        ]);

        Assert.Equal(["_mta-sts.hoster.example", "sts.provider.example"], txt.Cnames);
        Assert.Equal("sts.provider.example", txt.Target);
        Assert.Equal(["v=STSv1; id=1;"], txt.Records);
    }

    [Fact]
    public void A_CNAME_loop_ends()
    {
        var (cnames, _) = DnsFacts.FollowCnames("a.example", [Cname("a.example.", "b.example."), Cname("b.example.", "a.example.")]);

        Assert.Equal(["b.example"], cnames);
    }

    [Fact]
    public void MX_records_come_by_preference_without_the_trailing_dot_in_lower_case()
    {
        var mx = DnsFacts.ReadMx("example.com", [Mx("example.com.", 20, "MX2.Example.com."), Mx("example.com.", 10, "mx1.example.com.")]);

        Assert.Equal([new MxRecordFact(10, "mx1.example.com"), new MxRecordFact(20, "mx2.example.com")], mx);
    }

    [Fact]
    public void The_null_MX_is_an_empty_host()
    {
        var mx = DnsFacts.ReadMx("example.com", [Mx("example.com.", 0, ".")]);

        Assert.True(Assert.Single(mx).IsNullMx);
    }

    [Fact]
    public void Addresses_are_read_at_the_end_of_the_CNAME_chain()
    {
        var addresses = DnsFacts.ReadAddresses("mta-sts.example.com", [
            Cname("mta-sts.example.com.", "sites.hoster.example."),
            A("sites.hoster.example.", "192.0.2.7"),
            A("other.example.", "192.0.2.8"),
        ]);

        Assert.Equal("192.0.2.7", Assert.Single(addresses).ToString());
    }

    [Fact]
    public void CAA_forbids_every_issuer_only_when_every_issue_property_is_empty()
    {
        Assert.True(DnsFacts.CaaForbidsEveryIssuer([Caa("example.com.", "issue", ";")]));
        Assert.False(DnsFacts.CaaForbidsEveryIssuer([Caa("example.com.", "issue", ";"), Caa("example.com.", "issue", "letsencrypt.org")]));
        Assert.False(DnsFacts.CaaForbidsEveryIssuer([Caa("example.com.", "iodef", "mailto:x@example.com")]));
    }

    [Theory]
    [InlineData("192.0.2.53", "192.0.2.53:53")]
    [InlineData("192.0.2.53:5353", "192.0.2.53:5353")]
    [InlineData("[2001:db8::53]:54", "[2001:db8::53]:54")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    public void DNS_server_addresses_parse_with_port_53_by_default(string value, string expected)
    {
        Assert.True(CheckOptions.TryParseDnsServer(value, out var endPoint));
        Assert.Equal(expected, endPoint!.ToString());
    }

    [Theory]
    [InlineData("ns.example.com")]
    [InlineData("")]
    [InlineData("192.0.2.1:99999")]
    public void DNS_server_names_and_bad_ports_are_refused(string value)
    {
        Assert.False(CheckOptions.TryParseDnsServer(value, out _));
    }
}
