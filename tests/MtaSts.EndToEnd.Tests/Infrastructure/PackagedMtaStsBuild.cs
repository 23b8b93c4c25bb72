using System.Globalization;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The MtaSts.Build and MtaSts.AspNetCore packages, packed once per test run with a version no earlier run used, in a feed under a temporary
/// directory outside the repository. Every test project lives below <see cref="Root"/>, which holds the repository's
/// global.json, a nuget.config that sees only that feed (plus nuget.org for framework packs a project may ask for),
/// and empty Directory.Build.* files so MSBuild's upward search stops there.
/// </summary>
/// <remarks>
/// Environment overrides, to iterate without repacking: <c>MTASTS_E2E_FEED</c> + <c>MTASTS_E2E_VERSION</c> use an
/// existing feed (e.g. from <c>build/pack.sh</c>); <c>MTASTS_E2E_KEEP=1</c> keeps the temporary directory.
/// </remarks>
public sealed class PackagedMtaStsBuild : IAsyncLifetime
{
    public const string PackageId = "MtaSts.Build";

    /// <summary>The runtime library, which brings <see cref="PackageId"/>: what an ASP.NET Core site adds.</summary>
    public const string RuntimePackageId = "MtaSts.AspNetCore";

    /// <summary>The health check, a package of its own (with MtaSts.Checking and the core package MtaSts).</summary>
    public const string HealthChecksPackageId = "MtaSts.AspNetCore.HealthChecks";

    public PackagedMtaStsBuild()
    {
        RunId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "mtasts-e2e-" + RunId);
        Feed = Environment.GetEnvironmentVariable("MTASTS_E2E_FEED") is { Length: > 0 } feed ? Path.GetFullPath(feed) : Path.Combine(Root, "feed");
        Version = Environment.GetEnvironmentVariable("MTASTS_E2E_VERSION") is { Length: > 0 } version ? version : "0.1.0-e2e." + RunId;
        // Per run, never the user's: a stale copy of a package version cannot exist there.
        PackagesFolder = Path.Combine(Root, "packages");
        LogDirectory = Path.Combine(RepositoryRoot.Path, "artifacts", "e2e-logs", RunId);
    }

    public string RunId { get; }

    /// <summary>Temporary directory that holds the feed, the packages folder and every test project.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackagesFolder { get; }

    /// <summary>Binary logs of every build, kept after the run (under artifacts/, which git ignores).</summary>
    public string LogDirectory { get; }

    /// <summary>Environment for every dotnet command a test runs.</summary>
    public IReadOnlyDictionary<string, string?> DotNetEnvironment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
    };

    public async Task InitializeAsync()
    {
        if (RepositoryRoot.Path.StartsWith(Root, StringComparison.Ordinal) || Root.StartsWith(RepositoryRoot.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The test projects must live outside the repository: {Root}");
        }

        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(LogDirectory);
        PruneOldLogs();
        File.Copy(Path.Combine(RepositoryRoot.Path, "global.json"), Path.Combine(Root, "global.json"));
        File.WriteAllText(Path.Combine(Root, "nuget.config"), LocalFeed.NuGetConfig(Feed));
        const string boundary = "<Project>\n  <!-- Stops MSBuild's search for Directory.Build.* above the test projects. -->\n</Project>\n";
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), boundary);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), boundary);

        if (Environment.GetEnvironmentVariable("MTASTS_E2E_FEED") is { Length: > 0 })
        {
            RequirePackage();
            return;
        }

        var pack = await Command.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build", "pack.sh"), "--version", Version, "--output", Feed],
            RepositoryRoot.Path,
            timeout: TimeSpan.FromMinutes(10));
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("build/pack.sh failed:\n" + pack.Describe());
        }

        RequirePackage();
    }

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("MTASTS_E2E_KEEP") != "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A site process that has not quite exited yet; the directory is in /tmp anyway.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A new directory for one test project, below <see cref="Root"/>.</summary>
    public string NewProjectDirectory(string name)
    {
        var directory = Path.Combine(Root, name);
        if (Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Two test projects are both called {name}.");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    private void RequirePackage()
    {
        foreach (var id in new[] { PackageId, RuntimePackageId, HealthChecksPackageId, "MtaSts", "MtaSts.Reporting", "MtaSts.AspNetCore.TlsRpt", "MtaSts.Checking" })
        {
            var nupkg = Path.Combine(Feed, $"{id}.{Version}.nupkg");
            if (!File.Exists(nupkg))
            {
                throw new InvalidOperationException($"{nupkg} does not exist.");
            }
        }
    }

    private void PruneOldLogs()
    {
        var parent = Path.GetDirectoryName(LogDirectory)!;
        foreach (var directory in Directory.EnumerateDirectories(parent))
        {
            if (Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddDays(-1))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PackagedMtaStsBuild>
{
    /// <summary>One collection: the tests run one after another, each build gets both cores.</summary>
    public const string Name = "End to end";
}
