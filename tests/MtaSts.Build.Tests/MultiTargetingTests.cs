using System.Diagnostics;
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
    public void Parallel_inner_builds_share_one_policy_file_and_agree_on_a_timestamp_id()
    {
        using var project = TestProject.Library(
            TestFiles.Valid + "\nid: timestamp\n",
            @"<MtaStsPolicyFile>shared\mta-sts.txt</MtaStsPolicyFile>",
            targetFrameworks: "net10.0;netstandard2.0");

        var (exitCode, output) = DotNet(project.Directory, "build", project.ProjectFile, "-m:2", "-nodeReuse:false", "-v:m", "-p:NuGetAudit=false");

        Assert.True(exitCode == 0, output);
        Assert.Equal(TestFiles.Deploy(TestFiles.Valid).Policy.ToBytes(), File.ReadAllBytes(project.File("shared/mta-sts.txt")));
        Assert.Equal(["mta-sts.txt"], Directory.GetFiles(project.File("shared")).Select(Path.GetFileName));
        var ids = new[] { "net10.0", "netstandard2.0" }
            .Select(tfm => ZoneSnippetWriter.ReadPolicyId(File.ReadAllText(project.File($"bin/Debug/{tfm}/mta-sts.zone"))))
            .ToList();
        Assert.NotNull(ids[0]);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public void The_csharp_7_3_framework_gets_code_without_nullable_annotations()
    {
        using var project = TestProject.Library(targetFrameworks: "net10.0;netstandard2.0");

        var (exitCode, output) = DotNet(project.Directory, "build", project.ProjectFile, "-m:2", "-nodeReuse:false", "-v:m", "-p:NuGetAudit=false");

        Assert.True(exitCode == 0, output);
        Assert.Contains("#nullable enable", File.ReadAllText(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
        Assert.DoesNotContain("#nullable", File.ReadAllText(project.File("obj/Debug/netstandard2.0/MtaSts.g.cs")));
    }

    private static (int ExitCode, string Output) DotNet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(MSBuildSetup.DotNetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child is a plain dotnet build: not this process's MSBuild registration.
        foreach (var name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
