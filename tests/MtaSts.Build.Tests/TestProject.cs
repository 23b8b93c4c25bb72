namespace MtaSts.Build.Tests;

/// <summary>
/// A temporary project that uses MtaSts.Build the way the package does: build/MtaSts.Build.props from
/// Directory.Build.props and build/MtaSts.Build.targets from Directory.Build.targets (MSBuild imports those at the same
/// places as a package's props and targets), with the task assembly these tests were built with.
/// </summary>
internal sealed class TestProject : IDisposable
{
    private readonly TempDirectory directory = new();

    private TestProject(string name, string sdk, string properties, string? yaml, string source, string? targetFrameworks = null, string items = "")
    {
        var frameworks = targetFrameworks is null
            ? "<TargetFramework>net10.0</TargetFramework>\n    <Nullable>enable</Nullable>\n    <ImplicitUsings>enable</ImplicitUsings>"
            : $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>";
        Name = name;
        directory.Write("Directory.Build.props", $"""
            <Project>
              <Import Project="{TestFiles.TargetsDirectory}/MtaSts.Build.props" />
              <PropertyGroup>
                <_MtaStsTaskAssembly>{TestFiles.TaskAssembly}</_MtaStsTaskAssembly>
              </PropertyGroup>
            </Project>
            """);
        directory.Write("Directory.Build.targets", $"""
            <Project>
              <Import Project="{TestFiles.TargetsDirectory}/MtaSts.Build.targets" />
            </Project>
            """);
        ProjectFile = directory.Write(name + ".csproj", $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                {frameworks}
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);
        directory.Write(name == "Site" ? "Program.cs" : "Probe.cs", source);
        if (yaml is not null)
        {
            directory.Write("mta-sts.yaml", yaml);
        }
    }

    /// <summary>
    /// An ASP.NET Core site (Microsoft.NET.Sdk.Web) that serves the policy with MtaSts.AspNetCore (the assembly these
    /// tests were built with, and what its package's props says: the runtime library is there).
    /// </summary>
    public static TestProject Web(string? yaml = TestFiles.Valid, string properties = "") => new("Site", "Microsoft.NET.Sdk.Web",
        properties + "\n    <MtaStsAspNetCoreVersion>source</MtaStsAspNetCoreVersion>\n    <_MtaStsCheckRuntimeLibraryVersion>false</_MtaStsCheckRuntimeLibraryVersion>",
        yaml, """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        var app = builder.Build();
        app.UseStaticFiles();
        app.MapStaticAssets();
        app.MapMtaStsPolicy();
        app.MapGet("/", () => "home");
        app.Run();
        """,
        items: $"<Reference Include=\"{TestFiles.RuntimeLibraryAssembly}\" />");

    /// <summary>A class library (Microsoft.NET.Sdk) that reads the generated policy class.</summary>
    /// <param name="targetFrameworks">Multi-targets, e.g. <c>net10.0;netstandard2.0</c> (C# 7.3: no nullable, no implicit usings).</param>
    public static TestProject Library(string? yaml = TestFiles.Valid, string properties = "", bool usesPolicy = true, string? targetFrameworks = null) =>
        new("Lib", "Microsoft.NET.Sdk", properties, yaml,
            usesPolicy
                ? "namespace Lib\n{\n    public static class Probe\n    {\n        public static string Id => MtaStsPolicy.Id;\n    }\n}\n"
                : "namespace Lib\n{\n    public static class Probe\n    {\n    }\n}\n",
            targetFrameworks);

    public string Name { get; }

    public string Directory => directory.Path;

    public string ProjectFile { get; }

    public string OutDir => File("bin/Debug/net10.0/");

    public string IntermediateDir => File("obj/Debug/net10.0/");

    public string File(string relative) => directory.File(relative);

    public void Write(string relative, string text) => directory.Write(relative, text);

    public BuildOutcome Restore() => InProcessBuild.Restore(ProjectFile);

    public BuildOutcome Build(IReadOnlyDictionary<string, string>? properties = null, params string[] targets) =>
        InProcessBuild.Run(ProjectFile, properties, targets);

    /// <summary>Builds and fails the test unless the build succeeded.</summary>
    public BuildOutcome BuildSucceeded(IReadOnlyDictionary<string, string>? properties = null, params string[] targets)
    {
        var outcome = Build(properties, targets);
        Assert.True(outcome.Succeeded, "build failed:\n" + outcome);
        return outcome;
    }

    public void Dispose() => directory.Dispose();
}
