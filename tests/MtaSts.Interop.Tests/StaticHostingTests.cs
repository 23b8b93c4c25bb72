using MtaSts.Interop.Tests.Infrastructure;

namespace MtaSts.Interop.Tests;

/// <summary>
/// The one-shot check a user runs on their own build output (docs/deploying.md): the emitted policy file served as a
/// plain static file, the emitted zone snippet in Knot, mta-sts-query asked for the domain, everything removed after.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "mta-sts-query")]
[Collection(InteropCollection.Name)]
public sealed class StaticHostingTests(InteropSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task The_emitted_policy_file_on_a_static_host_passes_the_one_shot_check()
    {
        var testing = site.Testing;
        var name = InteropNetwork.NewNamespaceName();
        CommandResult check;
        try
        {
            // The domain as the user wrote it in mta-sts.yaml (a U-label): the script publishes its A-label.
            check = await Script.RunAsync(output, [
                "check", "--ns", name, "--work", Path.Combine(site.NetworkRoot, name),
                "--domain", Configs.UnicodeDomain, "--zone-snippet", testing.SnapshotZoneSnippet, "--policy", testing.SnapshotPolicy]);
        }
        finally
        {
            await InteropNetwork.AssertGoneAsync(output, name);
        }

        Assert.True(check.Succeeded, check.Describe());
        Assert.Contains("interop: check: PASS", check.Output.Split('\n'));
        var first = StsQueryResult.Parse(check.StandardOutput.Split('\n').First(line => line.StartsWith("(<STSFetchResult.", StringComparison.Ordinal)));
        Assert.Equal((StsQueryResult.Valid, testing.PolicyId, "testing"), (first.Result, first.Id, first.Policy!.Mode));
        Assert.Equal(Configs.Mx, first.Policy.Mx);
        Assert.Equal(Configs.OneWeek, first.Policy.MaxAge);
    }

    [Fact]
    public async Task The_files_of_the_mta_sts_tool_pass_the_one_shot_check()
    {
        // `mta-sts generate` for static hosting (no build): ./out/.well-known/mta-sts.txt and ./out/<domain>.zone.
        var cli = await site.InstallCliAsync();
        var directory = Path.Combine(site.Root, "cli");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "mta-sts.yaml"), Configs.Enforce);
        var generate = await Command.RunAsync(cli, ["generate", "--output", "out"], directory);
        output.WriteLine(generate.Output);
        Assert.True(generate.Succeeded, generate.Describe());
        var zone = Path.Combine(directory, "out", Configs.Domain + ".zone");
        var id = ZoneSnippet.PolicyId(zone, Configs.Domain);

        var name = InteropNetwork.NewNamespaceName();
        CommandResult check;
        try
        {
            check = await Script.RunAsync(output, [
                "check", "--ns", name, "--work", Path.Combine(site.NetworkRoot, name),
                "--domain", Configs.Domain, "--zone-snippet", zone, "--policy", Path.Combine(directory, "out", ".well-known", "mta-sts.txt")]);
        }
        finally
        {
            await InteropNetwork.AssertGoneAsync(output, name);
        }

        Assert.True(check.Succeeded, check.Describe());
        var first = StsQueryResult.Parse(check.StandardOutput.Split('\n').First(line => line.StartsWith("(<STSFetchResult.", StringComparison.Ordinal)));
        Assert.Equal((StsQueryResult.Valid, id, "enforce", (long?)Configs.OneWeek), (first.Result, first.Id, first.Policy!.Mode, first.Policy.MaxAge));
        Assert.Equal(Configs.Mx, first.Policy.Mx);
    }

    [Fact]
    public async Task The_check_fails_when_the_client_rejects_the_served_policy()
    {
        // "enforcing" is no mode (RFC 8461 §3.2): the client must refuse the policy, and the check must say FAIL.
        var name = InteropNetwork.NewNamespaceName();
        var policy = Path.Combine(site.Root, "stages", "bad-mode.txt");
        File.WriteAllText(policy, File.ReadAllText(site.Testing.SnapshotPolicy).Replace("mode: testing", "mode: enforcing", StringComparison.Ordinal));
        CommandResult check;
        try
        {
            check = await Script.RunAsync(output, [
                "check", "--ns", name, "--work", Path.Combine(site.NetworkRoot, name),
                "--domain", Configs.Domain, "--zone-snippet", site.Testing.SnapshotZoneSnippet, "--policy", policy]);
        }
        finally
        {
            await InteropNetwork.AssertGoneAsync(output, name);
        }

        Assert.False(check.Succeeded, check.Describe());
        Assert.Contains("(<STSFetchResult.FETCH_ERROR: 2>, None)", check.StandardOutput.Split('\n'));
        Assert.Contains("interop: check: FAIL", check.Output.Split('\n'));
    }
}
