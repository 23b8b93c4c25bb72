using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Output;

namespace MtaSts.Serving;

/// <summary>One file of a <see cref="ServerConfig"/>: where it goes and its text.</summary>
public sealed record ServerConfigFile(string Path, string Text)
{
    /// <summary>
    /// A static host's file in the site folder, a file the user may already have for the rest of the site
    /// (<c>staticwebapp.config.json</c>, <c>_headers</c>, <c>CNAME</c>, <c>.nojekyll</c>); null for a web server's file,
    /// which is always the generator's. <see cref="OutputPlanner"/> never replaces such a file that it did not write.
    /// </summary>
    internal SiteFileRule? Rule { get; init; }
}

/// <summary>
/// How a static host's file that is already in the site folder is judged (<see cref="ServerConfigFile.Rule"/>): whether
/// the generator wrote it (then it is replaced) and whether it already serves the policy right (then it is kept without
/// a word); otherwise it is kept and warning MTASTS4006 says what <see cref="Problem"/> is and what to add (<see cref="Fix"/>).
/// </summary>
internal sealed class SiteFileRule
{
    /// <summary>Whether this text is the generator's: the exact text of an earlier run, or a text with its mark.</summary>
    public required Func<string, bool> IsGenerated { get; init; }

    /// <summary>Whether this text (the user's) already makes the host serve the policy right.</summary>
    public required Func<string, bool> Serves { get; init; }

    /// <summary>What is wrong when <see cref="Serves"/> is false, as a clause: "it has no route that …".</summary>
    public required string Problem { get; init; }

    /// <summary>Exactly what to add to the user's file, as one or more sentences.</summary>
    public required string Fix { get; init; }
}

/// <summary>
/// A web server or static host that serves the policy file without ASP.NET Core (<c>mta-sts generate --server</c>):
/// the configuration it needs to serve <see cref="Deployment.WellKnownPath"/> right on each
/// <see cref="Deployment.PolicyHost"/>: <c>text/plain</c> without a charset, the exact bytes (never compressed), no
/// redirect for that path, 404 for the host's other paths where the server allows it. Every server renders the same
/// deployments; a server decides only its syntax.
/// </summary>
public sealed class ServerConfig
{
    private readonly Func<IReadOnlyList<Deployment>, Func<Deployment, string>, string, string?, IEnumerable<ServerConfigFile>> write;

    private ServerConfig(string name, string title, Func<IReadOnlyList<Deployment>, Func<Deployment, string>, string, string?, IEnumerable<ServerConfigFile>> write)
    {
        Name = name;
        Title = title;
        this.write = write;
    }

    /// <summary>nginx: a <c>server</c> block per domain in <c>mta-sts.nginx.conf</c>, to <c>include</c> in <c>http {}</c>.</summary>
    public static ServerConfig Nginx { get; } = new("nginx", "nginx", (d, root, dir, source) => [new(Path.Combine(dir, "mta-sts.nginx.conf"), ServerConfigWriters.Nginx(d, root, source))]);

    /// <summary>Caddy: a site block per domain in <c>mta-sts.Caddyfile</c>, to <c>import</c> into the Caddyfile.</summary>
    public static ServerConfig Caddy { get; } = new("caddy", "Caddy", (d, root, dir, source) => [new(Path.Combine(dir, "mta-sts.Caddyfile"), ServerConfigWriters.Caddy(d, root, source))]);

    /// <summary>Apache httpd: a <c>&lt;VirtualHost *:443&gt;</c> per domain in <c>mta-sts.apache.conf</c>.</summary>
    public static ServerConfig Apache { get; } = new("apache", "Apache httpd", (d, root, dir, source) => [new(Path.Combine(dir, "mta-sts.apache.conf"), ServerConfigWriters.Apache(d, root, source))]);

    /// <summary>GitHub Pages: <c>.nojekyll</c> and <c>CNAME</c> in each domain's site folder.</summary>
    public static ServerConfig GitHubPages { get; } = new("github-pages", "GitHub Pages", (d, root, _, source) => PerSite(d, root, ServerConfigWriters.GitHubPages));

