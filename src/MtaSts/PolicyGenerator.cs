using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;

namespace MtaSts;

/// <summary>Where <see cref="PolicyGenerator"/> puts the outputs and what overrides the configuration.</summary>
public sealed record GenerateOptions
{
    /// <summary>The policy file (served as <c>/.well-known/mta-sts.txt</c>); null: none.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>The DNS zone snippet; null: none.</summary>
    public string? ZoneFile { get; init; }

    /// <summary>The zone snippet's path when it depends on the Policy Domain (<c>&lt;domain&gt;.zone</c>); used when
    /// <see cref="ZoneFile"/> is null.</summary>
    public Func<Deployment, string>? ZoneFileFor { get; init; }

    /// <summary>Replaces the configured id: <c>auto</c>, <c>timestamp</c> or a literal id.</summary>
    public string? IdOverride { get; init; }

    /// <summary>
    /// The time a new <c>id: timestamp</c> is made of. Default: the configuration file's last write time, so that
    /// parallel inner builds of a multi-targeted project and Debug and Release builds agree on it.
    /// </summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Where <c>id: timestamp</c> keeps its id; default <see cref="PolicyIdState.PathFor"/> of the configuration.</summary>
    public string? StateFile { get; init; }

    /// <summary>The summary shows output paths relative to this directory when they are under it.</summary>
    public string? DisplayDirectory { get; init; }

    /// <summary>The configuration file's name as the zone snippet's comment names it; default its file name.</summary>
    public string? SourceName { get; init; }
}

/// <summary>What a generated file is.</summary>
public enum GeneratedFileKind
{
    /// <summary>The policy file, served at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.</summary>
    Policy,

    /// <summary>The DNS zone snippet with the TXT records.</summary>
    Zone,

    /// <summary>The committed state of <c>id: timestamp</c> (<see cref="PolicyIdState"/>).</summary>
    IdState,
}

/// <summary>One output: where it goes and its exact bytes.</summary>
public sealed record GeneratedFile(GeneratedFileKind Kind, string Path, byte[] Content);

/// <summary>The outcome of <see cref="PolicyGenerator.Plan"/>: diagnostics and, when there is no error, what to write.</summary>
public sealed class GeneratePlan
{
    internal GeneratePlan(ValidationResult result, string? previousId, IReadOnlyList<GeneratedFile> files, string? summary)
    {
        Result = result;
        PreviousId = previousId;
        Files = files;
        Summary = summary;
    }

    public ValidationResult Result { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Null when any diagnostic is an error: nothing may be written then.</summary>
    public Deployment? Deployment => Result.Deployment;

    /// <summary>The id published before, when known (from the <c>id: timestamp</c> state or the previous zone snippet).</summary>
    public string? PreviousId { get; }

    /// <summary>The files to write, in the order RFC 8461 §8.1 asks for: the policy first, the DNS records second.</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>The one-line summary of what to publish (<see cref="PublishSteps.Summary"/>); null on error.</summary>
    public string? Summary { get; }
}

/// <summary>
/// The generate use case, once for every host (the MSBuild task, <c>mta-sts generate</c>): read the configuration and
/// the previous state, validate, resolve the id, and render the outputs in deployment order. Hosts write the files
/// (each only when its bytes change) and show the diagnostics and the summary in their own way.
/// </summary>
public static class PolicyGenerator
{
    public static GeneratePlan Plan(string configFile, GenerateOptions? options = null)
    {
        if (configFile is null)
        {
            throw new ArgumentNullException(nameof(configFile));
        }

        options ??= new GenerateOptions();
        var stateFile = options.StateFile ?? PolicyIdState.PathFor(configFile);
        var state = PolicyIdState.Read(stateFile);
        var result = PolicyCompiler.CompileFile(configFile, new ValidationOptions
        {
            IdOverride = string.IsNullOrWhiteSpace(options.IdOverride) ? null : options.IdOverride,
            PreviousState = state,
            Now = options.Now ?? LastWriteTime(configFile),
        });
        if (result.Deployment is not { } deployment)
        {
            return new GeneratePlan(result, state?.Id, [], null);
        }

        var zoneFile = options.ZoneFile ?? options.ZoneFileFor?.Invoke(deployment);
        var previousId = state?.Id ?? PreviousZoneId(zoneFile);

        var files = new List<GeneratedFile>();
        if (options.PolicyFile is { } policyFile)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.Policy, policyFile, deployment.Policy.ToBytes()));
        }

        if (zoneFile is not null)
        {
            var zone = ZoneSnippetWriter.Write(deployment, options.SourceName ?? Path.GetFileName(configFile));
            files.Add(new GeneratedFile(GeneratedFileKind.Zone, zoneFile, Encoding.ASCII.GetBytes(zone)));
        }

        if (deployment.IdKind == PolicyIdKind.Timestamp)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.IdState, stateFile, PolicyIdState.For(deployment).ToBytes()));
        }

        var summary = PublishSteps.Summary(
            deployment, Display(options.PolicyFile, options.DisplayDirectory), Display(zoneFile, options.DisplayDirectory), previousId);
        return new GeneratePlan(result, previousId, files, summary);
    }

    private static DateTimeOffset? LastWriteTime(string path) =>
        File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;

    /// <summary>The id in the zone snippet written last time: the summary says "was …" when it changes.</summary>
    private static string? PreviousZoneId(string? zoneFile)
    {
        try
        {
            return zoneFile is not null && File.Exists(zoneFile) ? ZoneSnippetWriter.ReadPolicyId(File.ReadAllText(zoneFile, Encoding.ASCII)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Display(string? path, string? directory)
    {
        if (path is null || string.IsNullOrEmpty(directory))
        {
            return path;
        }

        var prefix = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;
    }
}
