using System.Text;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;
using MtaSts.Serving;

namespace MtaSts;

/// <summary>
/// The generate use case, once for every host (the MSBuild task, <c>mta-sts generate</c>): read the configuration and
/// the previous state, validate, resolve the id, and render the outputs in deployment order. Hosts write the files
/// (each only when its bytes change) and show the diagnostics and the summary in their own way.
/// </summary>
public static class OutputPlanner
{
    public static OutputPlan Plan(string configFile, OutputOptions? options = null)
    {
        if (configFile is null)
        {
            throw new ArgumentNullException(nameof(configFile));
        }

        options ??= new OutputOptions();
        var stateFile = options.StateFile ?? PolicyIdState.PathFor(configFile);
        var states = PolicyIdState.ReadAll(stateFile);
        var document = ConfigReader.ReadFile(configFile);
        var result = ConfigValidator.Validate(document, new ValidationOptions
        {
            IdOverride = string.IsNullOrWhiteSpace(options.IdOverride) ? null : options.IdOverride,
            PreviousStates = states,
            Now = options.Now ?? LastWriteTime(configFile),
        });
        var formatErrors = new List<Diagnostic>();
        var formats = DnsFormat.Parse(options.DnsFormats, formatErrors);
        var servers = ServerConfig.Parse(options.Servers, formatErrors);
        var cname = PolicyHostCname.Parse(options.PolicyHostCname, formatErrors);
        if (formatErrors.Count > 0)
        {
            result = new ValidationResult(result.Diagnostics.Concat(formatErrors).ToList(), [], result.IsMultiDomain);
        }

        if (result.Deployment is not { } deployment)
        {
            return new OutputPlan(result, PreviousId(states, null), [], null);
        }

        if (result.IsMultiDomain)
        {
            return PlanDomains(configFile, document, result, states, stateFile, options, formats, servers, cname);
        }

        var zoneFile = options.ZoneFile ?? options.ZoneFileFor?.Invoke(deployment);
        var previousId = PreviousId(states, deployment.PolicyDomain) ?? PreviousZoneId(zoneFile);

        var files = new List<GeneratedFile>();
        if (options.PolicyFile is { } policyFile)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.Policy, policyFile, deployment.Policy.ToBytes()));
        }

        if (zoneFile is not null)
        {
            var source = options.SourceName ?? Path.GetFileName(configFile);
            if (formats.Contains(DnsFormat.Zone))
            {
                files.Add(new GeneratedFile(GeneratedFileKind.Zone, zoneFile, Encoding.ASCII.GetBytes(ZoneSnippetWriter.Write(deployment, source, cname))));
            }

            AddOtherFormats(files, formats, Path.GetDirectoryName(zoneFile) ?? "", [deployment], source, cname, durable: true);
        }

        var diagnostics = result.Diagnostics.ToList();
        var serverDirectory = options.WebServerFilesWithRecords && zoneFile is not null ? Path.GetDirectoryName(zoneFile) : null;
        AddServers(files, diagnostics, servers, options.PolicyFile, _ => options.PolicyFile, [deployment], options.SourceName ?? Path.GetFileName(configFile), serverDirectory);
        if (diagnostics.Any(d => d.IsError))
        {
            return new OutputPlan(new ValidationResult(diagnostics, [], isMultiDomain: false), previousId, [], null);
        }

        if (deployment.IdKind == PolicyIdKind.Timestamp)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.IdState, stateFile, PolicyIdState.For(deployment).ToBytes()));
        }

        // The single-domain form deletes only the files of DNS formats no longer selected, never its policy file or zone
        // snippet, as before the list existed (a moved MtaStsPolicyFile keeps the old copy).
        var stale = AddOutputList(files, options.OutputListFile, PreviousOutputs(options.OutputListFile), path => DnsFormat.IsOtherFormatFile(path) || ServerConfig.IsWebServerFile(path));
        var recordFiles = files.Where(f => f.Kind is GeneratedFileKind.Zone or GeneratedFileKind.DnsRecords).Select(f => Display(f.Path, options.DisplayDirectory)).ToList();
        var summary = RolloutSteps.Summary(
            deployment, Display(options.PolicyFile, options.DisplayDirectory), recordFiles.Count == 0 ? null : string.Join(", ", recordFiles), previousId);
        return new OutputPlan(new ValidationResult(diagnostics, result.Deployments, isMultiDomain: false), previousId, files, summary, stale);
    }

    /// <summary>
    /// The multi-domain form: a zone snippet per domain, and the policy files: one per domain
    /// (<see cref="OutputOptions.PolicyFileFor"/>), or the one shared file when every domain has the same policy text
    /// (it is served for every <c>mta-sts.&lt;domain&gt;</c> host). When they differ, the shared file is not written
    /// and warning MTASTS5007 says so once; an earlier build's copy becomes stale.
    /// </summary>
    private static OutputPlan PlanDomains(
        string configFile, ConfigDocument document, ValidationResult result, IReadOnlyList<PolicyIdState> states, string stateFile, OutputOptions options,
        IReadOnlyList<DnsFormat> formats, IReadOnlyList<ServerConfig> servers, string? cname)
    {
        var deployments = result.Deployments;
        var files = new List<GeneratedFile>();
        var diagnostics = result.Diagnostics.ToList();
        var previousOutputs = PreviousOutputs(options.OutputListFile);
        string? policyDisplay = null;
        var policiesDiffer = deployments.Any(d => d.PolicyText != deployments[0].PolicyText);
        if (options.PolicyFileFor is { } policyFileFor)
        {
            files.AddRange(deployments.Select(d => new GeneratedFile(GeneratedFileKind.Policy, policyFileFor(d), d.Policy.ToBytes())));
        }
        else if (options.PolicyFile is { } policyFile && !policiesDiffer)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.Policy, policyFile, deployments[0].Policy.ToBytes()));
            policyDisplay = Display(policyFile, options.DisplayDirectory);
        }
        else if (options.PolicyFile is { } unwritten)
        {
            diagnostics.Add(PoliciesDiffer(document, deployments, Display(unwritten, options.DisplayDirectory)!, File.Exists(unwritten), previousOutputs.Contains(unwritten)));
        }

        var source = options.SourceName ?? Path.GetFileName(configFile);
        var zoneFiles = new List<string>();
        foreach (var deployment in deployments)
        {
            var zoneFile = options.ZoneFileFor?.Invoke(deployment)
                ?? (options.ZoneDirectory is { } directory ? Path.Combine(directory, deployment.PolicyDomain + ".zone") : null);
            if (zoneFile is not null && formats.Contains(DnsFormat.Zone))
            {
                zoneFiles.Add(zoneFile);
                files.Add(new GeneratedFile(GeneratedFileKind.Zone, zoneFile, Encoding.ASCII.GetBytes(ZoneSnippetWriter.Write(deployment, source, cname))) { Durable = false });
            }
        }

        var recordsDirectory = options.ZoneFileFor is { } zoneFileFor ? Path.GetDirectoryName(zoneFileFor(deployments[0])) : options.ZoneDirectory;
        if (recordsDirectory is not null)
        {
            AddOtherFormats(files, formats, recordsDirectory, deployments, source, cname, durable: false);
        }

        // Without a policy file (the domains' policies differ and there is one shared file) there is nothing to serve.
        if (files.Any(f => f.Kind == GeneratedFileKind.Policy))
        {
            AddServers(files, diagnostics, servers, options.PolicyFile, d => options.PolicyFileFor?.Invoke(d) ?? options.PolicyFile, deployments, source,
                options.WebServerFilesWithRecords ? recordsDirectory : null);
            if (diagnostics.Any(d => d.IsError))
            {
                return new OutputPlan(new ValidationResult(diagnostics, [], isMultiDomain: true), PreviousId(states, deployments[0].PolicyDomain), [], null);
            }
        }

        var timestamped = deployments.Where(d => d.IdKind == PolicyIdKind.Timestamp).ToList();
        if (timestamped.Count > 0)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.IdState, stateFile, Encoding.ASCII.GetBytes(PolicyIdState.ToText(timestamped.Select(PolicyIdState.ForDomain)))));
        }

        var sharedPolicyFile = options.PolicyFile;
        var stale = AddOutputList(files, options.OutputListFile, previousOutputs,
            path => path == sharedPolicyFile || Path.GetExtension(path) == ".zone" || DnsFormat.IsOtherFormatFile(path) || ServerConfig.IsWebServerFile(path));
        var zoneDisplay = zoneFiles.Count == 0 ? null
            : Display(Path.GetDirectoryName(zoneFiles[0]), options.DisplayDirectory) + Path.DirectorySeparatorChar;
        var summary = RolloutSteps.Summary(deployments, policyDisplay, policiesDiffer && options.PolicyFileFor is null, zoneDisplay);
        var withWarning = new ValidationResult(diagnostics, deployments, isMultiDomain: true);
        return new OutputPlan(withWarning, PreviousId(states, deployments[0].PolicyDomain), files, summary, stale);
    }

    /// <summary>Warning MTASTS5007, at the first domain whose policy is not the first domain's.</summary>
    private static Diagnostic PoliciesDiffer(ConfigDocument document, IReadOnlyList<Deployment> deployments, string policyFile, bool exists, bool ours)
    {
        var index = Enumerable.Range(0, deployments.Count).First(i => deployments[i].PolicyText != deployments[0].PolicyText);
        var distinct = deployments.Select(d => d.PolicyText).Distinct(StringComparer.Ordinal).Count();
        var existing = !exists ? ""
            : ours ? DiagnosticMessages.Outputs.CopyDeleted.Format()
            : DiagnosticMessages.Outputs.NotOurs.Format();
        var first = deployments[0];
        var other = deployments[index];
        return DiagnosticMessages.Outputs.Differ.Create(
            document.Policies.Count > index ? document.Policies[index].Span : default, document.File, new ConfigField(ConfigField.Domain, null, ConfigReader.Label(document.Policies[index].Domain!.Value)),
            deployments.Count, distinct, first.UnicodeDomain, first.Policy.Mode.ToKeyword(), other.UnicodeDomain, other.Policy.Mode.ToKeyword(),
            first.Policy.Mode == other.Policy.Mode ? DiagnosticMessages.Outputs.OtherMxOrMaxAge.Format() : "", policyFile, existing);
    }

    /// <summary>
    /// The DNS formats other than the zone snippet: each a file in <paramref name="directory"/>, one per domain or one
    /// for every domain as <see cref="DnsFormat.FilePerDomain"/> says.
    /// </summary>
    private static void AddOtherFormats(List<GeneratedFile> files, IReadOnlyList<DnsFormat> formats, string directory, IReadOnlyList<Deployment> deployments, string source, string? cname, bool durable)
    {
        foreach (var format in formats.Where(f => f != DnsFormat.Zone))
        {
            var groups = format.FilePerDomain ? deployments.Select(d => (IReadOnlyList<Deployment>)[d]) : [deployments];
            files.AddRange(groups.Select(group => new GeneratedFile(
                GeneratedFileKind.DnsRecords, Path.Combine(directory, format.FileName(group[0].PolicyDomain)), Encoding.UTF8.GetBytes(format.Write(group, source, cname))) { Durable = durable }));
        }
    }

    /// <summary>
    /// The web servers' and static hosts' files (<see cref="OutputOptions.Servers"/>), for the site folders of the
    /// policy files (<paramref name="policyFileOf"/> each domain's): the folder that holds a policy file's <c>.well-known</c>.
    /// A web server's one file goes into <paramref name="serverDirectory"/>, or the shared policy file's site folder.
    /// A static host's file already there that the generator did not write is the user's: kept as it is, with warning
    /// MTASTS4006 when it does not serve the policy right (<see cref="SiteFileRule"/>).
    /// </summary>
    private static void AddServers(
        List<GeneratedFile> files, List<Diagnostic> diagnostics, IReadOnlyList<ServerConfig> servers, string? sharedPolicyFile, Func<Deployment, string?> policyFileOf,
        IReadOnlyList<Deployment> deployments, string source, string? serverDirectory)
    {
        if (servers.Count == 0 || sharedPolicyFile is not { } policyFile)
        {
            return;
        }

        // Every server serves <site folder>/.well-known/mta-sts.txt at /.well-known/mta-sts.txt (RFC 8461 §3.3).
        var misplaced = deployments.Select(d => policyFileOf(d) ?? policyFile).FirstOrDefault(p => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(p))) != ".well-known");
        if (misplaced is not null)
        {
            diagnostics.Add(DiagnosticMessages.Outputs.PolicyFileNotInWellKnown.Create(default, null, null, string.Join(", ", servers.Select(s => s.Name)), misplaced));
            return;
        }

        static string SiteRoot(string policy) => Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(policy))) ?? "";
        var configDirectory = serverDirectory ?? SiteRoot(policyFile);
        foreach (var server in servers)
        {
            foreach (var file in server.Write(deployments, d => SiteRoot(policyFileOf(d) ?? policyFile), configDirectory, source))
            {
                if (file.Rule is { } rule && ReadExisting(file.Path) is var (exists, existing) && exists && existing != file.Text && (existing is null || !rule.IsGenerated(existing)))
                {
                    // The user's own file: never replaced, never deleted; said only when the host would serve the policy wrong.
                    if (existing is null || !rule.Serves(existing))
                    {
                        diagnostics.Add(DiagnosticMessages.Outputs.SiteFileKept.Create(default, file.Path, null,
                            Path.GetFileName(file.Path), existing is null ? DiagnosticMessages.Outputs.SiteFileUnreadable.Format() : rule.Problem, server.Title, rule.Fix));
                    }

                    continue;
                }

                files.Add(new GeneratedFile(GeneratedFileKind.ServerConfig, file.Path, Encoding.UTF8.GetBytes(file.Text)));
            }
        }
    }

    /// <summary>An existing file's text (UTF-8, at most 1 MiB: these files are small); (true, null) when it exists but cannot be read.</summary>
    private static (bool Exists, string? Text) ReadExisting(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (false, null);
            }

            return (true, info.Length > 1024 * 1024 ? null : File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (true, null);
        }
    }

    /// <summary>
    /// Adds the output list (when kept) and returns the files of <paramref name="previousOutputs"/> (the list the last run
    /// wrote, read once per plan) that are not written now. Only what this build can have written is ever stale
    /// (<paramref name="ours"/>: the configured policy file, zone snippets, the other DNS formats' files); any other path
    /// in a damaged or hand-edited list is ignored, so a build never deletes a file of another kind.
    /// </summary>
    private static IReadOnlyList<string> AddOutputList(List<GeneratedFile> files, string? outputListFile, HashSet<string> previousOutputs, Func<string, bool> ours)
    {
        if (outputListFile is null)
        {
            return [];
        }

        var outputs = files.Where(f => f.Kind is GeneratedFileKind.Policy or GeneratedFileKind.Zone or GeneratedFileKind.DnsRecords or GeneratedFileKind.ServerConfig).Select(f => f.Path).ToList();
        var current = new HashSet<string>(outputs, StringComparer.Ordinal);
        var stale = previousOutputs
            .Where(path => !current.Contains(path) && ours(path) && File.Exists(path))
            .ToList();
        var text = string.Join(";", outputs);
        files.Add(new GeneratedFile(GeneratedFileKind.OutputList, outputListFile, Encoding.UTF8.GetBytes(text)) { Durable = false });
        return stale;
    }

    private static HashSet<string> PreviousOutputs(string? outputListFile)
    {
        try
        {
            return outputListFile is not null && File.Exists(outputListFile)
                ? new HashSet<string>(File.ReadAllText(outputListFile, Encoding.UTF8).Split(';').Select(path => path.Trim()).Where(path => path.Length > 0), StringComparer.Ordinal)
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The id kept for <paramref name="domain"/> (or the single-domain form's) in the state file, for the summary's "was …".</summary>
    private static string? PreviousId(IReadOnlyList<PolicyIdState> states, string? domain) =>
        (states.FirstOrDefault(s => s.Domain is not null && s.Domain == domain) ?? states.FirstOrDefault(s => s.Domain is null))?.Id;

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
