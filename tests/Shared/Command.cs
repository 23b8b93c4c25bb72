using System.Diagnostics;
using System.Text;

namespace MtaSts.Testing;

/// <summary>
/// What a finished process left behind: exit code, its standard output, stdout and stderr interleaved, and its binlog
/// if it wrote one.
/// </summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string Output, TimeSpan Elapsed, string? BinaryLog = null)
{
    public bool Succeeded => ExitCode == 0;

    public string[] Lines => Output.Split('\n', StringSplitOptions.TrimEntries);

    /// <summary>A failure message: the command, where its binlog is, and the end of its output.</summary>
    public string Describe()
    {
        var lines = Output.Split('\n');
        var tail = string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 80)));
        return $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s"
            + (BinaryLog is null ? "" : $"\nbinlog: {BinaryLog}")
            + $"\n--- output (last 80 lines) ---\n{tail}";
    }
}

/// <summary>Runs a process to completion, capturing its output; kills the whole tree on timeout.</summary>
public static class Command
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? binaryLog = null)
    {
        var startInfo = StartInfo(fileName, arguments, workingDirectory, environment);

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        void Append(string? line, bool isStandardOutput)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(line).Append('\n');
                if (isStandardOutput)
                {
                    standardOutput.Append(line).Append('\n');
                }
            }
        }

        var commandLine = fileName + " " + string.Join(' ', startInfo.ArgumentList.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data, isStandardOutput: true);
        process.ErrorDataReceived += (_, e) => Append(e.Data, isStandardOutput: false);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append($"*** killed after {stopwatch.Elapsed.TotalSeconds:F0} s (timeout)", isStandardOutput: false);
        }

        lock (output)
        {
            return new CommandResult(commandLine, process.ExitCode, standardOutput.ToString(), output.ToString(), stopwatch.Elapsed, binaryLog);
        }
    }

    /// <summary>A child with redirected standard streams and the environment of <see cref="ApplyEnvironment"/>.</summary>
    internal static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ApplyEnvironment(startInfo, environment);
        return startInfo;
    }

    /// <summary>
    /// The child gets this process's environment minus what a test host or an outer MSBuild injects (MSBuild*
    /// variables would redirect SDK resolution or become global properties; ASPNETCORE_* would configure the site
    /// under test), plus the overrides.
    /// </summary>
    private static void ApplyEnvironment(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string?>? overrides)
    {
        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No MSBuild node may outlive a test build holding the package's task assembly.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
    }
}
