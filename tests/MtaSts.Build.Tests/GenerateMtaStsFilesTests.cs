using System.Text;
using Microsoft.Build.Framework;
using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Build.Tests;

/// <summary>The task on its own, with a recording build engine: what it logs and what it writes.</summary>
public sealed class GenerateMtaStsFilesTests : IDisposable
{
    private readonly TempDirectory project = new();
    private readonly RecordingBuildEngine engine = new();

    public void Dispose() => project.Dispose();

    private string ConfigFile => project.File("mta-sts.yaml");

    private string PolicyFile => project.File("wwwroot/.well-known/mta-sts.txt");

    private string ZoneFile => project.File("bin/mta-sts.zone");

    private string CodeFile => project.File("obj/MtaSts.g.cs");

    private GenerateMtaStsFiles Task(string? policyId = null, bool writePolicyAndZone = true) => new()
    {
        BuildEngine = engine,
        ConfigFile = ConfigFile,
        PolicyFile = "wwwroot/.well-known/mta-sts.txt",
        ZoneFile = "bin/mta-sts.zone",
        CodeFile = "obj/MtaSts.g.cs",
        ProjectDirectory = project.Path,
        Namespace = "Site",
        GenerateEndpoint = true,
        PolicyId = policyId,
        WritePolicyAndZone = writePolicyAndZone,
    };

    [Fact]
    public void A_valid_config_writes_the_policy_file_the_zone_snippet_and_the_code()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.True(Task().Execute(), engine.ToString());

