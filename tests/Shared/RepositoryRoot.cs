namespace MtaSts.Testing;

/// <summary>The repository this test assembly was built from (the folder holding MtaSts.Build.sln).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MtaSts.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MtaSts.Build.sln above {AppContext.BaseDirectory}.");
    });

    public static string Path => Root.Value;
}
