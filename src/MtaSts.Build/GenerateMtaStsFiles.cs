using System.Reflection;
using Microsoft.Build.Framework;
using MtaSts.Diagnostics;
using MtaSts.Output;
using Task = Microsoft.Build.Utilities.Task;

namespace MtaSts.Build;

/// <summary>
/// MSBuild glue around <see cref="OutputPlanner"/>: properties in, the core's plan out, diagnostics logged as MSBuild
/// errors and warnings (code, file, line, column), then the C# source (<see cref="CodeFile"/>) and the core's files
/// written, each only when its bytes change. On any error nothing is written, so the last good outputs stay.
/// </summary>
public sealed class GenerateMtaStsFiles : Task
{
#if NETFRAMEWORK
    // No per-task load context on .NET Framework: the resolver is registered before anything binds MtaSts or YamlDotNet
    // (so no static initializers in this class: they would run first and can load types that name MtaSts's).
    static GenerateMtaStsFiles() => TaskAssemblyResolver.Register();
#endif

    /// <summary>The configuration file, <c>mta-sts.yaml</c>.</summary>
    [Required]
    public string ConfigFile { get; set; } = "";

    /// <summary>Where the policy file goes (served as <c>/.well-known/mta-sts.txt</c>). Empty: none.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Where the DNS zone snippet goes. Empty: none.</summary>
    public string? ZoneFile { get; set; }

    /// <summary>The multi-domain form: the directory of the zone snippets, one <c>&lt;domain&gt;.zone</c> per domain.</summary>
    public string? ZoneDirectory { get; set; }

    /// <summary>Where the list of the policy and zone files written is kept (<see cref="OutputOptions.OutputListFile"/>).</summary>
    public string? OutputListFile { get; set; }

    /// <summary>Where the generated C# goes. Empty: none.</summary>
    public string? CodeFile { get; set; }

    /// <summary>False in design-time builds: only <see cref="CodeFile"/> is written, the source tree is left alone.</summary>
    public bool WritePolicyAndZone { get; set; } = true;

    /// <summary>The namespace of the generated <c>MtaStsPolicy</c> class; empty for the global namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Also generate the glue for the runtime library, <c>builder.Services.AddMtaSts()</c> (the project references
    /// ASP.NET Core); without <see cref="RuntimeLibraryVersion"/>, errors that name the package to add instead.</summary>
    public bool GenerateEndpoint { get; set; }

    /// <summary>The version of MtaSts.AspNetCore the project references (its build/ props says); empty: none.</summary>
    public string? RuntimeLibraryVersion { get; set; }

    /// <summary>False only where both halves are built from the same source (this repository's own consumers).</summary>
    public bool CheckRuntimeLibraryVersion { get; set; } = true;

    /// <summary>The project file, where a version mismatch is reported.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Whether the generated C# may use <c>#nullable</c> (C# 8 or later).</summary>
    public bool NullableAnnotations { get; set; } = true;

    /// <summary>Replaces the configured id: <c>auto</c>, <c>timestamp</c> or a literal id. Empty: use the file's.</summary>
    public string? PolicyId { get; set; }

    /// <summary>The formats of the DNS records (<c>MtaStsDnsFormats</c>: <c>zone</c>, <c>bicep</c>, …); empty: <c>zone</c>.
    /// The other formats' files go next to the zone snippet (<see cref="OutputOptions.DnsFormats"/>).</summary>
    public string[]? DnsFormats { get; set; }

    /// <summary>The target of the Policy Host CNAME in every DNS format (<c>MtaStsPolicyHostCname</c>); empty: none
    /// (<see cref="OutputOptions.PolicyHostCname"/>).</summary>
    public string? PolicyHostCname { get; set; }

    /// <summary>
    /// The web servers and static hosts to write the configuration for (<c>MtaStsServers</c>: <c>nginx</c>, <c>caddy</c>,
    /// <c>apache</c>, <c>github-pages</c>, <c>azure-static-web-apps</c>, <c>netlify</c>); empty: none. The static hosts'
    /// files go into the policy file's site folder (wwwroot: published with the site), the web servers' next to the zone
    /// snippet (<see cref="OutputOptions.WebServerFilesWithRecords"/>), never into wwwroot where they would be served.
    /// </summary>
    public string[]? Servers { get; set; }

