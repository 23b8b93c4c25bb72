using System.Text;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;
using MtaSts.Serving;

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

    /// <summary>
    /// The multi-domain form: each domain's zone snippet is <c>&lt;ZoneDirectory&gt;/&lt;a-label domain&gt;.zone</c>
    /// (each domain is its own DNS zone). Used when <see cref="ZoneFileFor"/> is null; <see cref="ZoneFile"/> is for the
    /// single-domain form only.
    /// </summary>
    public string? ZoneDirectory { get; init; }

    /// <summary>
    /// The multi-domain form: each domain's own policy file (for hosting every <c>mta-sts.&lt;domain&gt;</c> separately,
    /// as <c>mta-sts generate</c> does). When null, <see cref="PolicyFile"/> is written only if every domain has the same
    /// policy text, since one static file is served for every host; otherwise warning MTASTS5007 says so.
    /// </summary>
    public Func<Deployment, string>? PolicyFileFor { get; init; }

    /// <summary>
    /// Where the list of the policy and zone files written last time is kept (the build's <c>obj/MtaSts.outputs</c>).
    /// Files listed there that this plan no longer writes are <see cref="GeneratePlan.StaleFiles"/>: ours, so they may be
    /// deleted. Null: no list, nothing is ever stale.
    /// </summary>
    public string? OutputListFile { get; init; }

    /// <summary>Replaces the configured id: <c>auto</c>, <c>timestamp</c> or a literal id.</summary>
    public string? IdOverride { get; init; }

    /// <summary>
    /// The formats of the DNS records, by <see cref="DnsFormat.Name"/> (<c>zone</c>, <c>bicep</c>, …); null or empty:
    /// the zone snippet only. The other formats' files go next to the zone snippet: into its directory in the
    /// single-domain form, into <see cref="ZoneDirectory"/> (or the directory of the first <see cref="ZoneFileFor"/>
    /// path) in the multi-domain form. An unknown name is error MTASTS4003, and nothing is written.
    /// </summary>
    public IReadOnlyList<string>? DnsFormats { get; init; }

    /// <summary>
    /// The web servers and static hosts to write the configuration for, by <see cref="ServerConfig.Name"/> (<c>nginx</c>,
    /// <c>caddy</c>, …); null or empty: none. A web server's one file for every domain goes into the site folder of
    /// <see cref="PolicyFile"/> (the directory that holds its <c>.well-known</c>); a static host's files go into each
    /// domain's site folder (of <see cref="PolicyFileFor"/>, else of <see cref="PolicyFile"/>). Nothing is written
    /// without a policy file. An unknown name is error MTASTS4004, and nothing is written.
    /// </summary>
    public IReadOnlyList<string>? Servers { get; init; }

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

    /// <summary>The list of the policy and DNS files written (<see cref="GenerateOptions.OutputListFile"/>): full paths
    /// separated by <c>;</c> on one line, so that MSBuild reads it as an item list.</summary>
    OutputList,

    /// <summary>The TXT records in another <see cref="DnsFormat"/> than the zone snippet (Bicep, Terraform, …). Last, so
    /// that the other kinds keep their values.</summary>
    DnsRecords,

    /// <summary>The configuration of a web server or static host that serves the policy (<see cref="ServerConfig"/>).</summary>
    ServerConfig,
}

/// <summary>One output: where it goes and its exact bytes.</summary>
public sealed record GeneratedFile(GeneratedFileKind Kind, string Path, byte[] Content)
{
    /// <summary>
    /// Whether hosts flush it to the disk before it replaces the old file (<see cref="AtomicFile.WriteIfChanged(string, byte[], bool)"/>):
    /// true for the policy files, the single-domain form's zone snippet and the id state; false for the multi-domain
    /// form's zone snippets and the output list, derived build outputs the next build rewrites, where a flush per file
    /// would cost seconds for a thousand domains.
    /// </summary>
    public bool Durable { get; init; } = true;
}

/// <summary>The outcome of <see cref="PolicyGenerator.Plan"/>: diagnostics and, when there is no error, what to write.</summary>
public sealed class GeneratePlan
{
    internal GeneratePlan(ValidationResult result, string? previousId, IReadOnlyList<GeneratedFile> files, string? summary, IReadOnlyList<string>? staleFiles = null)
    {
        Result = result;
        PreviousId = previousId;
        Files = files;
        Summary = summary;
        StaleFiles = staleFiles ?? [];
    }

