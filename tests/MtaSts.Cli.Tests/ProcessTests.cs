namespace MtaSts.Cli.Tests;

/// <summary>The built tool as a real process: exit codes and the stdout/stderr split reach the shell.</summary>
public class ProcessTests
{
    [Fact]
    public void Exit_codes_reach_the_shell_for_success_and_invalid_input()
    {
        using var workspace = new Workspace();

        var init = workspace.RunProcess("init", "--domain", "example.com", "--mx", "mx1.example.com");
        var generate = workspace.RunProcess("generate");
        workspace.Write("mta-sts.yaml", "domain: example.com\nmode: enforcing\nmx: [mx1.example.com]\n");
        var invalid = workspace.RunProcess("generate");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Contains("wrote .well-known/mta-sts.txt", generate.Out);
        Assert.Equal("", generate.Error);
        Assert.True(invalid.ExitCode == 1, invalid.ToString());
        Assert.StartsWith("mta-sts.yaml(2,7): error MTASTS3002:", invalid.Error);
        Assert.Equal("", invalid.Out);
    }

    [Fact]
    public void Exit_code_2_reaches_the_shell_for_a_bad_command_line()
    {
        using var workspace = new Workspace();

        var run = workspace.RunProcess("generate", "--no-such-option");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'--no-such-option'", run.Error);
        Assert.Equal("", run.Out);
    }
}
