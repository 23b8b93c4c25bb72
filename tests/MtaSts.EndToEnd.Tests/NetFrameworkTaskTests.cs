using System.IO.Compression;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The package's .NET Framework task (tasks/net472/, what Visual Studio's MSBuild loads) executed for real under Mono,
/// which implements the .NET Framework 4.7.2 API: tests/MtaSts.NetFrameworkHarness loads it from the extracted
/// .nupkg exactly as shipped, runs it with a recording build engine on a valid and an invalid mta-sts.yaml and
/// prints what happened. Both ways of loading are run: LoadFrom (how .NET Framework MSBuild loads a task) and
/// LoadFile (no probing beside the task, so MtaSts.dll arrives only through the task's AssemblyResolve fallback).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NetFrameworkTaskTests(NetFrameworkTaskTests.Harness harness) : IClassFixture<NetFrameworkTaskTests.Harness>
{
    private const string Invalid = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: Enforce
        mx:
          - mx1.contoso.example
          - "mail.*.contoso.example"
        max_age: 1w

        """;

    public static TheoryData<string> Loads => new() { "LoadFrom", "LoadFile" };

    [Theory]
    [MemberData(nameof(Loads))]
    public void A_valid_config_writes_the_policy_the_zone_snippet_and_the_code(string load)
    {
        var run = harness.Runs[load];
        var valid = run.Case("valid");
        Assert.Equal("True", valid.Single("result")[0]);
        Assert.Empty(valid.All("error"));
        Assert.Empty(valid.All("warning"));
        Assert.Equal(Policies.AutoId(Policies.TestingPolicyText), valid.Single("output")[1]);

        var directory = Path.Combine(run.Directory, "valid", "out");
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(Path.Combine(directory, "wwwroot", ".well-known", "mta-sts.txt")));
        var zone = File.ReadAllText(Path.Combine(directory, "mta-sts.zone"));
        Assert.Contains($"\"{Policies.StsRecord(Policies.TestingPolicyText)}\"", zone, StringComparison.Ordinal);
        Assert.Contains($"\"{Policies.TlsRptRecord}\"", zone, StringComparison.Ordinal);
        var code = File.ReadAllText(Path.Combine(directory, "MtaSts.g.cs"));
        Assert.Contains("namespace Harness", code, StringComparison.Ordinal);
        Assert.Contains("internal static class MtaStsPolicy", code, StringComparison.Ordinal);
        Assert.Contains(valid.All("message"), m => m[0] == "High" && m[1].StartsWith("MtaSts: policy for contoso.example (mode testing", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Loads))]
    public void An_invalid_config_logs_every_error_with_code_and_position_and_writes_nothing(string load)
    {
        var run = harness.Runs[load];
        var invalid = run.Case("invalid");
        Assert.Equal("False", invalid.Single("result")[0]);
        Assert.Equal("", invalid.Single("output")[1]);
        var config = Path.Combine(run.Directory, "invalid", "mta-sts.yaml");
        // code, file, line, column, end line, end column
        Assert.Equal(
            [
                ["MTASTS3003", config, "3", "7", "3", "14"],
                ["MTASTS3006", config, "6", "5", "6", "29"],
            ],
            invalid.All("error").Select(e => e.Take(6).ToArray()).ToArray());
        Assert.All(invalid.All("error"), e => Assert.Contains("RFC 8461", e[6], StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(run.Directory, "invalid", "out")));
    }

    [Theory]
    [MemberData(nameof(Loads))]
    public void The_core_and_YamlDotNet_come_from_beside_the_task_and_MSBuild_from_the_host(string load)
    {
        var run = harness.Runs[load];
        var loaded = run.Records.Where(r => r.Kind == "assembly").ToDictionary(r => r.Fields[0], r => r.Fields[1]);
        foreach (var shipped in new[] { "MtaSts.Build.Tasks", "MtaSts", "YamlDotNet" })
        {
            Assert.Equal(Path.Combine(harness.TasksDirectory, shipped + ".dll"), loaded[shipped]);
        }

        // MSBuild's assemblies are the host's (here the harness plays MSBuild), never a copy in the package.
        Assert.Equal(Path.Combine(harness.HarnessDirectory, "Microsoft.Build.Framework.dll"), loaded["Microsoft.Build.Framework"]);
        Assert.Equal(Path.Combine(harness.HarnessDirectory, "Microsoft.Build.Utilities.Core.dll"), loaded["Microsoft.Build.Utilities.Core"]);
        Assert.Equal(["MtaSts.Build.Tasks.dll", "MtaSts.dll", "YamlDotNet.dll"], Directory.GetFiles(harness.TasksDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_probing_beside_the_task_the_fallback_resolves_the_core_for_the_task()
    {
        var resolves = harness.Runs["LoadFile"].Records.Where(r => r.Kind == "resolve").Select(r => r.Fields).ToList();
        Assert.Contains(resolves, r => r[0].StartsWith("MtaSts, ", StringComparison.Ordinal) && r[1] == "MtaSts.Build.Tasks");
        Assert.DoesNotContain(harness.Runs["LoadFrom"].Records, r => r.Kind == "resolve" && r.Fields[0].StartsWith("MtaSts", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Loads))]
    public void A_bind_without_a_requesting_assembly_is_left_to_whoever_asked(string load)
    {
        // Assembly.Load("YamlDotNet, Version=1.0.0.0, …") from the host: not the task's bind, so not the task's answer.
        var bind = Assert.Single(harness.Runs[load].Records, r => r.Kind == "bind");
        Assert.StartsWith("YamlDotNet, Version=1.0.0.0,", bind.Fields[0], StringComparison.Ordinal);
        Assert.Equal("declined", bind.Fields[1]);
    }

    public sealed record Record(string Kind, string[] Fields);

    /// <summary>What one harness run printed, and the directory its cases were in.</summary>
    public sealed record Run(string Directory, IReadOnlyList<Record> Records, string Output)
    {
        public Case Case(string name)
        {
            var start = Records.ToList().FindIndex(r => r.Kind == "case" && r.Fields[0] == name);
            Assert.True(start >= 0, $"No case {name} in:\n{Output}");
            return new Case(Records.Skip(start + 1).TakeWhile(r => r.Kind != "case" && r.Kind != "bind" && r.Kind != "assembly").ToList(), Output);
        }
    }

    public sealed record Case(IReadOnlyList<Record> Records, string Output)
    {
        public IReadOnlyList<string[]> All(string kind) => Records.Where(r => r.Kind == kind).Select(r => r.Fields).ToList();

        public string[] Single(string kind)
        {
            var matches = All(kind);
            Assert.True(matches.Count == 1, $"Expected one '{kind}' record in:\n{Output}");
            return matches[0];
        }
    }

    /// <summary>Extracts the package, builds the harness and runs it under mono once per way of loading.</summary>
    public sealed class Harness(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public string TasksDirectory { get; private set; } = "";

        public string HarnessDirectory { get; private set; } = "";

        public Dictionary<string, Run> Runs { get; } = [];

        public async Task InitializeAsync()
        {
            var root = package.NewProjectDirectory("NetFramework");
            var extracted = Path.Combine(root, "package");
            ZipFile.ExtractToDirectory(Path.Combine(package.Feed, $"{PackagedMtaStsBuild.PackageId}.{package.Version}.nupkg"), extracted);
            TasksDirectory = Path.Combine(extracted, "tasks", "net472");

            HarnessDirectory = Path.Combine(root, "harness");
            var harnessProject = Path.Combine(RepositoryRoot.Path, "tests", "MtaSts.NetFrameworkHarness", "MtaSts.NetFrameworkHarness.csproj");
            var build = await Command.RunAsync(
                "dotnet", ["build", harnessProject, "-o", HarnessDirectory, "-nodeReuse:false", "-tl:off", "-nologo", "-v:minimal"],
                RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(5));
            Assert.True(build.Succeeded, build.Describe());

            foreach (var load in new[] { "LoadFrom", "LoadFile" })
            {
                var directory = Path.Combine(root, load);
                Directory.CreateDirectory(Path.Combine(directory, "valid"));
                Directory.CreateDirectory(Path.Combine(directory, "invalid"));
                File.WriteAllText(Path.Combine(directory, "valid", "mta-sts.yaml"), Policies.Testing);
                File.WriteAllText(Path.Combine(directory, "invalid", "mta-sts.yaml"), Invalid);
                var run = await Command.RunAsync(
                    "mono",
                    [Path.Combine(HarnessDirectory, "MtaSts.NetFrameworkHarness.exe"), TasksDirectory, load, Path.Combine(directory, "valid"), Path.Combine(directory, "invalid")],
                    directory, timeout: TimeSpan.FromMinutes(2));
                Assert.True(run.Succeeded, run.Describe());
                var records = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Split('\t'))
                    .Select(fields => new Record(fields[0], fields.Skip(1).Select(Unescape).ToArray()))
                    .ToList();
                Runs[load] = new Run(directory, records, run.Output);
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;

        /// <summary>Undoes the harness's escaping of backslash, tab, CR and LF inside a field.</summary>
        private static string Unescape(string field)
        {
            var text = new System.Text.StringBuilder(field.Length);
            for (var i = 0; i < field.Length; i++)
            {
                if (field[i] == '\\' && i + 1 < field.Length)
                {
                    i++;
                    text.Append(field[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
                }
                else
                {
                    text.Append(field[i]);
                }
            }

            return text.ToString();
        }
    }
}
