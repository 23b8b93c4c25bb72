using System.Reflection;

namespace MtaSts.Build.Tests;

/// <summary>
/// The .NET Framework fallback binder answers only our own assemblies' binds for what we ship. The test output folder
/// holds the task assembly with MtaSts.dll and YamlDotNet.dll beside it, as the package's tasks/ folder does.
/// </summary>
public sealed class TaskAssemblyResolverTests
{
    private static readonly Assembly Task = typeof(GenerateMtaStsFiles).Assembly;
    private static readonly AssemblyName Core = Task.GetReferencedAssemblies().Single(a => a.Name == "MtaSts");

    private static Assembly? Resolve(string name, Assembly? requester) =>
        TaskAssemblyResolver.Resolve(null, new ResolveEventArgs(name, requester));

    [Fact]
    public void A_bind_by_the_task_for_the_shipped_version_gets_the_assembly_beside_it()
    {
        var resolved = Resolve(Core.FullName, Task);

        Assert.NotNull(resolved);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(Task.Location)!, "MtaSts.dll"), resolved.Location);
    }

    [Fact]
    public void A_bind_by_the_task_for_an_older_version_gets_the_shipped_one() =>
        Assert.NotNull(Resolve("MtaSts, Version=0.0.0.1, Culture=neutral, PublicKeyToken=null", Task));

    [Fact]
    public void A_bind_without_a_requesting_assembly_is_not_answered() =>
        Assert.Null(Resolve(Core.FullName, null));

    [Fact]
    public void A_bind_by_an_assembly_from_another_folder_is_not_answered() =>
        Assert.Null(Resolve(Core.FullName, typeof(object).Assembly));

    [Fact]
    public void A_bind_for_a_newer_version_than_shipped_is_not_answered() =>
        Assert.Null(Resolve("YamlDotNet, Version=999.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e", Task));

    [Fact]
    public void A_bind_for_an_assembly_we_do_not_ship_is_not_answered() =>
        Assert.Null(Resolve("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad9ada269ba6ad", Task));
}
