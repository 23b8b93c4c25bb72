using System.Diagnostics;
using System.Text;

namespace MtaSts.Cli.Tests;

/// <summary>What one run of the CLI did.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The error stream's lines, without the trailing empty one.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>A clock the test sets, for <c>id: timestamp</c>.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A fresh temporary directory per test, the working directory of the commands run in it, deleted afterwards.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mta-sts-cli-").FullName;
    }

    public string Directory { get; }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public void WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    /// <summary>Runs the CLI in this process, in this directory, with captured output.</summary>
    public CliRun Run(params string[] args) => RunWithInput(null, args);

    public CliRun RunWithInput(byte[]? input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext
        {
            Out = output,
            Error = error,
            WorkingDirectory = Directory,
            Clock = Clock,
            OpenInput = () => new MemoryStream(input ?? []),
        };
        var code = MtaStsCli.Run(args, context);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built <c>mta-sts.dll</c> as a real process (<c>dotnet mta-sts.dll …</c>) in this directory.</summary>
    public CliRun RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mta-sts.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("mta-sts did not exit within a minute.");
        }

        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not fail a test.
        }
    }
}

internal static class Configs
{
    public const string Valid = MtaSts.Testing.ValidConfig.WithTlsRpt;

    public const string ValidPolicyText = MtaSts.Testing.ValidConfig.PolicyText;
}