    /// <summary>The project directory; relative output paths are resolved against it and shown relative to it.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>The policy id that was generated (the first domain's, with several domains); set only on success.</summary>
    [Output]
    public string? GeneratedPolicyId { get; private set; }

    /// <summary>Whether any warning was logged: the targets then leave the outputs stale so the warnings come again next
    /// build (<c>-warnaserror</c> promotes them only in the loggers; a skipped target would turn a failed build green).</summary>
    [Output]
    public bool LoggedWarnings { get; private set; }

    public override bool Execute()
    {
        try
        {
            Generate();
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException))
        {
            Report(DiagnosticMessages.Hosts.BuildFailed.Create(default, null, null, ex));
        }

        return !Log.HasLoggedErrors;
    }

    private void Generate()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = OutputPlanner.Plan(FullPath(ConfigFile)!, new OutputOptions
        {
            PolicyFile = FullPath(PolicyFile),
            ZoneFile = FullPath(ZoneFile),
            ZoneDirectory = FullPath(ZoneDirectory),
            OutputListFile = FullPath(OutputListFile),
            IdOverride = PolicyId,
            DnsFormats = DnsFormats,
            PolicyHostCname = PolicyHostCname,
            Servers = Servers,
            WebServerFilesWithRecords = true,
            DisplayDirectory = ProjectDirectory,
        });
        plan.Diagnostics.ToList().ForEach(Report);

        // Warnings promoted with MSBuildWarningsAsErrors count as errors here too: nothing is written then.
        if (Log.HasLoggedErrors || plan.Deployment is not { } deployment)
        {
            return;
        }

        // The policy, then the DNS records (RFC 8461 §8.1), the C# last: if the policy cannot be written, the compiled site
        // keeps serving what is on disk and nothing else has changed. Design-time builds write only the C#.
        var files = WritePolicyAndZone ? plan.Files.Select(file => (file.Path, file.Content, file.Durable)).ToList() : [];
        if (FullPath(CodeFile) is { } codeFile)
        {
            var options = new PolicyDataWriter.Options
            {
                Namespace = Namespace, Glue = ChooseGlue(), NullableAnnotations = NullableAnnotations,
                ToolVersion = ToolVersion, SourceFile = Path.GetFileName(ConfigFile),
            };
            if (Log.HasLoggedErrors)
            {
                return;
            }

            files.Add((codeFile, new System.Text.UTF8Encoding(false).GetBytes(PolicyDataWriter.Write(plan.Deployments, plan.IsMultiDomain, options)), true));
        }

        var rendered = clock.ElapsedMilliseconds;
        if (files.All(file => TryWrite(file.Path, file.Content, file.Durable)) && (!WritePolicyAndZone || plan.StaleFiles.All(TryDelete)))
        {
            // With many domains most of the time is the file system's (docs/performance.md): say which part is which.
            Log.LogMessage(MessageImportance.Normal,
                $"MtaSts: {plan.Deployments.Count} domain(s) read, checked and rendered in {rendered} ms; {files.Count} files written or found unchanged in {clock.ElapsedMilliseconds - rendered} ms");
            GeneratedPolicyId = deployment.PolicyId;
            if (WritePolicyAndZone)
            {
                Log.LogMessage(MessageImportance.High, plan.Summary);
                var serverFiles = plan.Files.Where(f => f.Kind == GeneratedFileKind.ServerConfig).Select(f => Relative(f.Path)).ToList();
                if (serverFiles.Count > 0)
                {
                    Log.LogMessage(MessageImportance.High, $"MtaSts: to serve the policy without ASP.NET Core (MtaStsServers): {string.Join(", ", serverFiles)}");
                }
            }
        }
    }

    /// <summary>
    /// The generated <c>AddMtaSts()</c> calls the runtime library's API of the same version: another version is an error
    /// now, with both versions named, rather than a failure when the site runs. A newer MtaSts.AspNetCore than the
    /// MtaSts.Build it depends on is NuGet's own error (NU1605, a downgrade); this is the other way round.
    /// </summary>
    private Glue ChooseGlue()
    {
        if (!GenerateEndpoint)
        {
            return Glue.None;
        }

        if (string.IsNullOrWhiteSpace(RuntimeLibraryVersion))
        {
            return Glue.MissingRuntimeLibrary;
        }

        if (CheckRuntimeLibraryVersion && !string.Equals(RuntimeLibraryVersion!.Trim(), ToolVersion, StringComparison.OrdinalIgnoreCase))
        {
            Report(DiagnosticMessages.Hosts.RuntimeLibraryVersion.Create(default, ProjectFile, null, ToolVersion, RuntimeLibraryVersion!.Trim()));
        }

        return Glue.RuntimeLibrary;
    }

    private void Report(Diagnostic diagnostic)
    {
        // A wrong MtaStsDnsFormats, MtaStsServers or MtaStsPolicyHostCname is the project's, not mta-sts.yaml's: reported
        // on the project file, with the property's name first (as mta-sts generate puts the option's).
        var property = diagnostic.Descriptor == DiagnosticDescriptors.UnknownDnsFormat ? "MtaStsDnsFormats"
            : diagnostic.Descriptor == DiagnosticDescriptors.UnknownServer || diagnostic.Descriptor == DiagnosticDescriptors.PolicyFileNotInWellKnown ? "MtaStsServers"
            : diagnostic.Descriptor == DiagnosticDescriptors.InvalidPolicyHostCname ? "MtaStsPolicyHostCname"
            : null;
        var (span, code, file) = (diagnostic.Span.IsNone ? default : diagnostic.Span, diagnostic.Code,
            diagnostic.File ?? (property is not null ? ProjectFile ?? ConfigFile : ConfigFile));
        var message = property is null ? diagnostic.Message : property + ": " + diagnostic.Message;
        // MTASTS5007 is about the layout, not a mistake to fix: said when the outputs are generated, not on every build.
        LoggedWarnings |= !diagnostic.IsError && diagnostic.Descriptor != DiagnosticDescriptors.PoliciesDiffer;
        if (diagnostic.IsError)
        {
            Log.LogError(null, code, code, diagnostic.HelpLink, file, span.Line, span.Column, span.EndLine, span.EndColumn, message);
        }
        else
        {
            Log.LogWarning(null, code, code, diagnostic.HelpLink, file, span.Line, span.Column, span.EndLine, span.EndColumn, message);
        }
    }

    private bool TryWrite(string path, byte[] content, bool durable)
    {
        try
        {
            Log.LogMessage(MessageImportance.Low, AtomicFile.WriteIfChanged(path, content, durable) ? $"MtaSts: wrote {path}" : $"MtaSts: {path} is unchanged, not rewritten");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            Report(DiagnosticMessages.Hosts.BuildCannotWrite.Create(default, path, null, path, ex.Message));
            return false;
        }
    }

    /// <summary>Deletes an output an earlier build wrote that this one no longer does (<see cref="OutputPlan.StaleFiles"/>).</summary>
    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            Log.LogMessage(MessageImportance.Normal, $"MtaSts: deleted {path}, written by an earlier build and no longer generated");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            Report(DiagnosticMessages.Hosts.BuildCannotDeleteStale.Create(default, path, null, path, ex.Message));
            return false;
        }
    }

    /// <summary>A path as the project shows it: relative to the project directory when under it.</summary>
    private string Relative(string path)
    {
        var directory = string.IsNullOrEmpty(ProjectDirectory) ? null : Path.GetFullPath(ProjectDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return directory is not null && path.StartsWith(directory, StringComparison.Ordinal) ? path.Substring(directory.Length) : path;
    }

    private string? FullPath(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(Path.Combine(ProjectDirectory ?? "", path));

    private static string ToolVersion => (Attribute.GetCustomAttribute(typeof(GenerateMtaStsFiles).Assembly, typeof(AssemblyInformationalVersionAttribute))
        as AssemblyInformationalVersionAttribute)?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