    public ValidationResult Result { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Null when any diagnostic is an error: nothing may be written then. The first domain's in the
    /// multi-domain form (see <see cref="Deployments"/>).</summary>
    public Deployment? Deployment => Result.Deployment;

    /// <summary>Every domain's deployment in configuration order (one in the single-domain form); empty on any error.</summary>
    public IReadOnlyList<Deployment> Deployments => Result.Deployments;

    /// <summary>Whether the configuration is the multi-domain form.</summary>
    public bool IsMultiDomain => Result.IsMultiDomain;

    /// <summary>
    /// Policy and DNS files an earlier run wrote (as <see cref="GenerateOptions.OutputListFile"/> lists them) that this
    /// plan does not write: in the multi-domain form a removed domain's zone snippet, the single-domain form's snippet
    /// after a move to the multi-domain form, or the shared policy file once the domains' policies differ (served for
    /// every host, it would be wrong for some); in either form the file of a DNS format that is no longer selected
    /// (<see cref="GenerateOptions.DnsFormats"/>). Hosts delete them after writing <see cref="Files"/>. The
    /// single-domain form never deletes its policy file or zone snippet.
    /// </summary>
    public IReadOnlyList<string> StaleFiles { get; }

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
        var states = PolicyIdState.ReadAll(stateFile);
        var document = ConfigReader.ReadFile(configFile);
        var result = PolicyCompiler.Compile(document, new ValidationOptions
        {
            IdOverride = string.IsNullOrWhiteSpace(options.IdOverride) ? null : options.IdOverride,
            PreviousStates = states,
            Now = options.Now ?? LastWriteTime(configFile),
        });
        var formatErrors = new List<Diagnostic>();
        var formats = DnsFormat.Parse(options.DnsFormats, formatErrors);
        var servers = ServerConfig.Parse(options.Servers, formatErrors);
        if (formatErrors.Count > 0)
        {
            result = new ValidationResult(result.Diagnostics.Concat(formatErrors).ToList(), [], result.IsMultiDomain);
        }

        if (result.Deployment is not { } deployment)
        {
            return new GeneratePlan(result, PreviousId(states, null), [], null);
        }

        if (result.IsMultiDomain)
        {
            return PlanDomains(configFile, document, result, states, stateFile, options, formats, servers);
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
                files.Add(new GeneratedFile(GeneratedFileKind.Zone, zoneFile, Encoding.ASCII.GetBytes(ZoneSnippetWriter.Write(deployment, source))));
            }

            AddOtherFormats(files, formats, Path.GetDirectoryName(zoneFile) ?? "", [deployment], source, durable: true);
        }

        AddServers(files, servers, options.PolicyFile, _ => options.PolicyFile, [deployment], options.SourceName ?? Path.GetFileName(configFile));

