using System.Text;

namespace MtaSts.Cli.Tests;

public class LintCommandTests
{
    private const string CrlfPolicy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";

    [Fact]
    public void Good_crlf_policy_is_valid_without_diagnostics()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.txt", CrlfPolicy);

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.StartsWith("mta-sts.txt: valid. ", run.Out);
    }

    [Fact]
    public void Lf_policy_is_valid_with_a_warning_about_line_endings()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.txt", CrlfPolicy.Replace("\r\n", "\n"));

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("mta-sts.txt(1,15): warning MTASTS6009:", Assert.Single(run.ErrorLines));
        Assert.StartsWith("mta-sts.txt: valid, 1 warning. ", run.Out);
    }

    [Fact]
    public void A_misspelled_mx_is_a_warning_that_says_which_host_drops_out()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.txt", CrlfPolicy.Replace("max_age", "nmx: mx2.example.com\r\nmax_age"));

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("mta-sts.txt(4,1): warning MTASTS6016: Unknown field 'nmx'.", warning);
        Assert.Contains("'mx2.example.com' is not one of the policy's MX patterns. Did you mean 'mx'?", warning);
        Assert.Contains("1 mx pattern,", run.Out);
    }

    [Fact]
    public void Policy_bytes_are_linted_as_stored_so_a_bom_is_seen()
    {
        using var workspace = new Workspace();
        workspace.WriteBytes("mta-sts.txt", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(CrlfPolicy)]);

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta-sts.txt(1,1): error MTASTS6010: The policy begins with a byte order mark (EF BB BF).", run.ErrorLines[0]);
    }

    [Fact]
    public void Bad_policy_is_invalid_with_positioned_errors_and_the_verdict()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.txt", "version: STSv1\r\nmode: Enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n");

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta-sts.txt(2,7): error MTASTS6004:", Assert.Single(run.ErrorLines));
        Assert.StartsWith("mta-sts.txt: invalid, 1 error. ", run.Out);
    }

    [Fact]
    public void Generated_policy_lints_clean()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        workspace.Run("generate");

        var run = workspace.Run("lint", ".well-known/mta-sts.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Dash_reads_the_policy_from_standard_input()
    {
        using var workspace = new Workspace();

        var run = workspace.RunWithInput(Encoding.ASCII.GetBytes(CrlfPolicy.Replace("\r\n", "\n")), "lint", "-");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("stdin(1,15): warning MTASTS6009:", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Missing_policy_file_is_MTASTS1001()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "mta-sts.txt");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("mta-sts.txt: error MTASTS1001: ", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_policy_file_is_MTASTS1001()
    {
        using var workspace = new Workspace();
        Directory.CreateDirectory(workspace.PathOf("site"));

        var run = workspace.Run("lint", "site");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("site: error MTASTS1001: 'site' is a directory; give the policy file itself.", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Input_over_the_cap_is_MTASTS1003_and_not_linted()
    {
        using var workspace = new Workspace();
        var input = Encoding.ASCII.GetBytes(CrlfPolicy + new string('#', 1024 * 1024));

        var run = workspace.RunWithInput(input, "lint", "-");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "stdin: error MTASTS1003: The input is larger than 1,048,576 bytes; an MTA-STS policy is a few hundred. Check that this is the policy file.",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Good_sts_record_is_valid()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "--txt", "v=STSv1; id=20260101T000000Z;");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.StartsWith("_mta-sts TXT: valid. ", run.Out);
        Assert.Contains("20260101T000000Z", run.Out);
    }

    [Fact]
    public void Bad_sts_record_is_invalid_with_the_column_of_the_problem()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "--txt", "v=STSv1; id=2026-01-01;");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("_mta-sts TXT(1,", Assert.Single(run.ErrorLines));
        Assert.Contains("error MTASTS6103:", run.Error);
        Assert.StartsWith("_mta-sts TXT: invalid, 1 error. ", run.Out);
    }

    [Theory]
    [InlineData("--txt", "v=STSv1 id=20260101T000000Z;", "_mta-sts TXT(1,9): error MTASTS6101: ", "An RFC 8461 sender discards this record")]
    [InlineData("--txt", "v=STSv1", "_mta-sts TXT(1,8): error MTASTS6101: ", "An RFC 8461 sender discards this record")]
    [InlineData("--tlsrpt", "v=TLSRPTv1 rua=mailto:tlsrpt@example.com", "_smtp._tls TXT(1,12): error MTASTS6201: ", "An RFC 8460 reporter discards this record")]
    public void A_version_without_its_semicolon_is_a_record_lint_discards_as_check_does(string option, string record, string error, string verdict)
    {
        // RFC 8461 §3.1, RFC 8460 §3: records not beginning with the version and ';' are discarded (check: no record).
        using var workspace = new Workspace();

        var run = workspace.Run("lint", option, record);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(error, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains(verdict, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_tlsrpt_record_is_valid()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "--tlsrpt", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.StartsWith("_smtp._tls TXT: valid. ", run.Out);
    }

    [Fact]
    public void Bad_tlsrpt_record_is_invalid()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "--tlsrpt", "v=TLSRPTv1; rua=http://reports.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("_smtp._tls TXT(1,", Assert.Single(run.ErrorLines));
        Assert.Contains("error MTASTS6203:", run.Error);
    }

    [Fact]
    public void A_line_break_in_a_record_cannot_forge_a_diagnostic_line()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint", "--tlsrpt", "v=TLSRPTv1; rua=mailto:a@example.com\nfake.txt(1): error MTASTS0001: injected");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("_smtp._tls TXT(1,", Assert.Single(run.ErrorLines));
        Assert.DoesNotContain(run.ErrorLines, l => l.StartsWith("fake.txt(1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_inputs_are_linted_together_and_any_invalid_one_fails()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.txt", CrlfPolicy);

        var run = workspace.Run("lint", "mta-sts.txt", "--txt", "v=STSv1; id=abc;", "--tlsrpt", "v=TLSRPTv1;");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("_smtp._tls TXT: invalid", run.Out);
    }

    [Fact]
    public void Lint_without_input_is_a_usage_error()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("lint");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Give a policy FILE", run.Error);
    }
}
