using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Build.Tests;

/// <summary>
/// build/MtaSts.Build.targets in real builds of small projects, in process: which targets run, what they write, what
/// they leave alone.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class TargetsTests
{
    private const string Task = nameof(GenerateMtaStsFiles);

    private static TestProject Restored(TestProject project)
    {
        project.Restore();
        return project;
    }

    [Fact]
    public void A_library_gets_the_policy_class_but_no_endpoint_and_its_files_in_the_output_folder()
    {
        using var project = Restored(TestProject.Library());

        project.BuildSucceeded();

        var code = File.ReadAllText(project.File("obj/Debug/net10.0/MtaSts.g.cs"));
        Assert.Contains("namespace Lib", code);
        Assert.DoesNotContain("MapMtaStsPolicy", code);
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.txt")));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
        Assert.False(Directory.Exists(project.File("wwwroot")));
    }

    [Fact]
    public void The_repository_s_own_consumers_run_the_task_in_a_task_host()
    {
        // build/MtaSts.Build.FromSource.props sets this: a task rebuilt between builds must never be loaded into a
        // reused MSBuild node.
        using var project = Restored(TestProject.Library());

        var outcome = project.BuildSucceeded(new Dictionary<string, string> { ["_MtaStsTaskHostFactory"] = "true" });

        Assert.True(outcome.Ran(Task));
        Assert.Contains(outcome.Messages, m => m.Message?.Contains("in an external task host", StringComparison.Ordinal) == true);
        Assert.True(File.Exists(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void A_no_op_build_runs_no_generation_and_touches_no_file()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();
        // Outputs and the inputs cache are moved into the past, so any rewrite would show; the stamp, which marks the
        // last generation, stays newer than the inputs as the build left it.
        var outputs = new[] { "obj/Debug/net10.0/MtaSts.g.cs", "bin/Debug/net10.0/mta-sts.txt", "bin/Debug/net10.0/mta-sts.zone", "obj/Debug/net10.0/MtaSts.inputs.cache" }
            .Select(project.File).ToList();
        var times = outputs.Select(TestFiles.Age).ToList();
        var stamp = File.GetLastWriteTimeUtc(project.File("obj/Debug/net10.0/MtaSts.stamp"));

        var second = project.BuildSucceeded();

        Assert.False(second.Ran(Task));
        Assert.Equal(times, outputs.Select(File.GetLastWriteTimeUtc));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(project.File("obj/Debug/net10.0/MtaSts.stamp")));
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public void Warnings_come_back_on_every_build_so_warnaserror_keeps_failing()
    {
        using var project = Restored(TestProject.Library());
        project.Write("mta-sts.yaml", TestFiles.Valid.Replace("testing", "none"));

        var first = project.BuildSucceeded();
        var second = project.BuildSucceeded();

        Assert.Equal("MTASTS5004", Assert.Single(first.Warnings).Code);
        Assert.True(second.Ran(Task));
        Assert.Equal("MTASTS5004", Assert.Single(second.Warnings).Code);
    }

    [Fact]
    public void A_hand_edited_policy_file_is_rewritten_by_the_next_build()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();
        var policy = project.File("bin/Debug/net10.0/mta-sts.txt");
        var generated = File.ReadAllBytes(policy);

        File.AppendAllText(policy, "mode: none\r\n");
        var second = project.BuildSucceeded();

        Assert.True(second.Ran(Task));
        Assert.Equal(generated, File.ReadAllBytes(policy));
        Assert.False(project.BuildSucceeded().Ran(Task));
    }

    [Fact]
    public void Editing_the_config_regenerates()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();

        project.Write("mta-sts.yaml", TestFiles.Valid.Replace("testing", "enforce"));
        var second = project.BuildSucceeded();

        Assert.True(second.Ran(Task));
        Assert.Contains("mode: enforce\r\n", File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts.txt")));
    }

    [Fact]
    public async Task Changing_a_property_regenerates_and_keeping_it_does_not()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();
        var pinned = new Dictionary<string, string> { ["MtaStsPolicyId"] = "20261201T000000Z" };

        var changed = project.BuildSucceeded(pinned);
        var kept = project.BuildSucceeded(pinned);

        Assert.True(changed.Ran(Task));
        Assert.Equal("20261201T000000Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts.zone")), "example.com"));
        Assert.False(kept.Ran(Task));
    }

    [Fact]
    public async Task A_pulled_timestamp_state_regenerates_and_an_untouched_one_does_not()
    {
        using var project = Restored(TestProject.Library(TestFiles.Valid + "\nid: timestamp\n"));
        project.BuildSucceeded();
        var state = File.ReadAllText(project.File("mta-sts.id"));
        var id = await NamedCheckZone.PolicyIdAsync(File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts.zone")), "example.com");
        Assert.False(project.BuildSucceeded().Ran(Task));

        // A teammate's commit brings the id they published for the same policy.
        File.WriteAllText(project.File("mta-sts.id"), state.Replace("id: " + id, "id: 20250101T000000Z"));
        var pulled = project.BuildSucceeded();

        Assert.True(pulled.Ran(Task));
        Assert.Equal("20250101T000000Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts.zone")), "example.com"));
        Assert.False(project.BuildSucceeded().Ran(Task));
    }

    [Fact]
    public void Upgrading_the_package_regenerates()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();
        using var upgrade = new TempDirectory();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(TestFiles.TaskAssembly)!, "*.dll"))
        {
            File.Copy(file, Path.Combine(upgrade.Path, Path.GetFileName(file)));
        }

        var upgraded = project.BuildSucceeded(new Dictionary<string, string> { ["_MtaStsTaskAssembly"] = upgrade.File(Path.GetFileName(TestFiles.TaskAssembly)) });

        Assert.True(upgraded.Ran(Task));
    }

    [Fact]
    public void A_deleted_output_is_written_again()
    {
        using var project = Restored(TestProject.Library());
        project.BuildSucceeded();
        File.Delete(project.File("bin/Debug/net10.0/mta-sts.zone"));

        var second = project.BuildSucceeded();

        Assert.True(second.Ran(Task));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void An_invalid_config_fails_every_build_with_all_errors_and_writes_nothing()
    {
        using var project = Restored(TestProject.Library(TestFiles.Invalid, usesPolicy: false));

        var first = project.Build();
        var second = project.Build();

        foreach (var outcome in new[] { first, second })
        {
            Assert.False(outcome.Succeeded);
            Assert.Equal(
                [("MTASTS3002", 2, 7), ("MTASTS3006", 4, 5), ("MTASTS3010", 5, 10)],
                outcome.Errors.Select(e => (e.Code, e.LineNumber, e.ColumnNumber)));
            Assert.All(outcome.Errors, e => Assert.Equal(project.File("mta-sts.yaml"), e.File));
        }

        Assert.False(File.Exists(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void Without_a_config_file_the_build_warns_once_with_a_code_and_generates_nothing()
    {
        using var project = Restored(TestProject.Library(yaml: null, usesPolicy: false));

        var outcome = project.BuildSucceeded();

        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal(DiagnosticDescriptors.NoConfigFile.Code, warning.Code);
        Assert.Equal(DiagnosticDescriptors.NoConfigFile.HelpLink, warning.HelpLink);
        Assert.Equal(DiagnosticMessages.Hosts.NoConfig.Format(project.File("mta-sts.yaml")), warning.Message);
        Assert.False(outcome.Ran(Task));
        Assert.False(File.Exists(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
    }

    [Fact]
    public void MtaStsEnabled_false_does_nothing_at_all()
    {
        using var project = Restored(TestProject.Library(properties: "<MtaStsEnabled>false</MtaStsEnabled>", usesPolicy: false));

        var outcome = project.BuildSucceeded();

        Assert.False(outcome.Ran(Task));
        Assert.Empty(outcome.Warnings);
        Assert.DoesNotContain(outcome.Items("Compile"), item => item.EndsWith("MtaSts.g.cs", StringComparison.Ordinal));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
        Assert.False(File.Exists(project.File("obj/Debug/net10.0/MtaSts.inputs.cache")));
    }

    [Fact]
    public void Clean_removes_what_the_build_wrote_to_obj_and_bin_and_keeps_the_policy_file_in_wwwroot()
    {
        using var project = Restored(TestProject.Library(properties: @"<MtaStsPolicyFile>wwwroot\.well-known\mta-sts.txt</MtaStsPolicyFile>"));
        project.BuildSucceeded();
        string[] generated = ["obj/Debug/net10.0/MtaSts.g.cs", "obj/Debug/net10.0/MtaSts.stamp", "obj/Debug/net10.0/MtaSts.inputs.cache", "bin/Debug/net10.0/mta-sts.zone"];
        Assert.All(generated, file => Assert.True(File.Exists(project.File(file)), file));

        project.BuildSucceeded(targets: "Clean");

        Assert.All(generated, file => Assert.False(File.Exists(project.File(file)), file));
        Assert.True(File.Exists(project.File("wwwroot/.well-known/mta-sts.txt")));
    }

    [Fact]
    public void A_design_time_build_generates_the_code_for_intellisense_but_writes_nothing_into_wwwroot()
    {
        using var project = Restored(TestProject.Web());

        var outcome = project.BuildSucceeded(
            new Dictionary<string, string> { ["DesignTimeBuild"] = "true", ["SkipCompilerExecution"] = "true", ["ProvideCommandLineArgs"] = "true" },
            "Compile");

        Assert.Contains(project.File("obj/Debug/net10.0/MtaSts.g.cs"), outcome.Items("Compile").Select(item => Path.GetFullPath(item, project.Directory)));
        Assert.Contains("AddMtaSts(", File.ReadAllText(project.File("obj/Debug/net10.0/MtaSts.g.cs")));
        Assert.False(File.Exists(project.File("wwwroot/.well-known/mta-sts.txt")));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
        Assert.False(File.Exists(project.File("obj/Debug/net10.0/MtaSts.stamp")));
    }

    [Fact]
    public void Visual_Studio_fast_up_to_date_check_knows_the_config_file()
    {
        using var project = TestProject.Library();

        var outcome = project.Build(targets: "_MtaStsPrepare");

        Assert.Contains(project.File("mta-sts.yaml"), outcome.Items("UpToDateCheckInput"));
    }

    [Fact]
    public void Warnings_promoted_to_errors_fail_the_build_and_write_nothing()
    {
        var shortEnforce = TestFiles.Valid.Replace("testing", "enforce").Replace("1w", "1h");
        using var project = Restored(TestProject.Library(shortEnforce, "<MSBuildWarningsAsErrors>MTASTS5001</MSBuildWarningsAsErrors>", usesPolicy: false));

        var outcome = project.Build();

        Assert.False(outcome.Succeeded);
        Assert.Equal("MTASTS5001", Assert.Single(outcome.Errors).Code);
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MSBuildCollection
{
    public const string Name = "MSBuild";
}
