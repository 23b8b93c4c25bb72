using MtaSts.Interop.Tests.Infrastructure;

namespace MtaSts.Interop.Tests;

/// <summary>
/// Issue 4, steps 1 to 6: samples/Contoso.Web built from the packed package, its zone snippet served by Knot DNS,
/// the site on HTTPS with a certificate from a throwaway CA, and a real MTA-STS client (mta-sts-query) following a
/// rollout from testing to enforce to none (RFC 8461 §8.1, §8.3), for an IDN domain with a wildcard MX pattern and a
/// TLS-RPT record, all in one network namespace.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "mta-sts-query")]
[Collection(InteropCollection.Name)]
public sealed class RolloutTests(InteropSite site, ITestOutputHelper output)
{
    private const string Domain = Configs.Domain;

    [Fact]
    public async Task A_real_client_follows_the_rollout_from_testing_to_enforce_to_none()
    {
        var testing = site.Testing;
        Assert.Equal(File.ReadAllBytes(testing.SnapshotZoneSnippet), File.ReadAllBytes(testing.ZoneSnippet));
        await using var network = await InteropNetwork.UpAsync(output, site.NetworkRoot, Domain, testing.ZoneSnippet, site.SiteCommand, testing.PublishDirectory);

        // Testing: DNS serves the generated records as they are; the client gets the configured policy under their id.
        Assert.Equal([ZoneSnippet.Record(testing.ZoneSnippet, $"_mta-sts.{Domain}.").Value], await network.TxtAsync($"_mta-sts.{Domain}."));
        AssertValid(await network.QueryAsync(Domain), testing.PolicyId, "testing", Configs.Mx, Configs.OneWeek);
        Assert.Equal(StsQueryResult.NotChanged, (await network.QueryAsync(Domain, testing.PolicyId)).Result);

        // TLS-RPT (RFC 8460 §3): published as configured, and exactly what the snippet says.
        Assert.Equal([Configs.TlsRptRecord], await network.TxtAsync($"_smtp._tls.{Domain}."));
        Assert.Equal(Configs.TlsRptRecord, ZoneSnippet.Record(testing.ZoneSnippet, $"_smtp._tls.{Domain}.").Value);

        // Enforce: new policy first (RFC 8461 §8.1). While DNS still has the old id, a sender that cached the testing
        // policy keeps it; once the zone carries the new id, a sender that knows only the old id fetches the new policy.
        var enforce = await site.PublishAsync("enforce", Configs.Enforce);
        Assert.NotEqual(testing.PolicyId, enforce.PolicyId);
        await network.RestartSiteAsync(site.SiteCommand, enforce.PublishDirectory);
        Assert.Equal(StsQueryResult.NotChanged, (await network.QueryAsync(Domain, testing.PolicyId)).Result);
        await network.ReloadZoneAsync();
        AssertValid(await network.QueryAsync(Domain, testing.PolicyId), enforce.PolicyId, "enforce", Configs.Mx, Configs.OneWeek);
        Assert.Equal(StsQueryResult.NotChanged, (await network.QueryAsync(Domain, enforce.PolicyId)).Result);

        // None (RFC 8461 §8.3, removing MTA-STS): a policy without mx is valid in mode none.
        var none = await site.PublishAsync("none", Configs.None);
        Assert.DoesNotContain(none.PolicyId, new[] { testing.PolicyId, enforce.PolicyId });
        await network.RestartSiteAsync(site.SiteCommand, none.PublishDirectory);
        await network.ReloadZoneAsync();
        AssertValid(await network.QueryAsync(Domain, enforce.PolicyId), none.PolicyId, "none", [], Configs.OneDay);
        Assert.Equal(StsQueryResult.NotChanged, (await network.QueryAsync(Domain, none.PolicyId)).Result);
        Assert.Equal([Configs.TlsRptRecord], await network.TxtAsync($"_smtp._tls.{Domain}."));

        // The client also takes the domain as a (lower-case) U-label: it encodes it to the A-label itself.
        AssertValid(await network.QueryAsync(Configs.UnicodeDomain), none.PolicyId, "none", [], Configs.OneDay);
    }

    private static void AssertValid(StsQueryResult result, string id, string mode, IReadOnlyList<string> mx, long maxAge)
    {
        Assert.Equal((StsQueryResult.Valid, id), (result.Result, result.Id));
        Assert.Equal(("STSv1", mode, maxAge), (result.Policy!.Version, result.Policy.Mode, result.Policy.MaxAge));
        Assert.Equal(mx, result.Policy.Mx);
    }
}
