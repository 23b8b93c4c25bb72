using System.Text;
using MtaSts.Output;

namespace MtaSts.Serving;

/// <summary>
/// The text of each <see cref="ServerConfig"/>'s files. The comments in them say which rule each line follows: RFC 8461
/// §3.3 (HTTPS on the Policy Host, <c>text/plain</c>, status 200 only, redirects not followed), or the server's or
/// host's own documented rule.
/// </summary>
internal static class ServerConfigWriters
{
    private const int Width = 100;

    /// <summary>nginx: a <c>server</c> block per domain; the exact-match location wins over every other location.</summary>
    public static string Nginx(IReadOnlyList<Deployment> deployments, Func<Deployment, string> siteRoot, string? source)
    {
        var text = new StringBuilder();
        Header(text, "#", deployments, "nginx", source,
            "Include this file inside http { } (e.g. copy it to /etc/nginx/conf.d/), replace the CHANGE-ME certificate paths, then run nginx -t and nginx -s reload.");
        foreach (var deployment in deployments)
        {
            text.Append('\n')
                .Append("server {\n")
                .Append("    # HTTPS only: senders fetch the policy over HTTPS and nothing else (RFC 8461 §3.3).\n")
                .Append("    listen 443 ssl;\n")
                .Append("    listen [::]:443 ssl;\n")
                .Append("    # Only the Policy Host: this block answers SNI/Host ").Append(deployment.PolicyHost).Append(" alone.\n")
                .Append("    server_name ").Append(deployment.PolicyHost).Append(";\n")
                .Append("    # CHANGE-ME: a certificate valid for ").Append(deployment.PolicyHost).Append(" from a CA mail servers trust (RFC 8461 §3.3).\n")
                .Append("    ssl_certificate     ").Append(NginxQuote("/etc/ssl/CHANGE-ME/" + deployment.PolicyHost + ".crt")).Append(";\n")
                .Append("    ssl_certificate_key ").Append(NginxQuote("/etc/ssl/CHANGE-ME/" + deployment.PolicyHost + ".key")).Append(";\n")
                .Append("    # The folder that holds .well-known/mta-sts.txt as mta-sts generate wrote it.\n")
                .Append("    root ").Append(NginxQuote(siteRoot(deployment))).Append(";\n")
                .Append('\n')
                .Append("    # nginx: an exact-match location (=) is chosen before any prefix or regex location, so the site's\n")
                .Append("    # redirects and rewrites in other locations never apply to the policy URL (status 200 only, RFC 8461 §3.3).\n")
                .Append("    location = ").Append(Deployment.WellKnownPath).Append(" {\n")
                .Append("        # The media type text/plain (RFC 8461 §3.3) and no charset parameter: no types map, no charset.\n")
                .Append("        types { }\n")
                .Append("        default_type text/plain;\n")
                .Append("        charset off;\n")
                .Append("        # The exact bytes: never compressed, whatever Accept-Encoding says.\n")
                .Append("        gzip off;\n")
                .Append("        try_files $uri =404;\n")
                .Append("    }\n")
                .Append('\n')
                .Append("    # The host exists for the policy alone: every other path is 404 (the folder holds other generated files).\n")
                .Append("    location / {\n")
                .Append("        return 404;\n")
                .Append("    }\n")
                .Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>Caddy: a site block per domain; <c>handle</c> blocks are mutually exclusive and the path one is tried first.</summary>
    public static string Caddy(IReadOnlyList<Deployment> deployments, Func<Deployment, string> siteRoot, string? source)
    {
        var text = new StringBuilder();
        Header(text, "#", deployments, "Caddy", source,
            "Import it into your Caddyfile (import mta-sts.Caddyfile) and caddy reload. Caddy gets the certificate itself (automatic HTTPS); to use your own, add tls <cert.pem> <key.pem> to the site block.");
        foreach (var deployment in deployments)
        {
            text.Append('\n')
                .Append("# HTTPS only, on the Policy Host alone (RFC 8461 §3.3).\n")
                .Append("https://").Append(deployment.PolicyHost).Append(" {\n")
                .Append("    # Caddy: handle blocks are mutually exclusive, and one with a path matcher is tried before the one without,\n")
                .Append("    # so no redirect of the site applies to the policy URL (status 200 only, RFC 8461 §3.3).\n")
                .Append("    handle ").Append(Deployment.WellKnownPath).Append(" {\n")
                .Append("        # The folder that holds .well-known/mta-sts.txt as mta-sts generate wrote it.\n")
                .Append("        root * ").Append(Quote(siteRoot(deployment))).Append('\n')
                .Append("        # text/plain without Caddy's \"; charset=utf-8\" (RFC 8461 §3.3); deferred, so that it replaces file_server's.\n")
                .Append("        header {\n")
                .Append("            Content-Type text/plain\n")
                .Append("            defer\n")
                .Append("        }\n")
                .Append("        # No encode directive here: the exact bytes, never compressed.\n")
                .Append("        file_server\n")
                .Append("    }\n")
                .Append("    # The host exists for the policy alone: every other path is 404.\n")
                .Append("    handle {\n")
                .Append("        respond 404\n")
                .Append("    }\n")
                .Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>Apache httpd: a virtual host per domain.</summary>
    public static string Apache(IReadOnlyList<Deployment> deployments, Func<Deployment, string> siteRoot, string? source)
    {
        var text = new StringBuilder();
        Header(text, "#", deployments, "Apache httpd", source,
            "Needs mod_ssl, mod_mime, mod_alias, mod_env and mod_authz_core (a2enmod ssl), and mod_rewrite where the main server configuration redirects (a2enmod rewrite). Copy it to /etc/apache2/sites-available/, a2ensite it, replace the CHANGE-ME certificate paths, then apachectl configtest and apachectl graceful.");
        foreach (var deployment in deployments)
        {
            var root = siteRoot(deployment);
            text.Append('\n')
                .Append("# HTTPS only, on the Policy Host alone (RFC 8461 §3.3): Apache picks this virtual host by SNI and Host.\n")
                .Append("<VirtualHost *:443>\n")
                .Append("    ServerName ").Append(deployment.PolicyHost).Append('\n')
                .Append("    SSLEngine on\n")
                .Append("    # CHANGE-ME: a certificate valid for ").Append(deployment.PolicyHost).Append(" from a CA mail servers trust (RFC 8461 §3.3).\n")
                .Append("    SSLCertificateFile ").Append(Quote("/etc/ssl/CHANGE-ME/" + deployment.PolicyHost + ".crt")).Append('\n')
                .Append("    SSLCertificateKeyFile ").Append(Quote("/etc/ssl/CHANGE-ME/" + deployment.PolicyHost + ".key")).Append('\n')
                .Append("    # The folder that holds .well-known/mta-sts.txt as mta-sts generate wrote it.\n")
                .Append("    DocumentRoot ").Append(Quote(root)).Append('\n')
                .Append("    <Directory ").Append(Quote(root)).Append(">\n")
                .Append("        # No MultiViews: content negotiation could answer with another file (a .gz) than the policy.\n")
                .Append("        Options None\n")
                .Append("        AllowOverride None\n")
                .Append("        Require all granted\n")
                .Append("    </Directory>\n")
                .Append("    # The host exists for the policy alone: every other path is 404 (the folder holds other generated files).\n")
                .Append("    RedirectMatch 404 ").Append("^(?!" + RegexPath() + "$)").Append('\n')
                .Append("    # A Redirect of the main server configuration is inherited by every virtual host, and mod_alias applies it\n")
                .Append("    # before any Alias or Location. mod_rewrite maps the URL first (its translate_name hook runs before\n")
                .Append("    # mod_alias's), and [END] ends the mapping there: no redirect reaches the policy URL (RFC 8461 §3.3).\n")
                .Append("    <IfModule mod_rewrite.c>\n")
                .Append("        RewriteEngine On\n")
                .Append("        RewriteRule ").Append(Quote("^" + RegexPath() + "$")).Append(' ').Append(Quote(root + Deployment.WellKnownPath)).Append(" [END]\n")
                .Append("    </IfModule>\n")
                .Append("    <Location ").Append(Quote(Deployment.WellKnownPath)).Append(">\n")
                .Append("        # The media type text/plain (RFC 8461 §3.3), without the charset AddDefaultCharset would add.\n")
                .Append("        ForceType text/plain\n")
                .Append("        AddDefaultCharset Off\n")
                .Append("        # The exact bytes: mod_deflate and mod_brotli leave a response alone when these are set.\n")
                .Append("        SetEnv no-gzip 1\n")
                .Append("        SetEnv no-brotli 1\n")
                .Append("    </Location>\n")
                .Append("</VirtualHost>\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// GitHub Pages: <c>.nojekyll</c> (Jekyll skips folders whose name starts with a dot) and <c>CNAME</c> (the custom
    /// domain). A Pages site has one custom domain: a folder that serves several domains gets no <c>CNAME</c>.
    /// </summary>
    public static IEnumerable<ServerConfigFile> GitHubPages(IReadOnlyList<Deployment> site, string folder) =>
        site.Count == 1
            ? [new(Path.Combine(folder, ".nojekyll"), ""), new(Path.Combine(folder, "CNAME"), site[0].PolicyHost + "\n")]
            : [new(Path.Combine(folder, ".nojekyll"), "")];

    /// <summary>
    /// Azure Static Web Apps: a route for the policy URL with its <c>Content-Type</c> header and no redirect. JSON has no
    /// comments; the rules it follows are in docs/deploying.md.
    /// </summary>
    public static IEnumerable<ServerConfigFile> AzureStaticWebApps(IReadOnlyList<Deployment> site, string folder) =>
    [
        new(Path.Combine(folder, "staticwebapp.config.json"),
            "{\n" +
            "  \"routes\": [\n" +
            "    {\n" +
            "      \"route\": \"" + Deployment.WellKnownPath + "\",\n" +
            "      \"headers\": {\n" +
            "        \"Content-Type\": \"text/plain\"\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n"),
    ];

    /// <summary>Netlify: <c>_headers</c>, a path line and its indented headers.</summary>
    public static IEnumerable<ServerConfigFile> Netlify(IReadOnlyList<Deployment> site, string folder, string? source)
    {
        var text = new StringBuilder();
        Header(text, "#", site, "Netlify", source,
            "Put it in the publish directory, next to .well-known/. Netlify reads _headers there: a path on its own line, then its headers indented; lines starting with # are comments.");
        Comment(text, "#", "Netlify serves a file that exists before any _redirects rule without '!' (shadowing), so keep the policy URL out of forced (!) redirects. Netlify compresses for clients that ask; the body is still the exact bytes once decoded.");
        text.Append(Deployment.WellKnownPath).Append('\n')
            .Append("  # The media type text/plain without a charset (RFC 8461 §3.3).\n")
            .Append("  Content-Type: text/plain\n");
        return [new(Path.Combine(folder, "_headers"), text.ToString())];
    }

    private static void Header(StringBuilder text, string mark, IReadOnlyList<Deployment> deployments, string server, string? source, string usage)
    {
        var what = deployments.Count == 1 ? deployments[0].PolicyUrl : $"https://mta-sts.<domain>{Deployment.WellKnownPath} for {deployments.Count} domains ({string.Join(", ", deployments.Take(3).Select(d => d.PolicyDomain))}{(deployments.Count > 3 ? ", ..." : "")})";
        Comment(text, mark, $"MTA-STS (RFC 8461): {server} serves the policy at {what}: status 200, text/plain, the exact bytes, no redirect.");
        Comment(text, mark, $"Generated by MtaSts.Build{(source is null ? "" : " from " + source)}; change that file, not this one.");
        Comment(text, mark, usage);
        Comment(text, mark, $"{RolloutSteps.Order} serve the policy first, then publish the TXT records.");
    }

    private static void Comment(StringBuilder text, string mark, string comment)
    {
        foreach (var line in RolloutSteps.Wrap(comment, Width - mark.Length - 1))
        {
            text.Append(mark).Append(' ').Append(line).Append('\n');
        }
    }

    /// <summary>A double-quoted string for Caddy and Apache, which unescape only <c>\"</c>.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"") + "\"";

    /// <summary>A double-quoted string for nginx, which also unescapes <c>\\</c>, <c>\t</c>, <c>\r</c> and <c>\n</c>.</summary>
    private static string NginxQuote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The policy path as a regular expression (PCRE), dots escaped.</summary>
    private static string RegexPath() => Deployment.WellKnownPath.Replace(".", "\\.");
}
