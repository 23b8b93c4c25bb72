namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>
/// What the interop tests need from the machine. Missing pieces fail the tests with a message that says how to get
/// them; they are never skipped, so a CI run without them cannot look green.
/// </summary>
public static class Prerequisites
{
    /// <summary>The commands build/interop.sh runs, and the dotnet that builds the site.</summary>
    public static readonly IReadOnlyList<string> Tools =
    [
        "ip", "knotd", "knotc", "kdig", "kzonecheck", "named-checkzone", "mta-sts-query", "openssl", "curl", "python3", "bash", "dotnet",
    ];

    public static void Verify()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            problems.Add("the interop tests need Linux (network namespaces)");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            problems.Add("the interop tests must run as root (ip netns, ports 53 and 443 inside the namespace)");
        }

        var missing = Tools.Where(tool => FindOnPath(tool) is null).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing commands: {string.Join(", ", missing)}; install the Debian packages listed in build/interop/ci-packages.txt");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Interop tests cannot run: " + string.Join("; ", problems) + ".");
        }
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
