#if NETFRAMEWORK
using System.Reflection;

namespace MtaSts.Build;

/// <summary>
/// .NET Framework MSBuild (Visual Studio) loads every task into one AppDomain, without the per-task load context that
/// the .NET SDK's MSBuild gives. When binding MtaSts or YamlDotNet fails there, load the copy shipped beside this
/// assembly (the pattern Nerdbank.GitVersioning uses).
/// </summary>
internal static class TaskAssemblyResolver
{
    private static readonly string[] shipped = ["MtaSts", "YamlDotNet"];
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (Array.IndexOf(shipped, requested.Name) < 0)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(typeof(TaskAssemblyResolver).Assembly.Location)!;
        var path = Path.Combine(directory, requested.Name + ".dll");
        if (!File.Exists(path) || (args.RequestingAssembly is { } requester && !IsOurs(requester, directory)))
        {
            return null;
        }

        // The handler sees every failed bind in the AppDomain: answer only binds made by our own assemblies, for the
        // version we ship or an older one, never another task's request for its own YamlDotNet.
        var shippedName = AssemblyName.GetAssemblyName(path);
        return requested.Version is null || requested.Version <= shippedName.Version ? Assembly.LoadFrom(path) : null;
    }

    private static bool IsOurs(Assembly assembly, string directory) =>
        !assembly.IsDynamic && string.Equals(Path.GetDirectoryName(assembly.Location), directory, StringComparison.OrdinalIgnoreCase);
}
#endif
