using System.Diagnostics;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Lint;
using static MtaSts.Tests.Lint.LintAssert;

namespace MtaSts.Tests.Lint;

/// <summary>What the linters copy from their input into messages: a bounded excerpt that cannot start a line of its own.</summary>
public class LintMessageTests
{
    private static readonly char[] LineBreaks = ['\r', '\n', '\u0085', '\u2028', '\u2029'];

    [Fact]
    public void A_megabyte_policy_of_repeats_of_a_huge_value_gives_bounded_messages_quickly()
    {
        // Each repeated 'mode' line used to quote the first value in full: 400,000 characters times every repeat.
        var policy = new StringBuilder("version: STSv1\r\nmode: ").Append('x', 400_000).Append("\r\n");
        while (policy.Length < 1_000_000)
        {
            policy.Append("mode: y\r\n");
        }

        var clock = Stopwatch.StartNew();
        var result = PolicyLinter.Lint(policy.ToString(), "mta-sts.txt");
        clock.Stop();

        Assert.Contains(result.Diagnostics, d => d.Descriptor == DiagnosticDescriptors.PolicyDuplicateField);
        Assert.True(result.Diagnostics.Sum(d => (long)d.Message.Length) < 2_000_000, "messages are not bounded");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"linting took {clock.Elapsed}");
    }

    [Fact]
    public void A_quoted_value_is_cut_to_forty_characters_and_an_ellipsis()
    {
        var value = new string('x', 1000);

        var message = Only(PolicyLinter.Lint(ExampleWith(2, "mode: " + value)).Diagnostics, DiagnosticDescriptors.PolicyInvalidMode, 2, 7).Message;

        Assert.Contains($"'{new string('x', 40)}…'", message);
        Assert.DoesNotContain(new string('x', 41), message);
    }

    [Fact]
    public void A_repeated_record_field_quotes_a_bounded_first_value()
    {
        var id = new string('a', 32);
        var ext = new string('b', 1000);

        var result = StsRecordLinter.Lint($"v=STSv1; id={id}; e={ext}; e=1;");

        var message = Assert.Single(result.Diagnostics, d => d.Descriptor == DiagnosticDescriptors.StsRecordDuplicateField).Message;
        Assert.Contains($"('e={new string('b', 38)}…')", message);
    }

    [Theory]
    [InlineData("mo\rde : enforce")] // the name before whitespace and ':'
    [InlineData("mode: enforce\rmode: none ")] // the value of a line with trailing whitespace
    [InlineData("x\u2028y: 1")] // the first field, when 'version' is not first
    [InlineData("mode: enforce\u0085fake ")]
    public void Policy_messages_never_contain_a_line_break_from_the_input(string line)
    {
        var result = PolicyLinter.Lint(PolicyText(line, "version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 86400"));

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.IndexOfAny(LineBreaks) < 0, d.Message));
    }

    [Fact]
    public void A_line_break_in_a_policy_message_is_written_as_its_code_point()
    {
        var result = PolicyLinter.Lint(ExampleWith(2, "mo\rde : enforce"));

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'moU+000Dde:'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com\nfake.txt(1): error MTASTS0001: injected")]
    [InlineData("x\nfake.txt(1): error MTASTS0001: injected")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com; RUA\r=1")]
    public void Tls_rpt_messages_never_contain_a_line_break_from_the_input(string record)
    {
        var result = TlsRptRecordLinter.Lint(record);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.IndexOfAny(LineBreaks) < 0, d.Message));
    }

    [Theory]
    [InlineData("x\nfake.txt(1): error MTASTS0001: injected")]
    [InlineData("v=STSv1; id=abc\u2028def;")]
    public void Sts_record_messages_never_contain_a_line_break_from_the_input(string record)
    {
        var result = StsRecordLinter.Lint(record);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.IndexOfAny(LineBreaks) < 0, d.Message));
    }
}
