namespace MtaSts.Cli;

/// <summary>
/// Everything a command touches outside its arguments: the two output streams, the directory relative paths are
/// resolved against, standard input and the clock. The real process uses the console; tests pass their own, so they
/// can run commands in parallel in one process.
/// </summary>
public sealed class CliContext
{
    /// <summary>Normal output: what was written, the records to publish, verdicts.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Diagnostics (errors and warnings) and usage errors.</summary>
    public required TextWriter Error { get; init; }

    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public Func<Stream> OpenInput { get; init; } = Console.OpenStandardInput;

    /// <summary>The clock for <c>id: timestamp</c>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliContext FromConsole() => new() { Out = Console.Out, Error = Console.Error };

    /// <summary>An absolute path for a path the user gave, relative to <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
