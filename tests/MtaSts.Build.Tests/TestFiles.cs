using MtaSts.Policy;

namespace MtaSts.Build.Tests;

/// <summary>Configurations and file helpers shared by the tests.</summary>
internal static class TestFiles
{
    public const string Valid = MtaSts.Testing.ValidConfig.Yaml;

    /// <summary>Three errors, on lines 2, 4 and 5.</summary>
    public const string Invalid = """
        domain: example.com
        mode: enforcing
        mx:
          - "mail*.example.com"
        max_age: 10y
        """;

    /// <summary>The repository root, found from the test binaries (artifacts/bin/...).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string TargetsDirectory => Path.Combine(RepositoryRoot, "src", "MtaSts.Build", "build");

    /// <summary>The task assembly these tests were built with: what the package ships in tasks/net10.0 (tasks/net8.0 is the same code).</summary>
    public static string TaskAssembly => typeof(GenerateMtaStsFiles).Assembly.Location;

    /// <summary>MtaSts.AspNetCore, as built with these tests: what the generated glue calls.</summary>
    public static string RuntimeLibraryAssembly => typeof(MtaSts.AspNetCore.ServedPolicy).Assembly.Location;

    public static Deployment Deploy(string yaml, ValidationOptions? options = null)
    {
        var result = ConfigValidator.Validate(yaml, "mta-sts.yaml", options);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Deployment!;
    }

    /// <summary>Sets a file's write time into the past, so a rewrite would be visible whatever the clock resolution.</summary>
    public static DateTime Age(string path)
    {
        var past = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(path, past);
        return File.GetLastWriteTimeUtc(path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MtaSts.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MtaSts.Build.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "MtaSts.Build.Tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string Write(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file (an app under test) must not fail the test run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
