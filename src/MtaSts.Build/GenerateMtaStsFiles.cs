using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;
using Task = Microsoft.Build.Utilities.Task;

namespace MtaSts.Build;

/// <summary>
/// Validates <c>mta-sts.yaml</c> and writes what it describes: the C# source (<see cref="CodeFile"/>), the policy file
/// (<see cref="PolicyFile"/>) and the DNS zone snippet (<see cref="ZoneFile"/>). Every diagnostic becomes an MSBuild
/// error or warning with its code, file, line and column; on any error nothing is written, so the last good outputs
/// stay. Each output is written only when its bytes change, so an unchanged policy touches no file.
/// </summary>
public sealed class GenerateMtaStsFiles : Task
{
#if NETFRAMEWORK
    // .NET Framework MSBuild has no per-task load context: make sure MtaSts.dll and YamlDotNet.dll come from beside
    // this assembly. Registered before Execute is compiled, which is the first code that touches them.
    static GenerateMtaStsFiles() => TaskAssemblyResolver.Register();
#endif

    /// <summary>The configuration file, <c>mta-sts.yaml</c>.</summary>
    [Required]
    public string ConfigFile { get; set; } = "";

    /// <summary>Where the policy file goes (served as <c>/.well-known/mta-sts.txt</c>). Read for the previous policy
    /// text even when <see cref="WritePolicyAndZone"/> is false. Empty: none.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Where the DNS zone snippet goes. Read for the previous policy id even when
    /// <see cref="WritePolicyAndZone"/> is false. Empty: none.</summary>
    public string? ZoneFile { get; set; }

    /// <summary>Where the generated C# goes. Empty: none.</summary>
    public string? CodeFile { get; set; }

    /// <summary>False in design-time builds: only <see cref="CodeFile"/> is written, the source tree is left alone.</summary>
    public bool WritePolicyAndZone { get; set; } = true;

    /// <summary>The namespace of the generated <c>MtaStsPolicy</c> class; empty for the global namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Also generate <c>app.MapMtaStsPolicy()</c> (the project references ASP.NET Core).</summary>
    public bool GenerateEndpoint { get; set; }

    /// <summary>Whether the generated C# may use <c>#nullable</c> (C# 8 or later).</summary>
    public bool NullableAnnotations { get; set; } = true;

    /// <summary>Replaces the configured id: <c>auto</c>, <c>timestamp</c> or a literal id. Empty: use the file's.</summary>
    public string? PolicyId { get; set; }

    /// <summary>The project directory; relative output paths are resolved against it and shown relative to it.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>The policy id that was generated; set only on success.</summary>
    [Output]
    public string? GeneratedPolicyId { get; private set; }

