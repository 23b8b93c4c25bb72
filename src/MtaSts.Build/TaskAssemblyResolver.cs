using System.Reflection;

namespace MtaSts.Build;

/// <summary>
/// .NET Framework MSBuild (Visual Studio) loads every task into one AppDomain, without the per-task load context that
/// the .NET SDK's MSBuild gives. When binding MtaSts or YamlDotNet fails there, load the copy shipped beside this
/// assembly (the pattern Nerdbank.GitVersioning uses). Registered only on .NET Framework (see GenerateMtaStsFiles.cs);
/// compiled for every target so that its decisions are tested.
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

    /// <summary>
    /// The handler sees every failed bind in the AppDomain: it answers only binds made by our own assemblies (a bind
    /// without a requesting assembly may be anyone's), for an assembly we ship, in the version we ship or an older one;
    /// never another task's request for its own YamlDotNet.
    /// </summary>
    internal static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        if (Array.IndexOf(shipped, requested.Name) < 0)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(typeof(TaskAssemblyResolver).Assembly.Location)!;
        var path = Path.Combine(directory, requested.Name + ".dll");
        if (!File.Exists(path) || args.RequestingAssembly is not { } requester || !IsOurs(requester, directory))
        {
            return null;
        }

        var shippedName = AssemblyName.GetAssemblyName(path);
        return requested.Version is null || requested.Version <= shippedName.Version ? Assembly.LoadFrom(path) : null;
    }

    private static bool IsOurs(Assembly assembly, string directory) =>
        !assembly.IsDynamic && string.Equals(Path.GetDirectoryName(assembly.Location), directory, StringComparison.OrdinalIgnoreCase);
}
