using MtaSts.Dns;

namespace MtaSts.Build.Tests;

/// <summary>
/// A multi-targeted project builds its frameworks in parallel MSBuild nodes, so this runs <c>dotnet build -m:2</c> out
/// of process. Both inner builds write the same shared policy file; they must not fail on it and must agree on the id.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class MultiTargetingTests
{
    [Fact]
    public async Task Parallel_inner_builds_share_one_policy_file_and_agree_on_a_timestamp_id()
    {
        using var project = TestProject.Library(
            TestFiles.Valid + "\nid: timestamp\n",
            @"<MtaStsPolicyFile>shared\mta-sts.txt</MtaStsPolicyFile>",
            targetFrameworks: "net10.0;netstandard2.0");

        var build = await DotNetBuildAsync(project);

        Assert.True(build.Succeeded, build.Describe());
        Assert.Equal(TestFiles.Deploy(TestFiles.Valid).Policy.ToBytes(), File.ReadAllBytes(project.File("shared/mta-sts.txt")));
        Assert.Equal(["mta-sts.txt"], Directory.GetFiles(project.File("shared")).Select(Path.GetFileName));
        var ids = new[] { "net10.0", "netstandard2.0" }
            .Select(tfm => ZoneSnippetWriter.ReadPolicyId(File.ReadAllText(project.File($"bin/Debug/{tfm}/mta-sts.zone"))))
            .ToList();
        Assert.NotNull(ids[0]);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task The_csharp_7_3_framework_gets_code_without_nullable_annotations()
    {
        using var project = TestProject.Library(targetFrameworks: "net10.0;netstandard2.0");

        var build = await DotNetBuildAsync(project);

        Assert.True(build.Succeeded, build.Describe());
        Assert.Contains("#nullable enable", File.ReadAllText(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
        Assert.DoesNotContain("#nullable", File.ReadAllText(project.File("obj/Debug/netstandard2.0/MtaSts.g.cs")));
    }

    /// <summary>A plain <c>dotnet build -m:2</c> of the SDK the tests run on (not this process's MSBuild registration),
    /// killed after five minutes.</summary>
    private static Task<CommandResult> DotNetBuildAsync(TestProject project) =>
        Command.RunAsync(
            MSBuildSetup.DotNetHost,
            ["build", project.ProjectFile, "-m:2", "-nodeReuse:false", "-v:m", "-p:NuGetAudit=false"],
            project.Directory,
            timeout: TimeSpan.FromMinutes(5));
}