    /// <summary>
    /// Whether any warning was logged. The targets then leave the outputs marked stale, so the warnings are reported
    /// again on the next build: <c>-warnaserror</c> promotes them only in the loggers, where the task cannot see it,
    /// and a skipped target would otherwise turn a failed build into a passing one.
    /// </summary>
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
            var internalError = DiagnosticDescriptors.InternalError;
            Log.LogError(null, internalError.Code, internalError.Code, internalError.HelpLink, ConfigFile, 0, 0, 0, 0,
                $"MtaSts.Build failed unexpectedly; please report this with the text below. {ex}");
        }

        return !Log.HasLoggedErrors;
    }

    private void Generate()
    {
        var configFile = FullPath(ConfigFile)!;
        var policyFile = FullPath(PolicyFile);
        var zoneFile = FullPath(ZoneFile);
        var codeFile = FullPath(CodeFile);

        // id: timestamp keeps its id while the policy text is unchanged (RFC 8461 §3.1: the id changes when the policy
        // does, and only then senders refetch). The snippet of this configuration says which text its id was for.
        var (previousText, previousId) = ZoneSnippetWriter.ReadPrevious(
            zoneFile is null ? null : ReadText(zoneFile), policyFile is null ? null : ReadText(policyFile));
        var options = new ValidationOptions
        {
            IdOverride = string.IsNullOrWhiteSpace(PolicyId) ? null : PolicyId,
            PreviousPolicyText = previousText,
            PreviousPolicyId = previousId,
            // The config file's modification time instead of the clock: parallel inner builds of a multi-targeted site
            // and Debug/Release builds then agree on a new timestamp id.
            Now = File.Exists(configFile) ? new DateTimeOffset(File.GetLastWriteTimeUtc(configFile), TimeSpan.Zero) : null,
        };

        var result = PolicyCompiler.CompileFile(configFile, options);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        // Warnings promoted with MSBuildWarningsAsErrors count as errors here too: nothing is written then.
        if (Log.HasLoggedErrors || result.Deployment is not { } deployment)
        {
            return;
        }

        // The policy first, the DNS records second: the order RFC 8461 §8.1 asks for when deploying. The C# last: when
        // the policy file cannot be written (read-only, a folder in its place), the compiled site keeps serving the
        // policy that is on disk, and nothing else has changed.
        if (WritePolicyAndZone)
        {
            if (policyFile is not null && !TryWrite(policyFile, deployment.Policy.ToBytes()))
            {
                return;
            }

            if (zoneFile is not null && !TryWrite(zoneFile, Encoding.ASCII.GetBytes(ZoneSnippetWriter.Write(deployment, Path.GetFileName(configFile)))))
            {
                return;
            }
        }

        if (codeFile is not null)
        {
            var code = CSharpEndpointWriter.Write(deployment, new CSharpEndpointWriter.Options
            {
                Namespace = Namespace,
                GenerateEndpoint = GenerateEndpoint,
                NullableAnnotations = NullableAnnotations,
                ToolVersion = ToolVersion,
                SourceFile = Path.GetFileName(configFile),
            });
            if (!TryWrite(codeFile, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(code)))
            {
                return;
            }
        }

        if (WritePolicyAndZone)
        {
            Log.LogMessage(MessageImportance.High, Summary(deployment, policyFile, zoneFile, previousId));
        }

        GeneratedPolicyId = deployment.PolicyId;
    }

    /// <summary>The one line a build prints: where the outputs are and which DNS records to publish.</summary>
    internal string Summary(Deployment deployment, string? policyFile, string? zoneFile, string? previousId)
    {
        var text = new StringBuilder("MtaSts: policy for ").Append(deployment.UnicodeDomain);
        if (deployment.UnicodeDomain != deployment.PolicyDomain)
        {
            text.Append(" (").Append(deployment.PolicyDomain).Append(')');
        }

        text.Append(" (mode ").Append(deployment.Policy.Mode.ToKeyword()).Append(", id ").Append(deployment.PolicyId);
        if (previousId is not null && previousId != deployment.PolicyId)
        {
            text.Append(", was ").Append(previousId);
        }

        text.Append(')');
        if (policyFile is not null)
        {
            text.Append(" -> ").Append(Display(policyFile));
        }

        text.Append("; publish the DNS records").Append(zoneFile is null ? "" : " in " + Display(zoneFile)).Append(": ")
            .Append(deployment.StsRecordName).Append(" TXT \"").Append(deployment.StsRecord.Value).Append('"');
        if (deployment.TlsRptRecord is { } tlsRpt)
        {
            text.Append(", ").Append(deployment.TlsRptRecordName).Append(" TXT \"").Append(tlsRpt.Value).Append('"');
        }

        return text.ToString();
    }

    private void Report(Diagnostic diagnostic)
    {
        var span = diagnostic.Span;
        var (line, column, endLine, endColumn) = span.IsNone ? (0, 0, 0, 0) : (span.Line, span.Column, span.EndLine, span.EndColumn);
        if (diagnostic.IsError)
        {
            Log.LogError(null, diagnostic.Code, diagnostic.Code, diagnostic.HelpLink, diagnostic.File ?? ConfigFile,
                line, column, endLine, endColumn, diagnostic.Message);
        }
        else
        {
            LoggedWarnings = true;
            Log.LogWarning(null, diagnostic.Code, diagnostic.Code, diagnostic.HelpLink, diagnostic.File ?? ConfigFile,
                line, column, endLine, endColumn, diagnostic.Message);
        }
    }

    private bool TryWrite(string path, byte[] content)
    {
        try
        {
            if (AtomicFile.WriteIfChanged(path, content))
            {
                Log.LogMessage(MessageImportance.Low, $"MtaSts: wrote {path}");
            }
            else
            {
                Log.LogMessage(MessageImportance.Low, $"MtaSts: {path} is unchanged, not rewritten");
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            var failed = DiagnosticDescriptors.OutputWriteFailed;
            Log.LogError(null, failed.Code, failed.Code, failed.HelpLink, path, 0, 0, 0, 0,
                $"The file '{path}' cannot be written: {ex.Message}");
            return false;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Encoding.ASCII) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string? FullPath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        return string.IsNullOrEmpty(ProjectDirectory) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(ProjectDirectory, path));
    }

    private string Display(string path)
    {
        if (string.IsNullOrEmpty(ProjectDirectory))
        {
            return path;
        }

        var directory = Path.GetFullPath(ProjectDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(directory, StringComparison.Ordinal) ? path.Substring(directory.Length) : path;
    }

    private static string ToolVersion { get; } =
        typeof(GenerateMtaStsFiles).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .Select(a => a.InformationalVersion.Split('+')[0])
            .FirstOrDefault() ?? "0.0.0";
}
