using MtaSts.Dns;

using MtaSts.Testing;

namespace MtaSts.Cli.Tests;

public class GenerateCommandTests
{
    private const string PolicyFile = ".well-known/mta-sts.txt";
    private const string ZoneFile = "example.com.zone";

    [Fact]
    public void Generate_writes_the_crlf_policy_file_with_exact_bytes()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Configs.ValidPolicyText), workspace.ReadBytes(PolicyFile));
    }

    [Fact]
    public void Generate_writes_the_zone_snippet_the_core_renders()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        var deployment = ConfigValidator.Validate(Configs.Valid, "mta-sts.yaml").Deployment!;

        workspace.Run("generate");
        var zone = workspace.Read(ZoneFile);

        Assert.Equal(ZoneSnippetWriter.Write(deployment, "mta-sts.yaml"), zone);
        Assert.DoesNotContain("\r", zone);
        Assert.Contains($"\n_mta-sts.example.com. 3600 IN TXT \"v=STSv1; id={deployment.PolicyId};\"\n", zone);
        Assert.EndsWith("\n_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"\n", zone);
    }

    [Fact]
    public void Generate_prints_the_policy_url_and_the_records_to_publish()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        var id = ConfigValidator.Validate(Configs.Valid).Deployment!.PolicyId;

        var run = workspace.Run("generate");

        Assert.Contains("wrote .well-known/mta-sts.txt\n", run.Out);
        Assert.Contains("wrote example.com.zone\n", run.Out);
        Assert.Contains("https://mta-sts.example.com/.well-known/mta-sts.txt\n", run.Out);
        Assert.Contains($"_mta-sts.example.com.    3600  IN TXT  \"v=STSv1; id={id};\"\n", run.Out);
        Assert.Contains("_smtp._tls.example.com.  3600  IN TXT  \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Second_run_reports_unchanged_and_leaves_the_files_alone()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        workspace.Run("generate");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(workspace.PathOf(PolicyFile), old);
        File.SetLastWriteTimeUtc(workspace.PathOf(ZoneFile), old);

        var run = workspace.Run("generate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("unchanged .well-known/mta-sts.txt\n", run.Out);
        Assert.Contains("unchanged example.com.zone\n", run.Out);
        Assert.Equal(old, File.GetLastWriteTimeUtc(workspace.PathOf(PolicyFile)));
        Assert.Equal(old, File.GetLastWriteTimeUtc(workspace.PathOf(ZoneFile)));
    }

    [Fact]
    [Trait("Requires", "named-checkzone")]
    public async Task Edited_config_rewrites_both_files()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        workspace.Run("generate");
        var zoneBefore = workspace.Read(ZoneFile);

        workspace.Write("mta-sts.yaml", Configs.Valid.Replace("mode: testing", "mode: enforce"));
        var run = workspace.Run("generate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote .well-known/mta-sts.txt\n", run.Out);
        Assert.Contains("wrote example.com.zone\n", run.Out);
        Assert.Contains("mode: enforce\r\n", workspace.Read(PolicyFile));
        Assert.NotEqual(await NamedCheckZone.PolicyIdAsync(zoneBefore, "example.com"), await NamedCheckZone.PolicyIdAsync(workspace.Read(ZoneFile), "example.com"));
    }

    [Fact]
    public void Invalid_config_prints_canonical_diagnostics_and_keeps_the_previous_outputs()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        workspace.Run("generate");
        var policyBefore = workspace.ReadBytes(PolicyFile);
        var zoneBefore = workspace.ReadBytes(ZoneFile);
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(workspace.PathOf(PolicyFile), old);

        workspace.Write("mta-sts.yaml", Configs.Valid.Replace("mode: testing", "mode: enforse").Replace("max_age: 1w", "max_age: 2y"));
        var run = workspace.Run("generate");

        Assert.Equal(1, run.ExitCode);
        // Canonical form (file(line,col): error code) with the key phrase; the wording is the core's and tested there.
        Assert.Equal(3, run.ErrorLines.Length);
        Assert.StartsWith("mta-sts.yaml(2,7): error MTASTS3002: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("Did you mean 'enforce'?", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith("mta-sts.yaml(6,10): error MTASTS3010: ", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Contains("'2y' is not a duration", run.ErrorLines[1], StringComparison.Ordinal);
        Assert.Equal("mta-sts generate: 2 errors; nothing was written.", run.ErrorLines[2]);
        Assert.Equal("", run.Out);
        Assert.Equal(policyBefore, workspace.ReadBytes(PolicyFile));
        Assert.Equal(zoneBefore, workspace.ReadBytes(ZoneFile));
        Assert.Equal(old, File.GetLastWriteTimeUtc(workspace.PathOf(PolicyFile)));
    }

    [Fact]
    public void Diagnostics_name_the_config_as_given_on_the_command_line()
    {
        using var workspace = new Workspace();
        workspace.Write("site/mta-sts.yaml", "domain: example.com\nmode: testing\n");

        var run = workspace.Run("generate", "site/mta-sts.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("site/mta-sts.yaml(1,1): error MTASTS3004:", run.ErrorLines[0]);
    }

    [Fact]
    public void Missing_config_is_MTASTS1001()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("generate");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta-sts.yaml: error MTASTS1001: The configuration file", run.ErrorLines[0]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(workspace.Directory));
    }

    [Fact]
    public void Warnings_go_to_stderr_and_the_files_are_still_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid.Replace("mode: testing", "mode: enforce").Replace("max_age: 1w", "max_age: 1h"));

        var run = workspace.Run("generate");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("mta-sts.yaml(6,10): warning MTASTS5001:", Assert.Single(run.ErrorLines));
        Assert.True(workspace.Exists(PolicyFile));
    }

    [Fact]
    public void Output_option_chooses_the_directory()
    {
        using var workspace = new Workspace();
        workspace.Write("site/mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "site/mta-sts.yaml", "--output", "site/wwwroot");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote site/wwwroot/.well-known/mta-sts.txt\n", run.Out);
        Assert.Equal(Configs.ValidPolicyText, workspace.Read("site/wwwroot/.well-known/mta-sts.txt"));
        Assert.True(workspace.Exists("site/wwwroot/example.com.zone"));
    }

    [Fact]
    [Trait("Requires", "named-checkzone")]
    public async Task Id_option_overrides_the_configured_id()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--id", "release42");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("release42", await NamedCheckZone.PolicyIdAsync(workspace.Read(ZoneFile), "example.com"));
        Assert.Contains("\"v=STSv1; id=release42;\"", run.Out);
    }

    [Fact]
    public void Invalid_id_option_is_reported_against_the_option()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--id", "release-42");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("--id: error MTASTS3012: The id override 'release-42' is not valid", run.ErrorLines[0]);
        Assert.False(workspace.Exists(PolicyFile));
    }

    [Fact]
    [Trait("Requires", "named-checkzone")]
    public async Task Timestamp_id_stays_the_same_while_the_policy_is_unchanged()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid + "id: timestamp\n");
        workspace.Clock.Now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        workspace.Run("generate");

        workspace.Clock.Now = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var second = workspace.Run("generate");

        Assert.Equal("20260102T030405Z", await NamedCheckZone.PolicyIdAsync(workspace.Read(ZoneFile), "example.com"));
        Assert.Contains("unchanged example.com.zone\n", second.Out);
    }

    [Fact]
    [Trait("Requires", "named-checkzone")]
    public async Task Timestamp_id_changes_when_the_policy_changes()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid + "id: timestamp\n");
        workspace.Clock.Now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        workspace.Run("generate");

        workspace.Write("mta-sts.yaml", Configs.Valid.Replace("mode: testing", "mode: enforce") + "id: timestamp\n");
        workspace.Clock.Now = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        workspace.Run("generate");

        Assert.Equal("20260203T040506Z", await NamedCheckZone.PolicyIdAsync(workspace.Read(ZoneFile), "example.com"));
    }

    [Fact]
    public void Unwritable_output_is_one_MTASTS4001_diagnostic_without_a_stack_trace()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        workspace.Write("blocked", "a file where the output directory should be");

        var run = workspace.Run("generate", "--output", "blocked");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("blocked/.well-known/mta-sts.txt: error MTASTS4001: Cannot write 'blocked/.well-known/mta-sts.txt':", line);
        Assert.DoesNotContain(" at ", run.Error);
    }

    [Fact]
    public void Quiet_prints_nothing_but_diagnostics()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.True(workspace.Exists(PolicyFile));
    }

    [Fact]
    public void Internationalized_domain_is_published_in_a_label_form()
    {
        using var workspace = new Workspace();
        workspace.Run("init", "--domain", "bücher.example", "--mx", "mx.bücher.example");

        var run = workspace.Run("generate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("https://mta-sts.xn--bcher-kva.example/.well-known/mta-sts.txt", run.Out);
        Assert.Contains("mx: mx.xn--bcher-kva.example\r\n", workspace.Read(PolicyFile));
        Assert.True(workspace.Exists("xn--bcher-kva.example.zone"));
    }
}
