using System.Globalization;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An ASP.NET Core project written the way a user would have it: Microsoft.NET.Sdk.Web, an mta-sts.yaml beside the
/// project file, and MtaSts.AspNetCore (which brings MtaSts.Build) added with <c>dotnet add package</c> (which restores). Builds run out of process
/// with <c>--no-restore</c>, no node reuse, the classic console logger and a binlog per command.
/// </summary>
public sealed class WebProject
{
    private readonly PackagedMtaStsBuild package;
    private int commandCount;

    private WebProject(PackagedMtaStsBuild package, string name, string directory)
    {
        this.package = package;
        Name = name;
        Directory = directory;
    }

    public string Name { get; }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    public string ConfigFile => Path.Combine(Directory, "mta-sts.yaml");

    public string WellKnownDirectory => Path.Combine(Directory, "wwwroot", ".well-known");

    public string PolicyFile => Path.Combine(WellKnownDirectory, "mta-sts.txt");

    public string PublishDirectory => Path.Combine(Directory, "bin", "Release", "net10.0", "publish");

    /// <summary>Writes the project and adds the package with <c>dotnet add package</c>; fails the caller if that fails.</summary>
    public static async Task<WebProject> CreateAsync(
        PackagedMtaStsBuild package,
        string name,
        string config,
        string? program = null,
        string targetFrameworks = "net10.0",
        string packageId = PackagedMtaStsBuild.RuntimePackageId,
        string properties = "",
        string sdk = "Microsoft.NET.Sdk.Web",
        string items = "")
    {
        var project = new WebProject(package, name, package.NewProjectDirectory(name));
        var frameworkProperty = targetFrameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework";
        File.WriteAllText(project.ProjectFile, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <{frameworkProperty}>{targetFrameworks}</{frameworkProperty}>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>{properties}
              </PropertyGroup>
              <ItemGroup>{items}
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(project.Directory, "Program.cs"), program ?? Programs.MapStaticAssets(name));
        project.WriteConfig(config);

        var add = await project.DotNetAsync("add", ["package", packageId, "--version", package.Version], binaryLog: false);
        Assert.True(add.Succeeded, add.Describe());
        return project;
    }

    public void WriteConfig(string yaml) => File.WriteAllText(ConfigFile, yaml);

    public string OutputDirectory(string targetFramework = "net10.0", string configuration = "Debug") =>
        Path.Combine(Directory, "bin", configuration, targetFramework);

    /// <summary>The DNS zone snippet, <c>$(OutDir)mta-sts.zone</c>.</summary>
    public string ZoneFile(string targetFramework = "net10.0", string configuration = "Debug") =>
        Path.Combine(OutputDirectory(targetFramework, configuration), "mta-sts.zone");

    /// <summary>C# files the package generated into obj/ (the ones that define <c>MtaStsPolicy</c>).</summary>
    public IReadOnlyList<string> GeneratedSources(string targetFramework = "net10.0", string configuration = "Debug")
    {
        var obj = Path.Combine(Directory, "obj", configuration, targetFramework);
        return System.IO.Directory.Exists(obj)
            ? System.IO.Directory.EnumerateFiles(obj, "*.cs", SearchOption.AllDirectories)
                .Where(file => File.ReadAllText(file).Contains("class MtaStsPolicy", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    public Task<CommandResult> BuildAsync(params string[] arguments) => DotNetAsync("build", ["--no-restore", .. arguments]);

    public Task<CommandResult> PublishAsync(params string[] arguments) => DotNetAsync("publish", ["--no-restore", .. arguments]);

    public async Task<CommandResult> DotNetAsync(string verb, string[] arguments, bool binaryLog = true)
    {
        var number = Interlocked.Increment(ref commandCount).ToString("00", CultureInfo.InvariantCulture);
        var log = binaryLog ? Path.Combine(package.LogDirectory, $"{Name}-{number}-{verb}.binlog") : null;
        string[] msbuild = verb is "build" or "publish" or "restore" or "clean" or "msbuild"
            ? ["-nodeReuse:false", "-tl:off", "-clp:Summary", "-nologo", .. log is null ? Array.Empty<string>() : [$"-bl:{log}"]]
            : [];
        return await Command.RunAsync("dotnet", [verb, .. arguments, .. msbuild], Directory, package.DotNetEnvironment, TimeSpan.FromMinutes(5), log);
    }
}
