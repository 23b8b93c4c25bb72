using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;

namespace MtaSts.NetFrameworkHarness;

/// <summary>
/// usage: mono MtaSts.NetFrameworkHarness.exe TASKS_DIR LOAD (LoadFrom|LoadFile) CASE_DIR...
///
/// Loads TASKS_DIR/MtaSts.Build.Tasks.dll and runs GenerateMtaStsFiles once per CASE_DIR (each holds an
/// mta-sts.yaml; the outputs go into CASE_DIR/out/). LoadFrom is how .NET Framework MSBuild loads a task
/// (Assembly.UnsafeLoadFrom: dependencies are probed beside it); LoadFile gives no such probing, so every bind for
/// MtaSts and YamlDotNet has to go through the task's AssemblyResolve fallback.
///
/// Prints one record per line, fields separated by TAB, for the test to check:
///   case NAME / result BOOL / error|warning CODE FILE LINE COL ENDLINE ENDCOL MESSAGE / message IMPORTANCE TEXT /
///   output NAME VALUE / resolve NAME REQUESTER / bind NAME LOCATION|declined / assembly NAME LOCATION
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length < 3 || (args[1] != "LoadFrom" && args[1] != "LoadFile"))
        {
            Console.Error.WriteLine("usage: MtaSts.NetFrameworkHarness.exe TASKS_DIR LoadFrom|LoadFile CASE_DIR...");
            return 2;
        }

        // Registered before the task assembly is loaded, so this handler runs first and sees every failed bind; it
        // answers none of them (the task's own handler, registered later, may).
        AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
        {
            Print("resolve", e.Name, e.RequestingAssembly?.GetName().Name ?? "");
            return null;
        };

        var taskPath = Path.Combine(Path.GetFullPath(args[0]), "MtaSts.Build.Tasks.dll");
        var taskAssembly = args[1] == "LoadFrom" ? Assembly.LoadFrom(taskPath) : Assembly.LoadFile(taskPath);
        var taskType = taskAssembly.GetType("MtaSts.Build.GenerateMtaStsFiles", throwOnError: true)!;

        foreach (var caseDirectory in args.Skip(2).Select(Path.GetFullPath))
        {
            Print("case", Path.GetFileName(caseDirectory));
            var engine = new RecordingBuildEngine();
            var task = (ITask)Activator.CreateInstance(taskType)!;
            task.BuildEngine = engine;
            // The parameters as the package's targets pass them (src/MtaSts.Build/build/MtaSts.Build.targets).
            Set(task, "ConfigFile", Path.Combine(caseDirectory, "mta-sts.yaml"));
            Set(task, "ProjectDirectory", caseDirectory);
            Set(task, "PolicyFile", Path.Combine("out", "wwwroot", ".well-known", "mta-sts.txt"));
            Set(task, "ZoneFile", Path.Combine("out", "mta-sts.zone"));
            Set(task, "CodeFile", Path.Combine("out", "MtaSts.g.cs"));
            Set(task, "Namespace", "Harness");
            Set(task, "GenerateEndpoint", true);

            var result = task.Execute();
            foreach (var e in engine.Events)
            {
                switch (e)
                {
                    case BuildErrorEventArgs error:
                        Print("error", error.Code, error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber, error.Message);
                        break;
                    case BuildWarningEventArgs warning:
                        Print("warning", warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber, warning.EndLineNumber, warning.EndColumnNumber, warning.Message);
                        break;
                    case BuildMessageEventArgs message:
                        Print("message", message.Importance, message.Message);
                        break;
                }
            }

            Print("output", "GeneratedPolicyId", taskType.GetProperty("GeneratedPolicyId")!.GetValue(task) ?? "");
            Print("result", result);
        }

        // A bind with no requesting assembly (Assembly.Load by name, as another task or MSBuild itself may do) for an
        // older version of an assembly the task ships. Mono hands back an already loaded assembly of the same version
        // without asking AssemblyResolve, so an older version is asked for: that bind reaches the handlers, and the
        // task's fallback must leave it to whoever asked.
        var yaml = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName()).FirstOrDefault(n => n.Name == "YamlDotNet");
        if (yaml is not null)
        {
            yaml.Version = new Version(1, 0, 0, 0);
            Print("bind", yaml.FullName, TryLoad(yaml));
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            Print("assembly", assembly.GetName().Name, assembly.Location);
        }

        return 0;
    }

    private static string TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name).Location;
        }
        catch (FileNotFoundException)
        {
            return "declined";
        }
    }

    /// <summary>Sets a task parameter the way MSBuild's task factory does: by reflection on the public property.</summary>
    private static void Set(ITask task, string name, object value) =>
        task.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.SetValue(task, value);

    /// <summary>One record; tabs and line breaks inside a field are escaped so that a record stays one line.</summary>
    private static void Print(string kind, params object?[] fields) =>
        Console.WriteLine(kind + "\t" + string.Join("\t", fields.Select(f => Convert.ToString(f, System.Globalization.CultureInfo.InvariantCulture)!
            .Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n"))));

    /// <summary>An <see cref="IBuildEngine"/> that keeps every event the task logs, in order.</summary>
    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildEventArgs> Events { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "harness.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) => Events.Add(e);

        public void LogErrorEvent(BuildErrorEventArgs e) => Events.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Events.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Events.Add(e);
    }
}
