using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace MtaSts.Build.Tests;

/// <summary>
/// MSBuild's assemblies come from the installed .NET SDK, as they do for a real build, never from this test's output
/// folder. The locator must be registered before any code that uses an MSBuild type is compiled, hence a module
/// initializer, the first code of this assembly to run.
/// </summary>
internal static class MSBuildSetup
{
#pragma warning disable CA2255 // A test assembly, not a library: it owns its process.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RegisterMSBuild()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            var instance = MSBuildLocator.RegisterDefaults();
            DotNetHost = FindDotNetHost(instance.MSBuildPath);
        }

        // MSBuild's Csc task and the test's own child processes run the dotnet host of that SDK.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")))
        {
            Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", DotNetHost);
        }

        // Builds started by the tests must not leave MSBuild nodes holding the task assembly.
        Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1");
    }

    /// <summary>The <c>dotnet</c> executable of the SDK MSBuild runs from (<c>&lt;root&gt;/sdk/&lt;version&gt;/</c>).</summary>
    public static string DotNetHost { get; private set; } = "dotnet";

    private static string FindDotNetHost(string msbuildPath)
    {
        var root = Path.GetFullPath(Path.Combine(msbuildPath, "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
