using System.Diagnostics;
using System.Globalization;
using MtaSts.Interop.Tests.Infrastructure;

namespace MtaSts.Interop.Tests;

/// <summary>
/// A test run killed before its <c>down</c> leaves a namespace with Knot and a server in it. <c>build/interop.sh
/// prune</c> (run by the fixture before every run) takes down exactly the namespaces the script marked for an owner
/// process that has exited, and nothing else: not a namespace whose owner still runs, not one it did not make.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "mta-sts-query")]
[Collection(InteropCollection.Name)]
public sealed class PruneTests(InteropSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task Prune_takes_down_the_namespaces_of_exited_owners_only()
    {
        var files = Path.Combine(site.Root, "prune-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(files);
        var zone = Path.Combine(files, "mta-sts.zone");
        var policy = Path.Combine(files, "mta-sts.txt");
        File.WriteAllText(zone, "_mta-sts.prune.example. 300 IN TXT \"v=STSv1; id=1;\"\n");
        File.WriteAllText(policy, "version: STSv1\r\nmode: testing\r\nmx: mail.prune.example\r\nmax_age: 86400\r\n");

        var orphaned = InteropNetwork.NewNamespaceName();
        var owned = InteropNetwork.NewNamespaceName();
        var foreign = "mtasts-ep-foreign-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            await UpAsync(orphaned, owner.Id, zone, policy);
            await UpAsync(owned, Environment.ProcessId, zone, policy);
            var add = await Command.RunAsync("ip", ["netns", "add", foreign], "/", timeout: TimeSpan.FromSeconds(30));
            Assert.True(add.Succeeded, add.Describe());

            // The run that owned the first namespace is killed: no down.
            owner.Kill();
            Assert.True(owner.WaitForExit(10_000), "sleep did not exit");

            var prune = await Script.RunAsync(output, ["prune"]);

            Assert.True(prune.Succeeded, prune.Describe());
            await InteropNetwork.AssertGoneAsync(output, orphaned);
            Assert.False(Directory.Exists(Path.Combine(site.NetworkRoot, orphaned)), "the orphaned work directory is still there");
            Assert.False(File.Exists(Path.Combine("/run/mtasts-interop", orphaned)), "the orphaned namespace's mark is still there");
            Assert.True(File.Exists(Path.Combine("/run/mtasts-interop", owned)), "the live owner's mark is gone");
            var list = (await Command.RunAsync("ip", ["netns", "list"], "/", timeout: TimeSpan.FromSeconds(30))).StandardOutput
                .Split('\n').Select(line => line.Split(' ')[0]).ToList();
            Assert.Contains(owned, list);
            Assert.Contains(foreign, list);
            Assert.True(File.Exists(Path.Combine(site.NetworkRoot, owned, "state")), "prune touched the work directory of a live owner");
        }
        finally
        {
            if (!owner.HasExited)
            {
                owner.Kill();
            }

            await Script.RunAsync(output, ["down", "--ns", orphaned, "--work", Path.Combine(site.NetworkRoot, orphaned)]);
            await Script.RunAsync(output, ["down", "--ns", owned, "--work", Path.Combine(site.NetworkRoot, owned)]);
            await Command.RunAsync("ip", ["netns", "del", foreign], "/", timeout: TimeSpan.FromSeconds(30));
        }

        await InteropNetwork.AssertGoneAsync(output, owned);
    }

    private async Task UpAsync(string name, int ownerPid, string zone, string policy)
    {
        var up = await Script.RunAsync(output, [
            "up", "--ns", name, "--work", Path.Combine(site.NetworkRoot, name), "--owner-pid", ownerPid.ToString(CultureInfo.InvariantCulture),
            "--domain", "prune.example", "--zone-snippet", zone, "--policy", policy]);
        Assert.True(up.Succeeded, up.Describe());
    }
}
