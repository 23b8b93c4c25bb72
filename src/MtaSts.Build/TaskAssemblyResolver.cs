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
        var name = new AssemblyName(args.Name).Name;
        if (Array.IndexOf(shipped, name) < 0)
        {
            return null;
        }

        var path = Path.Combine(Path.GetDirectoryName(typeof(TaskAssemblyResolver).Assembly.Location)!, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
#endif
