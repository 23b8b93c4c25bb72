using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>A second `dotnet build` with nothing changed runs no generation and touches no file.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NoOpBuildTests(NoOpBuildTests.Site site) : IClassFixture<NoOpBuildTests.Site>
{
    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public FileSnapshot PolicyFile { get; private set; } = null!;

        public FileSnapshot ZoneFile { get; private set; } = null!;

        public FileSnapshot GeneratedCode { get; private set; } = null!;

        public CommandResult SecondBuild { get; private set; } = null!;

        public IReadOnlyDictionary<string, DateTime> AllFilesBefore { get; private set; } = null!;

        public IReadOnlyDictionary<string, DateTime> AllFilesAfter { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.NoOp", Policies.Testing);
            var first = await Project.BuildAsync();
            Assert.True(first.Succeeded, first.Describe());
            PolicyFile = FileSnapshot.Of(Project.PolicyFile);
            ZoneFile = FileSnapshot.Of(Project.ZoneFile());
            GeneratedCode = FileSnapshot.Of(Assert.Single(Project.GeneratedSources()));
            AllFilesBefore = WriteTimes(Project.Directory);
            // Detailed verbosity names every target MSBuild skipped and every task it ran.
            SecondBuild = await Project.BuildAsync("-v:d");
            AllFilesAfter = WriteTimes(Project.Directory);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        private static Dictionary<string, DateTime> WriteTimes(string directory) =>
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(file => file, File.GetLastWriteTimeUtc);
    }

    [Fact]
    public void The_second_build_succeeds_without_any_warning()
    {
        Assert.True(site.SecondBuild.Succeeded, site.SecondBuild.Describe());
        Assert.Equal(0, BuildLog.WarningCount(site.SecondBuild));
    }

    [Fact]
    public void The_generation_target_is_skipped_as_up_to_date()
    {
        Assert.True(BuildLog.SkippedAsUpToDate(site.SecondBuild, "MtaStsGenerate"), site.SecondBuild.Describe());
    }

    [Fact]
    public void The_generation_task_does_not_run()
    {
        Assert.False(BuildLog.TaskRan(site.SecondBuild, "GenerateMtaStsFiles"), site.SecondBuild.Describe());
    }

    [Fact]
    public void The_compiler_does_not_run_either()
    {
        Assert.True(BuildLog.SkippedAsUpToDate(site.SecondBuild, "CoreCompile"), site.SecondBuild.Describe());
    }

    [Fact]
    public void No_file_of_the_project_is_written_at_all()
    {
        // A plain web project's no-op build writes nothing either (checked by hand), so any write here is the package's.
        var written = site.AllFilesAfter.Where(file => !site.AllFilesBefore.TryGetValue(file.Key, out var before) || before != file.Value);
        Assert.Empty(written.Select(file => file.Key));
    }

    [Fact]
    public void The_policy_file_is_not_rewritten() => site.PolicyFile.AssertUnchanged();

    [Fact]
    public void The_zone_snippet_is_not_rewritten() => site.ZoneFile.AssertUnchanged();

    [Fact]
    public void The_generated_code_is_not_rewritten() => site.GeneratedCode.AssertUnchanged();
}
