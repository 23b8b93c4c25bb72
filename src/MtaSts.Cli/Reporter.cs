using MtaSts.Diagnostics;

namespace MtaSts.Cli;

/// <summary>
/// Where a command's output goes: diagnostics in the canonical <c>file(line,col): error CODE: message</c> form to the
/// error stream (MSBuild, IDEs and CI log parsers recognise it), everything else to the output stream. Plain text
/// only: no colours or terminal escapes, so redirected output is clean.
/// </summary>
internal sealed class Reporter(CliContext context, bool quiet)
{
    public CliContext Context => context;

    /// <summary>A line of normal output; suppressed by <c>--quiet</c>.</summary>
    public void Info(string line = "")
    {
        if (!quiet)
        {
            context.Out.WriteLine(line);
        }
    }

    public void Report(Diagnostic diagnostic) => context.Error.WriteLine(diagnostic.ToString());

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }
    }

    /// <summary>Reports one error and returns the exit code for invalid input.</summary>
    public int Fail(Diagnostic diagnostic)
    {
        Report(diagnostic);
        return ExitCodes.Invalid;
    }

    /// <summary>"2 errors, 1 warning": a closing line for the error stream when something failed.</summary>
    public static string Count(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        var text = $"{errors} error{(errors == 1 ? "" : "s")}";
        return warnings == 0 ? text : $"{text}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }
}