    /// <summary>Azure Static Web Apps: <c>staticwebapp.config.json</c> in each domain's site folder.</summary>
    public static ServerConfig AzureStaticWebApps { get; } = new("azure-static-web-apps", "Azure Static Web Apps", (d, root, _, source) => PerSite(d, root, ServerConfigWriters.AzureStaticWebApps));

    /// <summary>Netlify: <c>_headers</c> in each domain's site folder.</summary>
    public static ServerConfig Netlify { get; } = new("netlify", "Netlify", (d, root, _, source) => PerSite(d, root, (site, folder) => ServerConfigWriters.Netlify(site, folder, source)));

    /// <summary>Every server, in the order the documentation lists them.</summary>
    public static IReadOnlyList<ServerConfig> All { get; } = [Nginx, Caddy, Apache, GitHubPages, AzureStaticWebApps, Netlify];

    /// <summary>The name used by <c>mta-sts generate --server</c>.</summary>
    public string Name { get; }

    /// <summary>The server's or host's name, for people.</summary>
    public string Title { get; }

    /// <summary>
    /// The files for <paramref name="deployments"/>. <paramref name="siteRoot"/> is each domain's site folder, the
    /// directory that holds its <c>.well-known/mta-sts.txt</c> (the static hosts' files go there, one set per folder);
    /// <paramref name="configDirectory"/> is where a web server's one configuration file for every domain goes.
    /// <paramref name="source"/> is named as the file the configuration was generated from.
    /// </summary>
    public IReadOnlyList<ServerConfigFile> Write(IReadOnlyList<Deployment> deployments, Func<Deployment, string> siteRoot, string configDirectory, string? source = null)
    {
        if (deployments is null || deployments.Count == 0)
        {
            throw new ArgumentException("At least one deployment is needed.", nameof(deployments));
        }

        if (siteRoot is null || configDirectory is null)
        {
            throw new ArgumentNullException(siteRoot is null ? nameof(siteRoot) : nameof(configDirectory));
        }

        return write(deployments, d => Path.GetFullPath(siteRoot(d)), configDirectory, source).ToList();
    }

    /// <summary>The file names of the web servers' configurations (<c>mta-sts.nginx.conf</c>, …): a generator's own
    /// outputs, which a later run may delete when the server is no longer asked for.</summary>
    internal static bool IsWebServerFile(string path) =>
        Path.GetFileName(path) is "mta-sts.nginx.conf" or "mta-sts.Caddyfile" or "mta-sts.apache.conf";

    /// <summary>The server of that name (case-insensitive), or null.</summary>
    public static ServerConfig? Find(string name) => NamedChoices.Find(All, s => s.Name, name);

    /// <summary>
    /// The servers named in <paramref name="names"/> (repeated names once, blanks ignored), in the order of
    /// <see cref="All"/>; none when none is named. An unknown name is error MTASTS4004 in <paramref name="diagnostics"/>,
    /// with the valid names and the closest one.
    /// </summary>
    public static IReadOnlyList<ServerConfig> Parse(IEnumerable<string>? names, ICollection<Diagnostic> diagnostics) =>
        NamedChoices.Parse(names, All, s => s.Name, diagnostics, DiagnosticDescriptors.UnknownServer, DiagnosticMessages.Outputs.ServerNoun.Format(), DiagnosticMessages.Outputs.ServerNouns.Format());

    /// <summary>The static hosts' files: one set per site folder, for the domains served from it.</summary>
    private static IEnumerable<ServerConfigFile> PerSite(
        IReadOnlyList<Deployment> deployments, Func<Deployment, string> siteRoot, Func<IReadOnlyList<Deployment>, string, IEnumerable<ServerConfigFile>> files) =>
        deployments.GroupBy(siteRoot, StringComparer.Ordinal).SelectMany(site => files(site.ToList(), site.Key));

    public override string ToString() => Name;
}
