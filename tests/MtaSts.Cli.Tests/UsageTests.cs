namespace MtaSts.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("generate", "--ouput", "out");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'--ouput'", run.Error);
        Assert.EndsWith("Run 'mta-sts generate --help' for usage.", run.ErrorLines[^1]);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void An_unexpected_exception_is_one_MTASTS9001_line_without_a_stack_trace()
    {
        using var workspace = new Workspace();
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext
        {
            Out = new StringWriter(),
            Error = error,
            WorkingDirectory = workspace.Directory,
            OpenInput = () => throw new InvalidOperationException("The input broke."),
        };

        var code = MtaStsCli.Run(["lint", "-"], context);

        Assert.Equal(1, code);
        Assert.Equal(
            "error MTASTS9001: Unexpected InvalidOperationException: The input broke. Please report this at https://github.com/mtasts-build/MtaSts.Build/issues.\n",
            error.ToString());
    }

    [Fact]
    public void Unknown_command_is_a_usage_error_with_a_suggestion()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("gen");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("mta-sts: did you mean 'generate'?", run.ErrorLines);
    }

    [Fact]
    public void No_command_shows_the_help_and_is_a_usage_error()
    {
        using var workspace = new Workspace();

        var run = workspace.Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("generate")]
    [InlineData("lint")]
    [InlineData("reports")]
    public void Every_command_has_help_with_a_description_and_examples(string command)
    {
        using var workspace = new Workspace();

        var run = workspace.Run(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Description:", run.Out);
        Assert.Contains($"Usage:\n  mta-sts {command}", run.Out);
        Assert.Contains($"Examples:\n  mta-sts {command}", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Out);
    }

    [Fact]
    public void Output_has_no_terminal_escapes()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid.Replace("mode: testing", "mode: enforcing"));

        var runs = new[] { workspace.Run("--help"), workspace.Run("generate"), workspace.Run("gen") };

        Assert.All(runs, run => Assert.DoesNotContain('\u001b', run.Out + run.Error));
    }
}
