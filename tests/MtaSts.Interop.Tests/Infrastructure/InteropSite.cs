using System.Globalization;

namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>One published build of the site: where it is, the zone snippet it wrote, and copies of both outputs.</summary>
/// <param name="Stage">testing, enforce, none.</param>
/// <param name="PublishDirectory">The output of <c>dotnet publish -o</c>, one folder per stage, run from there.</param>
/// <param name="ZoneSnippet">The build's own <c>$(OutDir)mta-sts.zone</c> (rewritten by the next build).</param>
/// <param name="SnapshotZoneSnippet">A byte copy of the zone snippet as this build wrote it.</param>
/// <param name="SnapshotPolicy">A byte copy of the policy file this build published.</param>
/// <param name="PolicyId">The id of the generated <c>_mta-sts</c> TXT record.</param>
public sealed record SiteBuild(string Stage, string PublishDirectory, string ZoneSnippet, string SnapshotZoneSnippet, string SnapshotPolicy, string PolicyId);

/// <summary>One published build of the multi-domain site.</summary>
/// <param name="PublishDirectory">The output of <c>dotnet publish -o</c>, run from there.</param>
/// <param name="ZoneDirectory">The build's <c>$(OutDir)mta-sts/</c>: one <c>&lt;A-label&gt;.zone</c> per domain.</param>
/// <param name="SiteCommand">How build/interop.sh starts the site from <paramref name="PublishDirectory"/>.</param>
public sealed record MultiDomainBuild(string PublishDirectory, string ZoneDirectory, string SiteCommand)
{
    public string ZoneSnippet(string domain) => Path.Combine(ZoneDirectory, domain + ".zone");
}

/// <summary>
/// samples/Contoso.Web built the way a user builds it: MtaSts.Build and MtaSts.AspNetCore packed once per run into a feed of its own
/// (build/pack.sh, a version no earlier run used), the sample copied to a temporary directory outside the repository
/// with MtaSts.AspNetCore (which brings MtaSts.Build) added by <c>dotnet add package</c> (cleared nuget.config, its own NUGET_PACKAGES), then
/// <c>dotnet publish</c>. The fixture publishes the testing stage; tests publish the next stages.
/// </summary>
/// <remarks>
/// <c>MTASTS_INTEROP_FEED</c> + <c>MTASTS_INTEROP_VERSION</c> reuse an existing feed (e.g. from build/pack.sh) instead
/// of packing; <c>MTASTS_INTEROP_KEEP=1</c> keeps the temporary directory.
/// </remarks>
public sealed class InteropSite : IAsyncLifetime
{
    /// <summary>What an ASP.NET Core site adds: the runtime library, which brings MtaSts.Build.</summary>
    public const string PackageId = "MtaSts.AspNetCore";
    public const string ProjectName = "Contoso.Web";

    /// <summary>The sample's health check, a package of its own.</summary>
    public const string HealthChecksPackageId = "MtaSts.AspNetCore.HealthChecks";

