using System.Text.RegularExpressions;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>Reads what the classic console logger printed (`-tl:off`): diagnostics, warnings, and target/task lines at -v:d.</summary>
public static partial class BuildLog
{
    /// <summary>One canonical MSBuild diagnostic line: <c>file(line,col[,endLine,endCol]): error CODE: message [project]</c>, or
    /// <c>file : error CODE: message</c> for a diagnostic about a whole file (line and column 0).</summary>
    public sealed record Diagnostic(string File, int Line, int Column, string Severity, string Code, string Message);

    public static IReadOnlyList<Diagnostic> Diagnostics(CommandResult result) =>
        result.Lines
            .Select(line => DiagnosticLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new Diagnostic(
                match.Groups["file"].Value,
                match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value) : 0,
                match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value) : 0,
                match.Groups["severity"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            // The console logger repeats every diagnostic in the summary at the end.
            .Distinct()
            .ToList();

    public static IReadOnlyList<Diagnostic> Errors(CommandResult result) => Diagnostics(result).Where(d => d.Severity == "error").ToList();

    public static IReadOnlyList<Diagnostic> Warnings(CommandResult result) => Diagnostics(result).Where(d => d.Severity == "warning").ToList();

    /// <summary>The count in the console logger's closing summary ("    0 Warning(s)").</summary>
    public static int WarningCount(CommandResult result) => SummaryCount(result, "Warning");

    public static int ErrorCount(CommandResult result) => SummaryCount(result, "Error");

    /// <summary>At -v:d: MSBuild skipped <paramref name="target"/> because its outputs were newer than its inputs.</summary>
    public static bool SkippedAsUpToDate(CommandResult result, string target) =>
        result.Output.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    /// <summary>At -v:d: the task <paramref name="task"/> was started at least once.</summary>
    public static bool TaskRan(CommandResult result, string task) =>
        result.Lines.Any(line => Regex.IsMatch(line, $@"^(\d+>)?\s*Task ""{Regex.Escape(task)}""( \(TaskId:\d+\))?$"));

    private static int SummaryCount(CommandResult result, string kind)
    {
        var match = Regex.Matches(result.Output, $@"^\s*(\d+) {kind}\(s\)\s*$", RegexOptions.Multiline).LastOrDefault();
        Assert.True(match is not null, $"No '{kind}(s)' summary line in the output of {result.Describe()}");
        return int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^(?<file>.+?)(\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\)| ): (?<severity>error|warning) (?<code>[A-Za-z]+\d+): (?<message>.*?)(\s\[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();
}