        var deployment = TestFiles.Deploy(TestFiles.Valid);
        Assert.Equal(deployment.Policy.ToBytes(), File.ReadAllBytes(PolicyFile));
        Assert.Equal(ZoneSnippetWriter.Write(deployment, "mta-sts.yaml"), File.ReadAllText(ZoneFile));
        Assert.Contains("internal static class MtaStsPolicy", File.ReadAllText(CodeFile));
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    /// <summary>The task's own version, as it compares it with MtaSts.AspNetCore's (informational version, no build metadata).</summary>
    private static string ToolVersion => ((System.Reflection.AssemblyInformationalVersionAttribute)Attribute.GetCustomAttribute(
        typeof(GenerateMtaStsFiles).Assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute))!).InformationalVersion.Split('+')[0];

    [Fact]
    public void With_the_runtime_library_of_its_own_version_the_code_gets_AddMtaSts()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        var task = Task();
        task.RuntimeLibraryVersion = ToolVersion;

        Assert.True(task.Execute(), engine.ToString());

        Assert.Contains("AddMtaSts(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>", File.ReadAllText(CodeFile));
        Assert.Empty(engine.Errors);
    }

    [Theory]
    [InlineData("0.0.1")]
    [InlineData("99.0.0-preview.1")]
    public void Another_version_of_the_runtime_library_is_an_error_that_names_both_and_writes_nothing(string runtimeVersion)
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        var task = Task();
        task.RuntimeLibraryVersion = runtimeVersion;
        task.ProjectFile = project.File("Site.csproj");

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MTASTS4002", project.File("Site.csproj")), (error.Code, error.File));
        Assert.Contains($"MtaSts.Build {ToolVersion} generates code for MtaSts.AspNetCore {ToolVersion}, but the project references MtaSts.AspNetCore {runtimeVersion}.", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CodeFile));
        Assert.False(File.Exists(PolicyFile));
    }

    [Fact]
    public void A_web_project_without_the_runtime_library_gets_errors_that_name_the_package_in_place_of_AddMtaSts()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.True(Task().Execute(), engine.ToString());

        Assert.Contains("dotnet add package MtaSts.AspNetCore", File.ReadAllText(CodeFile));
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Every_error_is_reported_with_code_file_line_column_and_help_link()
    {
        project.Write("mta-sts.yaml", TestFiles.Invalid);

        var succeeded = Task().Execute();

        Assert.False(succeeded);
        Assert.Equal(
            [("MTASTS3002", 2, 7, 2, 16), ("MTASTS3006", 4, 5, 4, 24), ("MTASTS3010", 5, 10, 5, 13)],
            engine.Errors.Select(e => (e.Code, e.LineNumber, e.ColumnNumber, e.EndLineNumber, e.EndColumnNumber)));
        Assert.All(engine.Errors, e =>
        {
            Assert.Equal(ConfigFile, e.File);
            Assert.Equal(e.Code, e.HelpKeyword);
            Assert.Equal(DiagnosticDescriptor.HelpLinkBase + e.Code + ".md", e.HelpLink);
        });
    }

    [Fact]
    public void An_invalid_config_writes_nothing()
    {
        project.Write("mta-sts.yaml", TestFiles.Invalid);

        Task().Execute();

        Assert.False(File.Exists(PolicyFile));
        Assert.False(File.Exists(ZoneFile));
        Assert.False(File.Exists(CodeFile));
    }

    [Fact]
    public void An_invalid_edit_keeps_the_last_good_outputs()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        Assert.True(Task().Execute());
        var before = new[] { PolicyFile, ZoneFile, CodeFile }.Select(File.ReadAllBytes).ToList();

        project.Write("mta-sts.yaml", TestFiles.Invalid);
        Assert.False(Task().Execute());

        Assert.Equal(before, new[] { PolicyFile, ZoneFile, CodeFile }.Select(File.ReadAllBytes));
    }

    [Fact]
    public void Unchanged_outputs_are_not_rewritten()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        Assert.True(Task().Execute());
        var times = new[] { PolicyFile, ZoneFile, CodeFile }.Select(TestFiles.Age).ToList();

        Assert.True(Task().Execute());

        Assert.Equal(times, new[] { PolicyFile, ZoneFile, CodeFile }.Select(File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void A_changed_policy_rewrites_the_outputs()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        Assert.True(Task().Execute());

        project.Write("mta-sts.yaml", TestFiles.Valid.Replace("mode: testing", "mode: enforce"));
        Assert.True(Task().Execute());

        Assert.Contains("mode: enforce\r\n", File.ReadAllText(PolicyFile));
        Assert.Contains("public const string Mode = \"enforce\";", File.ReadAllText(CodeFile));
    }

    [Fact]
    public void Warnings_are_reported_with_their_code_and_the_outputs_are_still_written()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid.Replace("mode: testing", "mode: enforce").Replace("max_age: 1w", "max_age: 1h"));

        Assert.True(Task().Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal((DiagnosticDescriptors.ShortMaxAgeEnforce.Code, 6, 10), (warning.Code, warning.LineNumber, warning.ColumnNumber));
        Assert.Equal(DiagnosticDescriptors.ShortMaxAgeEnforce.HelpLink, warning.HelpLink);
        Assert.True(File.Exists(PolicyFile));
    }

    [Fact]
    public void A_missing_config_file_is_an_error()
    {
        Assert.False(Task().Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticDescriptors.ConfigFileNotFound.Code, error.Code);
        Assert.Equal(ConfigFile, error.File);
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_error_4001_naming_the_file()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);
        Directory.CreateDirectory(PolicyFile); // a directory where the file should go

        Assert.False(Task().Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal((DiagnosticDescriptors.OutputWriteFailed.Code, PolicyFile), (error.Code, error.File));
        Assert.Equal(DiagnosticDescriptors.OutputWriteFailed.HelpLink, error.HelpLink);
        Assert.StartsWith($"The file '{PolicyFile}' cannot be written: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_that_cannot_be_written_leaves_the_zone_snippet_and_the_code_as_they_were()
    {
        // The compiled site must not embed a policy that is not on disk (docs/reliability.md, "Damage").
        project.Write("mta-sts.yaml", TestFiles.Valid);
        Directory.CreateDirectory(PolicyFile);

        Assert.False(Task().Execute());

        Assert.False(File.Exists(CodeFile));
        Assert.False(File.Exists(ZoneFile));
    }

    [Fact]
    public void An_unexpected_exception_is_internal_error_9001_with_the_exception_text()
    {
        var task = Task();
        task.ConfigFile = "mta-sts\0.yaml"; // not a path: the runtime throws

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticDescriptors.InternalError.Code, error.Code);
        Assert.StartsWith("MtaSts.Build failed unexpectedly; please report this with the text below. System.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Exception", error.Message);
    }

    [Fact]
    public void A_successful_run_logs_one_high_importance_line_with_the_outputs_and_the_records()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid + "\ntls_rpt:\n  rua: [mailto:tls@example.com]\n");

        Assert.True(Task().Execute());

        var summary = Assert.Single(engine.Messages, m => m.Importance == MessageImportance.High);
        var id = TestFiles.Deploy(File.ReadAllText(ConfigFile)).PolicyId;
        Assert.Equal(
            $"MtaSts: policy for example.com (mode testing, id {id}) -> {Path.Combine("wwwroot", ".well-known", "mta-sts.txt")}; " +
            $"publish the DNS records in {Path.Combine("bin", "mta-sts.zone")}: _mta-sts.example.com TXT \"v=STSv1; id={id};\", " +
            "_smtp._tls.example.com TXT \"v=TLSRPTv1; rua=mailto:tls@example.com\"",
            summary.Message);
    }

    [Fact]
    public void A_design_time_run_writes_only_the_code()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.True(Task(writePolicyAndZone: false).Execute());

        Assert.True(File.Exists(CodeFile));
        Assert.False(File.Exists(PolicyFile));
        Assert.False(File.Exists(ZoneFile));
        Assert.DoesNotContain(engine.Messages, m => m.Importance == MessageImportance.High);
    }

    [Fact]
    public async Task The_id_property_overrides_the_id_of_the_file()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.True(Task(policyId: "20261201T000000Z").Execute());

        Assert.Equal("20261201T000000Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(ZoneFile), "example.com"));
        Assert.Contains("public const string Id = \"20261201T000000Z\";", File.ReadAllText(CodeFile));
    }

    [Fact]
    public void An_invalid_id_property_is_error_3012()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.False(Task(policyId: "2026-12-01").Execute());

        Assert.Equal(DiagnosticDescriptors.InvalidId.Code, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public async Task A_timestamp_id_is_the_time_the_config_was_last_changed()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(ConfigFile, new DateTime(2026, 11, 28, 10, 29, 0, DateTimeKind.Utc));

        Assert.True(Task().Execute());

        Assert.Equal("20261128T102900Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(ZoneFile), "example.com"));
    }

    [Fact]
    public async Task A_timestamp_id_stays_while_the_policy_text_is_unchanged()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(ConfigFile, new DateTime(2026, 11, 28, 10, 29, 0, DateTimeKind.Utc));
        Assert.True(Task().Execute());

        // A comment is not a policy change; the file's time moves on, the id does not.
        project.Write("mta-sts.yaml", "# reviewed\n" + TestFiles.Valid + "\nid: timestamp\n");
        Assert.True(Task().Execute());

        Assert.Equal("20261128T102900Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(ZoneFile), "example.com"));
    }

    [Fact]
    public async Task A_timestamp_id_changes_with_the_policy_and_the_summary_says_so()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(ConfigFile, new DateTime(2026, 11, 28, 10, 29, 0, DateTimeKind.Utc));
        Assert.True(Task().Execute());

        project.Write("mta-sts.yaml", TestFiles.Valid.Replace("testing", "enforce") + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(ConfigFile, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(Task().Execute());

        Assert.Equal("20261201T000000Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(ZoneFile), "example.com"));
        Assert.Contains("id 20261201T000000Z, was 20261128T102900Z", engine.Messages.Last(m => m.Importance == MessageImportance.High).Message);
    }

    [Fact]
    public void The_policy_file_is_ascii_with_crlf_and_no_bom()
    {
        project.Write("mta-sts.yaml", TestFiles.Valid);

        Assert.True(Task().Execute());

        var bytes = File.ReadAllBytes(PolicyFile);
        Assert.Equal((byte)'v', bytes[0]);
        Assert.All(bytes, b => Assert.InRange(b, (byte)0x0A, (byte)0x7E));
        Assert.Equal("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n", Encoding.ASCII.GetString(bytes));
    }
}
