using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The other everyday commands: `dotnet build -t:Rebuild`, `dotnet clean` then `dotnet build`, and
/// `dotnet publish --no-build` after a build (a stale Content item would break Rebuild; see docs/msbuild.md).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RebuildAndCleanTests(RebuildAndCleanTests.Site site) : IClassFixture<RebuildAndCleanTests.Site>
{
    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public CommandResult Rebuild { get; private set; } = null!;

        public CommandResult Clean { get; private set; } = null!;

        public bool ZoneFileAfterClean { get; private set; }

        public bool GeneratedCodeAfterClean { get; private set; }

        public bool PolicyFileAfterClean { get; private set; }

        public CommandResult BuildAfterClean { get; private set; } = null!;

        public CommandResult PublishWithoutBuild { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.Rebuild", Policies.Testing);
            var build = await Project.BuildAsync("-c", "Release");
            Assert.True(build.Succeeded, build.Describe());

            Rebuild = await Project.BuildAsync("-c", "Release", "-t:Rebuild");

            Clean = await Project.DotNetAsync("clean", ["-c", "Release"]);
            ZoneFileAfterClean = File.Exists(Project.ZoneFile(configuration: "Release"));
            GeneratedCodeAfterClean = Project.GeneratedSources(configuration: "Release").Count > 0;
            PolicyFileAfterClean = File.Exists(Project.PolicyFile);

            BuildAfterClean = await Project.BuildAsync("-c", "Release");
            PublishWithoutBuild = await Project.PublishAsync("-c", "Release", "--no-build");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void Rebuild_succeeds_without_any_warning()
    {
        Assert.True(site.Rebuild.Succeeded, site.Rebuild.Describe());
        Assert.True(BuildLog.WarningCount(site.Rebuild) == 0, site.Rebuild.Describe());
    }

    [Fact]
    public void Clean_removes_the_zone_snippet_and_the_generated_code()
    {
        Assert.True(site.Clean.Succeeded, site.Clean.Describe());
        Assert.False(site.ZoneFileAfterClean);
        Assert.False(site.GeneratedCodeAfterClean);
    }

    [Fact]
    public void Clean_keeps_the_policy_file_because_it_lives_in_the_source_tree()
    {
        Assert.True(site.PolicyFileAfterClean);
    }

    [Fact]
    public void A_build_after_clean_restores_every_output()
    {
        Assert.True(site.BuildAfterClean.Succeeded, site.BuildAfterClean.Describe());
        Assert.True(File.Exists(site.Project.ZoneFile(configuration: "Release")));
        Assert.Single(site.Project.GeneratedSources(configuration: "Release"));
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(site.Project.PolicyFile));
    }

    [Fact]
    public void Publish_without_build_ships_the_policy_file_once()
    {
        Assert.True(site.PublishWithoutBuild.Succeeded, site.PublishWithoutBuild.Describe());
        Assert.True(BuildLog.WarningCount(site.PublishWithoutBuild) == 0, site.PublishWithoutBuild.Describe());
        var published = Directory.EnumerateFiles(site.Project.PublishDirectory, "mta-sts.txt", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(site.Project.PublishDirectory, "wwwroot", ".well-known", "mta-sts.txt")], published);
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(published.Single()));
    }
}
