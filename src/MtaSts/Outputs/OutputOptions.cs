using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;
using MtaSts.Serving;

namespace MtaSts;

/// <summary>Where <see cref="OutputPlanner"/> puts the outputs and what overrides the configuration.</summary>
public sealed record OutputOptions
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
    /// Files listed there that this plan no longer writes are <see cref="OutputPlan.StaleFiles"/>: ours, so they may be
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
    /// The target of the Policy Host CNAME, <c>mta-sts.&lt;domain&gt;. CNAME &lt;target&gt;.</c>, written in every DNS
    /// format (the same target for every domain: one site serves them all); null or blank: no CNAME. U-labels are
    /// converted to A-labels and a trailing dot is accepted. An invalid host name is error MTASTS4005, and nothing is
    /// written.
    /// </summary>
    public string? PolicyHostCname { get; init; }

    /// <summary>
    /// The web servers and static hosts to write the configuration for, by <see cref="ServerConfig.Name"/> (<c>nginx</c>,
    /// <c>caddy</c>, …); null or empty: none. A web server's one file for every domain goes into the site folder of
    /// <see cref="PolicyFile"/> (the directory that holds its <c>.well-known</c>); a static host's files go into each
    /// domain's site folder (of <see cref="PolicyFileFor"/>, else of <see cref="PolicyFile"/>). Nothing is written
    /// without a policy file. An unknown name is error MTASTS4004, and nothing is written.
    /// </summary>
    public IReadOnlyList<string>? Servers { get; init; }

    /// <summary>
    /// Whether a web server's configuration (nginx, Caddy, Apache) goes next to the DNS records (the directory of the
    /// zone snippet, or <see cref="ZoneDirectory"/> in the multi-domain form) instead of into the site folder: the
    /// build's choice, where the site folder is wwwroot and everything in it is published and served. The static hosts'
    /// files always go into the site folder, which is what those hosts deploy.
    /// </summary>
    public bool WebServerFilesWithRecords { get; init; }

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
