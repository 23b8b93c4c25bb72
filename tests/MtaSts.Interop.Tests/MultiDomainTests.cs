using MtaSts.Interop.Tests.Infrastructure;

namespace MtaSts.Interop.Tests;

/// <summary>
/// The multi-domain form end to end with real parts: the mta-sts.yaml the end-to-end tests use too
/// (<see cref="MultiDomainConfig"/>: three mail domains, one an IDN, two policies), one site built from the packed
/// package, each domain's zone snippet in its own zone in Knot, one certificate for every Policy Host, and mta-sts-query
/// asking for each domain. The client must get each host's policy under the id its zone publishes (RFC 8461 §3.1).
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "mta-sts-query")]
[Collection(InteropCollection.Name)]
public sealed class MultiDomainTests(InteropSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task A_real_client_gets_each_domains_own_policy_from_one_site()
    {
        var build = await site.PublishMultiDomainAsync(MultiDomainConfig.Yaml);
        var domains = MultiDomainConfig.Domains.Select(d => (d.Domain, build.ZoneSnippet(d.Domain))).ToList();
        await using var network = await InteropNetwork.UpAsync(output, site.NetworkRoot, domains, build.SiteCommand, build.PublishDirectory);

        var ids = new List<string>();
        foreach (var (domain, _, mode, mx, maxAge, tlsRpt) in MultiDomainConfig.Domains)
        {
            var snippet = build.ZoneSnippet(domain);
            var id = ZoneSnippet.PolicyId(snippet, domain);
            ids.Add(id);

            // DNS serves each domain's records as its snippet has them.
            Assert.Equal([ZoneSnippet.Record(snippet, $"_mta-sts.{domain}.").Value], await network.TxtAsync($"_mta-sts.{domain}."));
            Assert.Equal([tlsRpt], await network.TxtAsync($"_smtp._tls.{domain}."));

            // The client fetches https://mta-sts.<domain>/.well-known/mta-sts.txt: this domain's policy, under this domain's id.
            var result = await network.QueryAsync(domain);
            Assert.Equal((StsQueryResult.Valid, id), (result.Result, result.Id));
            Assert.Equal(("STSv1", mode, (long?)maxAge), (result.Policy!.Version, result.Policy.Mode, result.Policy.MaxAge));
            Assert.Equal(mx, result.Policy.Mx);
            Assert.Equal(StsQueryResult.NotChanged, (await network.QueryAsync(domain, id)).Result);
        }

        // The id follows the policy (id: auto, RFC 8461 §3.1): the same for the two domains that share one, another for the third.
        var policies = MultiDomainConfig.Domains.Select(d => d.PolicyText).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                Assert.Equal(policies[i] == policies[j], ids[i] == ids[j]);
            }
        }
    }

    [Fact]
    public async Task The_files_of_the_mta_sts_tool_pass_the_one_shot_check_for_every_domain()
    {
        // `mta-sts generate` for static hosting of many domains: out/<domain>/.well-known/mta-sts.txt and out/<domain>.zone.
        var cli = await site.InstallCliAsync();
        var directory = Path.Combine(site.Root, "cli-multi");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "mta-sts.yaml"), MultiDomainConfig.Yaml);
        var generate = await Command.RunAsync(cli, ["generate", "--output", "out"], directory, timeout: TimeSpan.FromMinutes(1));
        output.WriteLine(generate.Output);
        Assert.True(generate.Succeeded, generate.Describe());

        foreach (var (domain, _, mode, mx, _, _) in MultiDomainConfig.Domains)
        {
            var zone = Path.Combine(directory, "out", domain + ".zone");
            var policy = Path.Combine(directory, "out", domain, ".well-known", "mta-sts.txt");
            var name = InteropNetwork.NewNamespaceName();
            CommandResult check;
            try
            {
                check = await Script.RunAsync(output, [
                    "check", "--ns", name, "--work", Path.Combine(site.NetworkRoot, name),
                    "--domain", domain, "--zone-snippet", zone, "--policy", policy]);
            }
            finally
            {
                await InteropNetwork.AssertGoneAsync(output, name);
            }

            Assert.True(check.Succeeded, check.Describe());
            var first = StsQueryResult.Parse(check.StandardOutput.Split('\n').First(line => line.StartsWith("(<STSFetchResult.", StringComparison.Ordinal)));
            Assert.Equal((StsQueryResult.Valid, ZoneSnippet.PolicyId(zone, domain), mode), (first.Result, first.Id, first.Policy!.Mode));
            Assert.Equal(mx, first.Policy.Mx);
        }
    }
}
