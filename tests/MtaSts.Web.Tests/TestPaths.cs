namespace MtaSts.Web.Tests;

internal static class TestPaths
{
    /// <summary>The repository root (the directory with MtaSts.Build.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Where test artifacts (the screenshots) are kept: artifacts/test-results/web.</summary>
    public static string Results
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "artifacts", "test-results", "web");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MtaSts.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MtaSts.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
