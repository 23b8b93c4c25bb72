using System.Globalization;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// What a real `dotnet build` of a site does when its surroundings misbehave: two builds of the same project at once,
/// outputs that cannot be written (as root, which ignores permission bits: an immutable file or folder, `chattr +i`,
/// or a folder where the policy file should be), the configuration gone, a build killed part way, a path with spaces and non-ASCII letters. Always: a clear
/// error with a code, and the outputs of the last good build whole and untouched.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DamageTests(DamageTests.Site site) : IClassFixture<DamageTests.Site>
{
    private static readonly byte[] EnforceBytes = Policies.Bytes(Policies.EnforcePolicyText);
    private static readonly byte[] TestingBytes = Policies.Bytes(Policies.TestingPolicyText);

    public sealed record Damage(CommandResult Build, IReadOnlyList<string> Changed, string[] WellKnown);

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public CommandResult[] ConcurrentBuilds { get; private set; } = [];

        public byte[] PolicyAfterConcurrentBuilds { get; private set; } = [];

        public Dictionary<string, Damage> Damages { get; } = [];

        /// <summary>The policy file after each build killed part way: the last good one or the new one, whole.</summary>
        public List<(double Seconds, byte[] Policy, string[] WellKnown)> Killed { get; } = [];

        public CommandResult BuildAfterKills { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.Damage", Policies.Testing);
            var first = await Project.BuildAsync();
            Assert.True(first.Succeeded, first.Describe());

            // Two builds of one project at once, both changing the policy.
            Project.WriteConfig(Policies.Enforce);
            ConcurrentBuilds = await Task.WhenAll(Project.BuildAsync(), Project.BuildAsync());
            PolicyAfterConcurrentBuilds = File.ReadAllBytes(Project.PolicyFile);

            // From here every build would change the policy back to testing, and must not be able to.
            Project.WriteConfig(Policies.Testing);
            await Damaged("immutable policy file", () => Chattr("+i", Project.PolicyFile), () => Chattr("-i", Project.PolicyFile));
            await Damaged("immutable .well-known", () => Chattr("+i", Project.WellKnownDirectory), () => Chattr("-i", Project.WellKnownDirectory));
            var good = File.ReadAllBytes(Project.PolicyFile);
            await Damaged(
                "policy file is a directory",
                () =>
                {
                    File.Delete(Project.PolicyFile);
                    Directory.CreateDirectory(Project.PolicyFile);
                    return Task.CompletedTask;
                },
                () =>
                {
                    Directory.Delete(Project.PolicyFile);
                    File.WriteAllBytes(Project.PolicyFile, good);
                    return Task.CompletedTask;
                },
                exceptPolicy: true);
            await Damaged(
                "config deleted",
                () =>
                {
                    File.Delete(Project.ConfigFile);
                    return Task.CompletedTask;
                },
                () =>
                {
                    Project.WriteConfig(Policies.Testing);
                    return Task.CompletedTask;
                });

            // Killed part way, at several points of a build that changes the policy from enforce to testing.
            foreach (var seconds in new[] { 2.0, 4.0, 6.0, 8.0, 10.0 })
            {
                await Command.RunAsync(
                    "dotnet", ["build", "--no-restore", "-nodeReuse:false", "-tl:off", "-nologo"],
                    Project.Directory, package.DotNetEnvironment, TimeSpan.FromSeconds(seconds));
                Killed.Add((seconds, File.ReadAllBytes(Project.PolicyFile), WellKnownEntries()));
            }

            BuildAfterKills = await Project.BuildAsync();

            // A project and a config whose paths hold spaces and non-ASCII letters.
            Unusual = await WebProject.CreateAsync(package, "Contoso Sité Ünïcode", Policies.Testing);
            var config = Path.Combine(Unusual.Directory, "mta-sts config é", "mta sts ü.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            File.Move(Unusual.ConfigFile, config);
            File.WriteAllText(Unusual.ProjectFile, File.ReadAllText(Unusual.ProjectFile).Replace(
                "</PropertyGroup>", "  <MtaStsConfigFile>mta-sts config é/mta sts ü.yaml</MtaStsConfigFile>\n  </PropertyGroup>", StringComparison.Ordinal));
            UnusualBuild = await Unusual.BuildAsync();
            UnusualPolicy = File.Exists(Unusual.PolicyFile) ? File.ReadAllBytes(Unusual.PolicyFile) : [];
            UnusualConfig = config;
            File.WriteAllText(config, Policies.Testing.Replace("mode: testing", "mode: Testing", StringComparison.Ordinal));
            UnusualInvalidBuild = await Unusual.BuildAsync();
        }

        public WebProject Unusual { get; private set; } = null!;

        public string UnusualConfig { get; private set; } = "";

        public CommandResult UnusualBuild { get; private set; } = null!;

        public byte[] UnusualPolicy { get; private set; } = [];

        public CommandResult UnusualInvalidBuild { get; private set; } = null!;

        public Task DisposeAsync() => Task.CompletedTask;

        private async Task Damaged(string name, Func<Task> damage, Func<Task> repair, bool exceptPolicy = false)
        {
            var outputs = new[] { Project.PolicyFile, Project.ZoneFile(), Assert.Single(Project.GeneratedSources()) }
                .Where(path => !exceptPolicy || path != Project.PolicyFile)
                .Select(FileSnapshot.Of)
                .ToList();
            await damage();
            try
            {
                var build = await Project.BuildAsync();
                Damages[name] = new Damage(build, outputs.Select(o => o.Difference()).OfType<string>().ToList(), WellKnownEntries());
            }
            finally
            {
                await repair();
            }
        }

        private string[] WellKnownEntries() =>
            Directory.GetFileSystemEntries(Project.WellKnownDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        private static async Task Chattr(string flag, string path)
        {
            var chattr = await Command.RunAsync("chattr", [flag, path], Path.GetTempPath(), timeout: TimeSpan.FromSeconds(30));
            Assert.True(chattr.Succeeded, chattr.Describe());
        }
    }

    [Fact]
    public void Two_builds_of_one_project_at_once_leave_the_whole_new_policy_and_no_error_of_ours()
    {
        // Both builds change the policy. The SDK's own DefineStaticWebAssets may fail one of them on its obj/ cache
        // ("The process cannot access the file …rpswa.dswa.cache.json"), see docs/reliability.md; the package must
        // neither fail nor leave a torn file.
        Assert.Contains(site.ConcurrentBuilds, build => build.Succeeded);
        Assert.All(site.ConcurrentBuilds, build =>
        {
            Assert.DoesNotContain("error MTASTS", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("\"GenerateMtaStsFiles\" task failed", build.Output, StringComparison.Ordinal);
        });
        Assert.Equal(EnforceBytes, site.PolicyAfterConcurrentBuilds);
    }

    [Theory]
    [InlineData("immutable policy file")]
    [InlineData("immutable .well-known")]
    [InlineData("policy file is a directory")]
    public void An_unwritable_policy_file_fails_the_build_with_a_code_and_touches_nothing_else(string damage)
    {
        var (build, changed, wellKnown) = site.Damages[damage];
        Assert.False(build.Succeeded, build.Describe());
        var error = Assert.Single(build.Lines.Where(l => l.Contains("error MTASTS", StringComparison.Ordinal)).Distinct());
        Assert.Contains("error MTASTS4001:", error, StringComparison.Ordinal);
        Assert.Contains(site.Project.PolicyFile, error, StringComparison.Ordinal);
        Assert.True(changed.Count == 0, string.Join("\n", changed));
        Assert.Equal(["mta-sts.txt"], wellKnown);
        Assert.DoesNotContain("MTASTS9999", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_config_is_reported_with_its_code_and_the_last_outputs_stay()
    {
        // No config means the package generates nothing (MTASTS1006, a warning, so that adding the package never breaks
        // a build); this site then fails to compile its AddMtaSts() call. The published files are not removed.
        var (build, changed, wellKnown) = site.Damages["config deleted"];
        Assert.False(build.Succeeded, build.Describe());
        Assert.True(
            build.Lines.Any(l => l.Contains("warning MTASTS1006:", StringComparison.Ordinal) && l.Contains(site.Project.ConfigFile, StringComparison.Ordinal)),
            build.Describe());
        Assert.True(changed.Count == 0, string.Join("\n", changed));
        Assert.Equal(["mta-sts.txt"], wellKnown);
    }

    [Fact]
    public void A_build_killed_part_way_leaves_a_whole_policy_file_and_no_temporary_files()
    {
        Assert.All(site.Killed, killed =>
        {
            Assert.True(killed.Policy.AsSpan().SequenceEqual(EnforceBytes) || killed.Policy.AsSpan().SequenceEqual(TestingBytes),
                $"killed after {killed.Seconds.ToString(CultureInfo.InvariantCulture)} s: {System.Text.Encoding.ASCII.GetString(killed.Policy)}");
            Assert.Equal(["mta-sts.txt"], killed.WellKnown);
        });
        Assert.True(site.BuildAfterKills.Succeeded, site.BuildAfterKills.Describe());
        Assert.Equal(TestingBytes, File.ReadAllBytes(site.Project.PolicyFile));
    }

    [Fact]
    public void A_path_with_spaces_and_non_ascii_letters_builds_and_errors_name_it()
    {
        Assert.True(site.UnusualBuild.Succeeded, site.UnusualBuild.Describe());
        Assert.Equal(TestingBytes, site.UnusualPolicy);
        Assert.False(site.UnusualInvalidBuild.Succeeded, site.UnusualInvalidBuild.Describe());
        var error = Assert.Single(BuildLog.Errors(site.UnusualInvalidBuild));
        Assert.Equal((site.UnusualConfig, 3, 7, "MTASTS3003"), (error.File, error.Line, error.Column, error.Code));
    }
}