        if (deployment.IdKind == PolicyIdKind.Timestamp)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.IdState, stateFile, PolicyIdState.For(deployment).ToBytes()));
        }

        // The single-domain form deletes only the files of DNS formats no longer selected, never its policy file or zone
        // snippet, as before the list existed (a moved MtaStsPolicyFile keeps the old copy).
        var stale = AddOutputList(files, options.OutputListFile, PreviousOutputs(options.OutputListFile), DnsFormat.IsOtherFormatFile);
        var recordFiles = files.Where(f => f.Kind is GeneratedFileKind.Zone or GeneratedFileKind.DnsRecords).Select(f => Display(f.Path, options.DisplayDirectory)).ToList();
        var summary = PublishSteps.Summary(
            deployment, Display(options.PolicyFile, options.DisplayDirectory), recordFiles.Count == 0 ? null : string.Join(", ", recordFiles), previousId);
        return new GeneratePlan(result, previousId, files, summary, stale);
    }

    /// <summary>
    /// The multi-domain form: a zone snippet per domain, and the policy files: one per domain
    /// (<see cref="GenerateOptions.PolicyFileFor"/>), or the one shared file when every domain has the same policy text
    /// (it is served for every <c>mta-sts.&lt;domain&gt;</c> host). When they differ, the shared file is not written
    /// and warning MTASTS5007 says so once; an earlier build's copy becomes stale.
    /// </summary>
    private static GeneratePlan PlanDomains(
        string configFile, ConfigDocument document, ValidationResult result, IReadOnlyList<PolicyIdState> states, string stateFile, GenerateOptions options,
        IReadOnlyList<DnsFormat> formats, IReadOnlyList<ServerConfig> servers)
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
                files.Add(new GeneratedFile(GeneratedFileKind.Zone, zoneFile, Encoding.ASCII.GetBytes(ZoneSnippetWriter.Write(deployment, source))) { Durable = false });
            }
        }

        var recordsDirectory = options.ZoneFileFor is { } zoneFileFor ? Path.GetDirectoryName(zoneFileFor(deployments[0])) : options.ZoneDirectory;
        if (recordsDirectory is not null)
        {
            AddOtherFormats(files, formats, recordsDirectory, deployments, source, durable: false);
        }

        AddServers(files, servers, options.PolicyFile, d => options.PolicyFileFor?.Invoke(d) ?? options.PolicyFile, deployments, source);

        var timestamped = deployments.Where(d => d.IdKind == PolicyIdKind.Timestamp).ToList();
        if (timestamped.Count > 0)
        {
            files.Add(new GeneratedFile(GeneratedFileKind.IdState, stateFile, Encoding.ASCII.GetBytes(PolicyIdState.ToText(timestamped.Select(PolicyIdState.ForDomain)))));
        }

        var sharedPolicyFile = options.PolicyFile;
        var stale = AddOutputList(files, options.OutputListFile, previousOutputs,
            path => path == sharedPolicyFile || Path.GetExtension(path) == ".zone" || DnsFormat.IsOtherFormatFile(path));
        var zoneDisplay = zoneFiles.Count == 0 ? null
            : Display(Path.GetDirectoryName(zoneFiles[0]), options.DisplayDirectory) + Path.DirectorySeparatorChar;
        var summary = PublishSteps.Summary(deployments, policyDisplay, policiesDiffer && options.PolicyFileFor is null, zoneDisplay);
        var withWarning = new ValidationResult(diagnostics, deployments, isMultiDomain: true);
        return new GeneratePlan(withWarning, PreviousId(states, deployments[0].PolicyDomain), files, summary, stale);
    }

    /// <summary>Warning MTASTS5007, at the first domain whose policy is not the first domain's.</summary>
    private static Diagnostic PoliciesDiffer(ConfigDocument document, IReadOnlyList<Deployment> deployments, string policyFile, bool exists, bool ours)
    {
        var index = Enumerable.Range(0, deployments.Count).First(i => deployments[i].PolicyText != deployments[0].PolicyText);
        var distinct = deployments.Select(d => d.PolicyText).Distinct(StringComparer.Ordinal).Count();
        var existing = !exists ? ""
            : ours ? $" The copy an earlier build wrote there is deleted."
            : $" The file that is there was not written by this build and is left as it is: delete it, or it is served for every host that MapMtaStsPolicy() does not answer.";
        var first = deployments[0];
        var other = deployments[index];
        return DiagnosticDescriptors.PoliciesDiffer.Create(
            $"The {deployments.Count} domains have {distinct} different policies ({first.UnicodeDomain}: mode {first.Policy.Mode.ToKeyword()}, {other.UnicodeDomain}: mode {other.Policy.Mode.ToKeyword()}{(first.Policy.Mode == other.Policy.Mode ? ", other mx or max_age" : "")}), so one static file '{policyFile}' cannot be right for every mta-sts.<domain> host and is not written.{existing} Serve each host its own policy with app.MapMtaStsPolicy(), or host each mta-sts.<domain> separately ('mta-sts generate' writes one folder per domain).",
            document.Policies.Count > index ? document.Policies[index].Span : default, document.File, new ConfigField(ConfigField.Domain, null, ConfigReader.Label(document.Policies[index].Domain!.Value)));
    }

    /// <summary>
    /// The DNS formats other than the zone snippet: each a file in <paramref name="directory"/>, one per domain or one
    /// for every domain as <see cref="DnsFormat.FilePerDomain"/> says.
    /// </summary>
    private static void AddOtherFormats(List<GeneratedFile> files, IReadOnlyList<DnsFormat> formats, string directory, IReadOnlyList<Deployment> deployments, string source, bool durable)
    {
        foreach (var format in formats.Where(f => f != DnsFormat.Zone))
        {
            var groups = format.FilePerDomain ? deployments.Select(d => (IReadOnlyList<Deployment>)[d]) : [deployments];
            files.AddRange(groups.Select(group => new GeneratedFile(
                GeneratedFileKind.DnsRecords, Path.Combine(directory, format.FileName(group[0].PolicyDomain)), Encoding.UTF8.GetBytes(format.Write(group, source))) { Durable = durable }));
        }
    }

    /// <summary>
    /// The web servers' and static hosts' files (<see cref="GenerateOptions.Servers"/>), for the site folders of the
    /// policy files (<paramref name="policyFileOf"/> each domain's): the folder that holds a policy file's <c>.well-known</c>.
    /// </summary>
    private static void AddServers(
        List<GeneratedFile> files, IReadOnlyList<ServerConfig> servers, string? sharedPolicyFile, Func<Deployment, string?> policyFileOf, IReadOnlyList<Deployment> deployments, string source)
    {
        if (servers.Count == 0 || sharedPolicyFile is not { } policyFile)
        {
            return;
        }

        static string SiteRoot(string policy) => Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(policy))) ?? "";
        var configDirectory = SiteRoot(policyFile);
        foreach (var server in servers)
        {
            files.AddRange(server.Write(deployments, d => SiteRoot(policyFileOf(d) ?? policyFile), configDirectory, source)
                .Select(file => new GeneratedFile(GeneratedFileKind.ServerConfig, file.Path, Encoding.UTF8.GetBytes(file.Text))));
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

        var outputs = files.Where(f => f.Kind is GeneratedFileKind.Policy or GeneratedFileKind.Zone or GeneratedFileKind.DnsRecords).Select(f => f.Path).ToList();
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