    public InteropSite()
    {
        var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "mtasts-interop-tests-" + runId);
        Feed = Environment.GetEnvironmentVariable("MTASTS_INTEROP_FEED") is { Length: > 0 } feed ? Path.GetFullPath(feed) : Path.Combine(Root, "feed");
        Version = Environment.GetEnvironmentVariable("MTASTS_INTEROP_VERSION") is { Length: > 0 } version ? version : "0.1.0-interop." + runId;
        ProjectDirectory = Path.Combine(Root, ProjectName);
        NetworkRoot = Path.Combine(Root, "net");
    }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string ProjectDirectory { get; }

    /// <summary>Parent of the work directories of build/interop.sh.</summary>
    public string NetworkRoot { get; }

    public string ConfigFile => Path.Combine(ProjectDirectory, "mta-sts.yaml");

    /// <summary>The DNS zone snippet, <c>$(OutDir)mta-sts.zone</c>.</summary>
    public string ZoneFile => Path.Combine(ProjectDirectory, "bin", "Release", "net10.0", "mta-sts.zone");

    /// <summary>How build/interop.sh starts the site, from a publish directory.</summary>
    public string SiteCommand => $"dotnet {ProjectName}.dll";

    /// <summary>The testing stage, published by the fixture.</summary>
    public SiteBuild Testing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Prerequisites.Verify();
        // Namespaces an earlier, killed run left behind (its own only: build/interop.sh prune reads the mark).
        var prune = await Script.RunAsync(["prune"]);
        Assert.True(prune.Succeeded, "build/interop.sh prune failed:\n" + prune.Describe());
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(NetworkRoot);
        File.Copy(Path.Combine(RepositoryRoot.Path, "global.json"), Path.Combine(Root, "global.json"));
        File.WriteAllText(Path.Combine(Root, "nuget.config"), LocalFeed.NuGetConfig(Feed));
        const string boundary = "<Project>\n  <!-- Stops MSBuild's search for Directory.Build.* above the test site. -->\n</Project>\n";
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), boundary);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), boundary);

        if (Environment.GetEnvironmentVariable("MTASTS_INTEROP_FEED") is not { Length: > 0 })
        {
            var pack = await Command.RunAsync(
                "bash",
                [Path.Combine(RepositoryRoot.Path, "build", "pack.sh"), "--version", Version, "--output", Feed],
                RepositoryRoot.Path,
                timeout: TimeSpan.FromMinutes(10));
            Assert.True(pack.Succeeded, "build/pack.sh failed:\n" + pack.Describe());
        }

        var nupkg = Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} does not exist.");

        CopySample();
        File.WriteAllText(ConfigFile, Configs.Testing);
        var add = await DotNetAsync("add", "package", PackageId, "--version", Version);
        Assert.True(add.Succeeded, add.Describe());
        // The sample also receives TLS-RPT reports (app.MapTlsRptReports()).
        var receiver = await DotNetAsync("add", "package", "MtaSts.AspNetCore.TlsRpt", "--version", Version);
        Assert.True(receiver.Succeeded, receiver.Describe());
        // The sample's health check (Program.cs: AddHealthChecks().AddMtaSts()).
        var addHealthChecks = await DotNetAsync("add", "package", HealthChecksPackageId, "--version", Version);
        Assert.True(addHealthChecks.Succeeded, addHealthChecks.Describe());
        Testing = await PublishAsync("testing", Configs.Testing);
    }

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("MTASTS_INTEROP_KEEP") != "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp directory; nothing runs from it any more.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes <paramref name="yaml"/> as mta-sts.yaml and publishes the site to a folder of its own.</summary>
    public async Task<SiteBuild> PublishAsync(string stage, string yaml)
    {
        File.WriteAllText(ConfigFile, yaml);
        var publishDirectory = Path.Combine(Root, "publish", stage);
        var publish = await DotNetAsync("publish", "-c", "Release", "--no-restore", "-o", publishDirectory, "-nodeReuse:false", "-tl:off", "-nologo", "-clp:Summary");
        Assert.True(publish.Succeeded, publish.Describe());

        var snapshot = Path.Combine(Root, "stages", stage);
        Directory.CreateDirectory(snapshot);
        var zone = Path.Combine(snapshot, "mta-sts.zone");
        var policy = Path.Combine(snapshot, "mta-sts.txt");
        File.Copy(ZoneFile, zone);
        File.Copy(Path.Combine(publishDirectory, "wwwroot", ".well-known", "mta-sts.txt"), policy);
        return new SiteBuild(stage, publishDirectory, ZoneFile, zone, policy, ZoneSnippet.PolicyId(zone, Configs.Domain));
    }

    /// <summary>
    /// A second site for the multi-domain form (<c>defaults:</c> + <c>domains:</c>), in a project of its own so that
    /// it never touches the sample's outputs: the `dotnet new web` shape with <c>AddMtaSts()</c> + <c>app.MapMtaStsPolicy()</c>, the package
    /// added from the same feed, published once to <c>publish/multi</c>.
    /// </summary>
    public async Task<MultiDomainBuild> PublishMultiDomainAsync(string yaml)
    {
        var project = Path.Combine(Root, MultiDomainProjectName);
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, MultiDomainProjectName + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMtaSts();
            var app = builder.Build();
            app.MapStaticAssets();
            app.MapMtaStsPolicy();
            app.MapGet("/", () => "Contoso and friends");
            app.Run();

            """);
        File.WriteAllText(Path.Combine(project, "mta-sts.yaml"), yaml);
        var add = await DotNetInAsync(project, "add", "package", PackageId, "--version", Version);
        Assert.True(add.Succeeded, add.Describe());
        var publishDirectory = Path.Combine(Root, "publish", "multi");
        var publish = await DotNetInAsync(project, "publish", "-c", "Release", "--no-restore", "-o", publishDirectory, "-nodeReuse:false", "-tl:off", "-nologo", "-clp:Summary");
        Assert.True(publish.Succeeded, publish.Describe());
        return new MultiDomainBuild(publishDirectory, Path.Combine(project, "bin", "Release", "net10.0", "mta-sts"), $"dotnet {MultiDomainProjectName}.dll");
    }

    public const string MultiDomainProjectName = "Contoso.Multi";

    /// <summary>
    /// The <c>mta-sts</c> tool from the same feed, installed with <c>dotnet tool install --tool-path</c>;
    /// returns the path of the command.
    /// </summary>
    public async Task<string> InstallCliAsync()
    {
        var toolPath = Path.Combine(Root, "tools");
        var command = Path.Combine(toolPath, "mta-sts");
        if (!File.Exists(command))
        {
            var install = await DotNetInAsync(Root, "tool", "install", "MtaSts.Cli", "--version", Version, "--tool-path", toolPath);
            Assert.True(install.Succeeded, install.Describe());
        }

        return command;
    }

    private Task<CommandResult> DotNetAsync(params string[] arguments) => DotNetInAsync(ProjectDirectory, arguments);

    private Task<CommandResult> DotNetInAsync(string workingDirectory, params string[] arguments) =>
        Command.RunAsync(
            "dotnet",
            arguments,
            workingDirectory,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") },
            TimeSpan.FromMinutes(5));

    /// <summary>
    /// The sample as a user would have it: its project, code and content, without the repository wiring
    /// (Directory.Build.*, Directory.Packages.props), build output or generated policy file.
    /// </summary>
    private void CopySample()
    {
        var sample = Path.Combine(RepositoryRoot.Path, "samples", ProjectName);
        string[] skippedDirectories = ["bin", "obj", Path.Combine("wwwroot", ".well-known")];
        string[] skippedFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "mta-sts.yaml"];
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sample, file);
            if (skippedFiles.Contains(relative) || skippedDirectories.Any(directory => relative.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var target = Path.Combine(ProjectDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Assert.True(File.Exists(Path.Combine(ProjectDirectory, ProjectName + ".csproj")), $"No {ProjectName}.csproj in {sample}.");
    }

}

[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropSite>
{
    /// <summary>One collection: one package, one site, tests one after another.</summary>
    public const string Name = "Interop";
}
