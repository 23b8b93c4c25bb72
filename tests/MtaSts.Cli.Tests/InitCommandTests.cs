using MtaSts.Configuration;

namespace MtaSts.Cli.Tests;

public class InitCommandTests
{
    [Fact]
    public void Init_writes_a_config_that_generate_accepts()
    {
        using var workspace = new Workspace();

        var init = workspace.Run("init", "--domain", "example.com", "--mx", "mx1.example.com", "--mx", "*.mail.example.com", "--rua", "mailto:tlsrpt@example.com");
        var generate = workspace.Run("generate");

        Assert.Equal(0, init.ExitCode);
        Assert.Equal("", init.Error);
        Assert.Contains("wrote mta-sts.yaml", init.Out);
        Assert.Equal(0, generate.ExitCode);
        Assert.Equal("", generate.Error);
        Assert.Equal(Configs.ValidPolicyText, workspace.Read(".well-known/mta-sts.txt"));
        Assert.Contains("\"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"", workspace.Read("example.com.zone"));
    }

    [Fact]
    public void Init_writes_the_given_values_with_defaults_for_the_rest()
    {
        using var workspace = new Workspace();

        workspace.Run("init", "-d", "example.com", "--mx", "mx.example.com");
        var config = Assert.Single(ConfigReader.ReadFile(workspace.PathOf("mta-sts.yaml")).Policies);

        Assert.Equal("example.com", config.Domain!.Value);
        Assert.Equal("testing", config.Mode!.Value);
        Assert.Equal(["mx.example.com"], config.Mx!.Items.Select(i => i.Value));
        Assert.Equal("1w", config.MaxAge!.Value);
        Assert.Null(config.TlsRptRua);
    }

    [Fact]
    public void Init_refuses_to_overwrite_an_existing_file()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", "# mine\n");

        var run = workspace.Run("init", "--domain", "example.com", "--mx", "mx.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta-sts.yaml: error MTASTS1007: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("already exists", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("--force", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("# mine\n", workspace.Read("mta-sts.yaml"));
    }

    [Fact]
    public void Init_with_force_overwrites_an_existing_file()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", "# mine\n");

        var run = workspace.Run("init", "--domain", "example.com", "--mx", "mx.example.com", "--force");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\ndomain: example.com\n", workspace.Read("mta-sts.yaml"));
    }

    [Fact]
    public void Init_with_an_invalid_mx_writes_nothing_and_names_the_option()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "--domain", "example.com", "--mx", "mx_1.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("--mx: error MTASTS3005: 'mx_1.example.com' is not a valid mx pattern", run.ErrorLines[0]);
        Assert.Equal("mta-sts init: 1 error; nothing was written.", run.ErrorLines[^1]);
        Assert.Equal("", run.Out);
        Assert.Empty(Directory.EnumerateFileSystemEntries(workspace.Directory));
    }

    [Fact]
    public void Init_reports_every_invalid_value_at_once()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "--domain", "example", "--mode", "enforcing", "--mx", "mx.example.com", "--max-age", "2y", "--rua", "http://reports.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["--domain: error MTASTS3001", "--mode: error MTASTS3002", "--max-age: error MTASTS3010", "--rua: error MTASTS3013"],
            run.ErrorLines.SkipLast(1).Select(l => l.Substring(0, l.IndexOf("MTASTS", StringComparison.Ordinal) + 10)));
    }

    [Fact]
    public void Init_without_mx_is_invalid_unless_mode_is_none()
    {
        using var workspace = new Workspace();

        var testing = workspace.Run("init", "--domain", "example.com");
        var none = workspace.Run("init", "--domain", "example.com", "--mode", "none");

        Assert.Equal(1, testing.ExitCode);
        Assert.StartsWith("--mx: error MTASTS3004:", testing.ErrorLines[0]);
        Assert.Equal(0, none.ExitCode);
    }

    [Fact]
    public void Init_warnings_are_printed_and_the_file_is_written()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "--domain", "example.com", "--mode", "enforce", "--max-age", "1h", "--mx", "mx.example.com");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("--max-age: warning MTASTS5001:", Assert.Single(run.ErrorLines));
        Assert.True(workspace.Exists("mta-sts.yaml"));
    }

    [Fact]
    public void Init_output_option_names_the_file_and_a_directory_gets_mta_sts_yaml()
    {
        using var workspace = new Workspace();
        Directory.CreateDirectory(workspace.PathOf("site"));

        workspace.Run("init", "-d", "example.com", "--mx", "mx.example.com", "--output", "custom.yaml");
        workspace.Run("init", "-d", "example.com", "--mx", "mx.example.com", "-o", "site");

        Assert.True(workspace.Exists("custom.yaml"));
        Assert.True(workspace.Exists("site/mta-sts.yaml"));
    }

    [Fact]
    public void Init_without_domain_is_a_usage_error()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "--mx", "mx.example.com");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Give --domain (and the values), or --from-dns DOMAIN", run.Error);
        Assert.False(workspace.Exists("mta-sts.yaml"));
    }
}
