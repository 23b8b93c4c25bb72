using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Build.Tests;

/// <summary>The task with the multi-domain form, on a recording build engine: what it writes, logs and deletes.</summary>
public sealed class MultiDomainTaskTests : IDisposable
{
    private const string Shared = """
        defaults:
          mode: enforce
          mx: ["*.mail.protection.outlook.com"]
        domains:
          contoso.com: {}
          münchen-contoso.de: {}
        """;

    private readonly TempDirectory project = new();
    private readonly RecordingBuildEngine engine = new();

    public void Dispose() => project.Dispose();

    private string PolicyFile => project.File("wwwroot/.well-known/mta-sts.txt");

    private GenerateMtaStsFiles Task(bool writePolicyAndZone = true) => new()
    {
        BuildEngine = engine,
        ConfigFile = project.File("mta-sts.yaml"),
        PolicyFile = "wwwroot/.well-known/mta-sts.txt",
        ZoneFile = "bin/mta-sts.zone",
        ZoneDirectory = "bin/mta-sts/",
        OutputListFile = "obj/MtaSts.outputs",
        CodeFile = "obj/MtaSts.g.cs",
        ProjectDirectory = project.Path,
        Namespace = "Site",
        GenerateEndpoint = true,
        WritePolicyAndZone = writePolicyAndZone,
    };

    [Fact]
    public void Every_domain_gets_its_zone_snippet_the_shared_policy_is_written_and_the_code_is_multi_domain()
    {
        project.Write("mta-sts.yaml", Shared);

        Assert.True(Task().Execute(), engine.ToString());

        var deployments = ConfigValidator.Validate(Shared, "mta-sts.yaml").Deployments;
        Assert.Equal(deployments[0].Policy.ToBytes(), File.ReadAllBytes(PolicyFile));
        Assert.Equal(ZoneSnippetWriter.Write(deployments[1], "mta-sts.yaml"), File.ReadAllText(project.File("bin/mta-sts/xn--mnchen-contoso-gsb.de.zone")));
        Assert.True(File.Exists(project.File("bin/mta-sts/contoso.com.zone")));
        Assert.False(File.Exists(project.File("bin/mta-sts.zone")));
        Assert.Contains("public static readonly global::System.Collections.Generic.IReadOnlyList<DomainPolicy> Domains", File.ReadAllText(project.File("obj/MtaSts.g.cs")));
        Assert.Empty(engine.Warnings);
        Assert.StartsWith("MtaSts: policies for 2 domains (enforce: contoso.com, münchen-contoso.de) -> ", Assert.Single(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.High).Message);

        // At normal verbosity: where the time went (with many domains, mostly the file system's).
        var timing = Assert.Single(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.Normal && m.Message!.Contains("rendered in", StringComparison.Ordinal)).Message!;
        Assert.Matches(@"^MtaSts: 2 domain\(s\) read, checked and rendered in \d+ ms; 5 files written or found unchanged in \d+ ms$", timing);
    }

    [Fact]
    public void An_error_in_one_domain_fails_the_build_naming_the_domain_and_writes_nothing()
    {
        project.Write("mta-sts.yaml", Shared + "\n  fabrikam.com: { mode: Enforce }\n");

        Assert.False(Task().Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MTASTS3003", 7, 25), (error.Code, error.LineNumber, error.ColumnNumber));
        Assert.StartsWith("fabrikam.com: ", error.Message);
        Assert.False(File.Exists(PolicyFile));
        Assert.False(Directory.Exists(project.File("bin")));
        Assert.False(File.Exists(project.File("obj/MtaSts.g.cs")));
    }

    [Fact]
    public void Differing_policies_warn_once_without_keeping_the_target_stale_and_delete_the_policy_file_an_earlier_build_wrote()
    {
        project.Write("mta-sts.yaml", Shared);
        Assert.True(Task().Execute(), engine.ToString());
        Assert.True(File.Exists(PolicyFile));

        project.Write("mta-sts.yaml", Shared.Replace("münchen-contoso.de: {}", "münchen-contoso.de: { mode: testing }"));
        var task = Task();
        Assert.True(task.Execute(), engine.ToString());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MTASTS5007", warning.Code);
        Assert.False(task.LoggedWarnings);
        Assert.False(File.Exists(PolicyFile));
        Assert.Contains(engine.Messages, m => m.Message!.StartsWith($"MtaSts: deleted {PolicyFile}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_design_time_build_writes_only_the_code_and_deletes_nothing()
    {
        project.Write("mta-sts.yaml", Shared);
        Assert.True(Task().Execute(), engine.ToString());
        project.Write("mta-sts.yaml", Shared.Replace("münchen-contoso.de: {}", "münchen-contoso.de: { mode: testing }"));

        Assert.True(Task(writePolicyAndZone: false).Execute(), engine.ToString());

        Assert.True(File.Exists(PolicyFile));
        Assert.Contains("mode: testing", File.ReadAllText(project.File("obj/MtaSts.g.cs")));
    }
}

/// <summary>build/MtaSts.Build.targets with the multi-domain form in real in-process builds.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class MultiDomainTargetsTests
{
    private const string Task = nameof(GenerateMtaStsFiles);

    private const string Config = """
        defaults: {mode: testing, mx: [mx1.example.com]}
        domains:
          example.com: {}
          example.org: {mode: enforce}
        """;

    [Fact]
    public void A_library_gets_a_zone_snippet_per_domain_and_a_no_op_build_runs_no_generation_and_touches_no_file()
    {
        using var project = TestProject.Library(Config, usesPolicy: false);
        project.Restore();
        var first = project.BuildSucceeded();
        Assert.Equal("MTASTS5007", Assert.Single(first.Warnings).Code);
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.txt")));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
        var outputs = new[] { "obj/Debug/net10.0/MtaSts.g.cs", "bin/Debug/net10.0/mta-sts/example.com.zone", "bin/Debug/net10.0/mta-sts/example.org.zone", "obj/Debug/net10.0/MtaSts.outputs" }
            .Select(project.File).ToList();
        var times = outputs.Select(TestFiles.Age).ToList();

        var second = project.BuildSucceeded();

        Assert.False(second.Ran(Task));
        Assert.Equal(times, outputs.Select(File.GetLastWriteTimeUtc));
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public void A_deleted_zone_snippet_is_written_again_and_a_removed_domain_snippet_is_deleted()
    {
        using var project = TestProject.Library(Config.Replace("{mode: enforce}", "{}"), usesPolicy: false);
        project.Restore();
        project.BuildSucceeded();
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.txt")));
        File.Delete(project.File("bin/Debug/net10.0/mta-sts/example.org.zone"));

        Assert.True(project.BuildSucceeded().Ran(Task));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts/example.org.zone")));

        project.Write("mta-sts.yaml", Config.Replace("\n  example.org: {mode: enforce}", ""));
        Assert.True(project.BuildSucceeded().Ran(Task));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts/example.org.zone")));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts/example.com.zone")));
    }

    [Fact]
    public void The_differing_policies_warning_promoted_to_an_error_fails_every_build_and_writes_nothing()
    {
        using var project = TestProject.Library(Config, "<MSBuildWarningsAsErrors>MTASTS5007</MSBuildWarningsAsErrors>", usesPolicy: false);
        project.Restore();

        var first = project.Build();
        var second = project.Build();

        Assert.False(first.Succeeded);
        Assert.Equal("MTASTS5007", Assert.Single(first.Errors).Code);
        Assert.False(second.Succeeded);
        Assert.False(Directory.Exists(project.File("bin/Debug/net10.0/mta-sts")));
    }
}
