namespace MtaSts.AspNetCore.Tests;

/// <summary>Finding a request's policy by its Host header: host names compare ASCII case-insensitively (RFC 4343).</summary>
public sealed class ServedPolicySetTests
{
    private static readonly ServedPolicySet Set = new([
        TestSite.Contoso,
        TestSite.Buecher,
        new ServedPolicy("contoso.co.uk", "mta-sts.contoso.co.uk", "uk", TestSite.Contoso.Text),
    ]);

    [Theory]
    [InlineData("mta-sts.contoso.example", "contoso.example")]
    [InlineData("MTA-STS.Contoso.CO.UK", "contoso.co.uk")]
    [InlineData("mta-sts.xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("mta-sts.contoso.example:8443", "contoso.example")]
    [InlineData("mta-sts.contoso.example.", "contoso.example")]
    [InlineData("mta-sts.contoso.example.:443", "contoso.example")]
    [InlineData("mta-sts.bücher.example", "xn--bcher-kva.example")]
    [InlineData("MTA-STS.Bücher.EXAMPLE", "xn--bcher-kva.example")]
    [InlineData("contoso.example", null)]
    [InlineData("www.contoso.example", null)]
    [InlineData("mta-sts.contoso.example.evil.example", null)]
    [InlineData("mta-sts.bücher.example.evil.example", null)]
    [InlineData("mta-sts.contoso.example\u00a0", null)]
    [InlineData("[::1]:443", null)]
    [InlineData("mta-sts.contoso.example:443:443", null)]
    [InlineData(":", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_host_is_found_in_any_case_with_a_port_in_u_labels_and_nothing_else_is(string? host, string? domain) =>
        Assert.Equal(domain, Set.FindByHost(host)?.PolicyDomain);

    [Fact]
    public void Equal_policy_texts_share_one_array_of_bytes()
    {
        var contoso = Set.FindByHost("mta-sts.contoso.example")!;
        var uk = Set.FindByHost("mta-sts.contoso.co.uk")!;

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(contoso.Content, out var first));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(uk.Content, out var second));
        Assert.Same(first.Array, second.Array);
    }

    [Fact]
    public void The_policies_keep_the_order_of_the_configuration() =>
        Assert.Equal(["contoso.example", "xn--bcher-kva.example", "contoso.co.uk"], Set.Policies.Select(p => p.PolicyDomain));

    [Fact]
    public void Two_policies_for_one_policy_host_are_refused() =>
        Assert.Contains("mta-sts.contoso.example", Assert.Throws<ArgumentException>(() => new ServedPolicySet([TestSite.Contoso, TestSite.Contoso])).Message, StringComparison.Ordinal);

    [Fact]
    public void No_policy_is_refused() => Assert.Throws<ArgumentException>(() => new ServedPolicySet([]));

    [Theory]
    [InlineData("mta-sts.bücher.example", "version: STSv1\r\n")]
    [InlineData("mta-sts.example.com", "version: STSv1\r\nmx: bücher\r\n")]
    public void A_host_or_text_that_is_not_ascii_is_refused(string host, string text) =>
        Assert.Throws<ArgumentException>(() => new ServedPolicy("example.com", host, "1", text));

    [Fact]
    public void The_TLS_RPT_record_is_carried_as_built_and_kept_by_the_set()
    {
        const string Record = "v=TLSRPTv1; rua=mailto:tlsrpt@contoso.example,https://contoso.example/tlsrpt";
        var served = new ServedPolicy("contoso.example", "mta-sts.contoso.example", "1", TestSite.Contoso.Text, Record);

        var found = new ServedPolicySet([served, TestSite.Buecher]).FindByHost("mta-sts.contoso.example")!;

        Assert.Equal(Record, found.TlsRptRecord);
        Assert.Null(new ServedPolicySet([served, TestSite.Buecher]).FindByHost("mta-sts.bücher.example")!.TlsRptRecord);
    }

    [Fact]
    public void Without_a_TLS_RPT_record_the_policy_has_none()
    {
        Assert.Null(TestSite.Contoso.TlsRptRecord);
        Assert.Null(new ServedPolicy("example.com", "mta-sts.example.com", "1", "version: STSv1\r\n", null).TlsRptRecord);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v=TLSRPTv1; rua=mailto:tlsrpt@bücher.example")]
    public void An_empty_or_non_ascii_TLS_RPT_record_is_refused(string record) =>
        Assert.Equal("tlsRptRecord", Assert.Throws<ArgumentException>(() => new ServedPolicy("example.com", "mta-sts.example.com", "1", "version: STSv1\r\n", record)).ParamName);
}
