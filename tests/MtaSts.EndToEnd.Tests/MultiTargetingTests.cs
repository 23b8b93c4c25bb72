using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// A site with two target frameworks builds both inner builds in parallel; both write the same wwwroot policy file.
/// Built twice, the second time after an edit, so both inner builds really do write at the same moment.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MultiTargetingTests(MultiTargetingTests.Site site) : IClassFixture<MultiTargetingTests.Site>
{
    // net9.0 is the oldest framework with MapStaticAssets; its targeting packs restore from nuget.org.
    private static readonly string[] Frameworks = ["net9.0", "net10.0"];

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public CommandResult FirstBuild { get; private set; } = null!;

        public CommandResult BuildAfterEdit { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.MultiTarget", Policies.Testing, targetFrameworks: string.Join(';', Frameworks));
            FirstBuild = await Project.BuildAsync("-m:2");
            Project.WriteConfig(Policies.Enforce);
            BuildAfterEdit = await Project.BuildAsync("-m:2");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void Both_parallel_builds_succeed_without_any_warning()
    {
        Assert.True(site.FirstBuild.Succeeded, site.FirstBuild.Describe());
        Assert.True(BuildLog.WarningCount(site.FirstBuild) == 0, site.FirstBuild.Describe());
        Assert.True(site.BuildAfterEdit.Succeeded, site.BuildAfterEdit.Describe());
        Assert.True(BuildLog.WarningCount(site.BuildAfterEdit) == 0, site.BuildAfterEdit.Describe());
    }

    [Fact]
    public void There_is_one_policy_file_with_the_latest_policy()
    {
        Assert.Equal(["mta-sts.txt"], Directory.GetFileSystemEntries(site.Project.WellKnownDirectory).Select(Path.GetFileName));
        Assert.Equal(Policies.Bytes(Policies.EnforcePolicyText), File.ReadAllBytes(site.Project.PolicyFile));
    }

    [Fact]
    public void Every_framework_gets_the_zone_snippet_with_the_latest_id()
    {
        Assert.All(Frameworks, framework =>
            Assert.Contains($"\"{Policies.StsRecord(Policies.EnforcePolicyText)}\"", File.ReadAllText(site.Project.ZoneFile(framework))));
    }

    [Fact]
    public void Every_framework_s_static_assets_manifest_describes_the_final_file()
    {
        var bytes = Policies.Bytes(Policies.EnforcePolicyText);
        Assert.All(Frameworks, framework =>
        {
            var manifest = Path.Combine(site.Project.OutputDirectory(framework), "Contoso.MultiTarget.staticwebassets.endpoints.json");
            var endpoint = StaticAssetEndpoints.Identity(manifest, ".well-known/mta-sts.txt");
            Assert.Equal((bytes.Length, StaticAssetEndpoints.ETagOf(bytes)), (endpoint.ContentLength ?? -1, endpoint.ETag));
        });
    }

    [Fact]
    public void Every_framework_compiles_the_generated_code()
    {
        Assert.All(Frameworks, framework =>
            Assert.Contains($"\"{Policies.AutoId(Policies.EnforcePolicyText)}\"", File.ReadAllText(Assert.Single(site.Project.GeneratedSources(framework)))));
    }
}
