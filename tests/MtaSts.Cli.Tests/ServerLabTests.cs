using System.Globalization;
using System.Text.Json;
using MtaSts.Testing;

namespace MtaSts.Cli.Tests;

/// <summary>
/// The configuration <c>mta-sts generate --server</c> writes for nginx, Caddy and Apache, run by the real server inside
/// the network-namespace lab of build/interop.sh (Knot DNS serving the generated zone snippet, the lab's throwaway CA
/// and its certificate for <c>mta-sts.example.com</c>, the server on 127.0.0.1:443): the real MTA-STS client
/// <c>mta-sts-query</c> gets the policy VALID under the snippet's id, and <c>mta-sts check</c> passes the HTTPS policy
/// fetch and finds no drift from <c>mta-sts.yaml</c>. The generated file is used as written but for its marked
/// placeholders (the certificate paths, and for nginx the IPv6 listen line); the server runs in the foreground with its
/// pid, log and temporary files in the site folder. Nothing runs outside the namespace, and <c>down</c> stops it all.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "mta-sts-query")]
[Trait("Requires", "nginx")]
[Trait("Requires", "caddy")]
[Trait("Requires", "apache2")]
public sealed class ServerLabTests
{
    private const string Yaml = ValidConfig.WithTlsRpt;

    private static int count;

    public static TheoryData<string> Servers => new("nginx", "caddy", "apache");

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Mta_sts_query_and_mta_sts_check_accept_the_policy_the_generated_config_serves(string server)
    {
        var name = $"mtasts-srv-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref count).ToString(CultureInfo.InvariantCulture)}";
        var root = Path.Combine(Path.GetTempPath(), name);
        var site = Path.Combine(root, "site");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "mta-sts.yaml"), Yaml);
        var cli = Path.Combine(AppContext.BaseDirectory, "mta-sts.dll");
        var generate = await Command.RunAsync("dotnet", [cli, "generate", "-o", site, "--server", server], site, timeout: TimeSpan.FromMinutes(1));
        Assert.True(generate.Succeeded, generate.Describe());
        File.WriteAllText(Path.Combine(site, "run.sh"), RunScript(server));

        var script = Path.Combine(RepositoryRoot.Path, "build", "interop.sh");
        string[] common = ["--ns", name, "--work", work];
        try
        {
            var up = await Command.RunAsync(script,
                ["up", .. common, "--owner-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--domain", "example.com",
                 "--zone-snippet", Path.Combine(site, "example.com.zone"), "--site", "bash run.sh", "--site-dir", site],
                root, timeout: TimeSpan.FromMinutes(2));
            Assert.True(up.Succeeded, up.Describe());
            Assert.Contains("content-type: text/plain\n", up.Output.Replace("\r", "").ToLowerInvariant()); // curl's view; HTTP/2 (Caddy) in lower case
            var id = await NamedCheckZone.PolicyIdAsync(File.ReadAllText(Path.Combine(site, "example.com.zone")), "example.com");

            var query = await Command.RunAsync(script, ["query", .. common], root, timeout: TimeSpan.FromMinutes(1));
            Assert.True(query.Succeeded, query.Describe());
            Assert.Contains($"(<STSFetchResult.VALID: 1>, ('{id}', ", query.Output);

            var check = await Command.RunAsync(script,
                ["exec", .. common, "dotnet", cli, "check", "example.com", "--dns-server", "127.0.0.1", "--ca-file", Path.Combine(work, "ca", "ca.crt"),
                 "--no-smtp", "--config", Path.Combine(site, "mta-sts.yaml"), "--format", "json"],
                root, timeout: TimeSpan.FromMinutes(1));
            using var report = JsonDocument.Parse(check.StandardOutput);
            var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("title").GetString()!, s => s.GetProperty("status").GetString());
            // The lab's zone has the MTA-STS records and no MX records, so the DNS step has findings about MX; the policy
            // host, what this test is about, must pass, and what it serves must be what mta-sts.yaml generates.
            Assert.True(steps.GetValueOrDefault("HTTPS policy fetch") == "pass", check.Describe());
            Assert.True(steps.Where(s => s.Key.StartsWith("Drift", StringComparison.Ordinal)).Select(s => s.Value).SingleOrDefault() == "pass", check.Describe());
            Assert.Equal(id, report.RootElement.GetProperty("verdict").GetProperty("policyId").GetString());
        }
        finally
        {
            var down = await Command.RunAsync(script, ["down", .. common], root, timeout: TimeSpan.FromMinutes(1));
            Assert.True(down.Succeeded, down.Describe());
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// The site command the lab runs in the namespace, in the site folder, with the lab's certificate in
    /// Kestrel__Certificates__Default__Path/KeyPath: the generated file with its placeholders replaced, in a wrapper,
    /// the server in the foreground (exec, so that the lab's stop reaches it).
    /// </summary>
    private static string RunScript(string server)
    {
        const string certificates = """
            -e "s#/etc/ssl/CHANGE-ME/mta-sts.example.com.crt#$Kestrel__Certificates__Default__Path#" \
                -e "s#/etc/ssl/CHANGE-ME/mta-sts.example.com.key#$Kestrel__Certificates__Default__KeyPath#"
            """;
        var body = server switch
        {
            "nginx" => $$"""
                sed -e "/listen \[::\]:443 ssl;/d" \
                    {{certificates}} mta-sts.nginx.conf > run.nginx.conf
                cat > wrapper.nginx.conf <<CONF
                daemon off;
                pid $d/nginx.pid;
                error_log stderr;
                events { worker_connections 64; }
                http { access_log off; client_body_temp_path $d/tmp; include $d/run.nginx.conf; }
                CONF
                exec nginx -p "$d" -c "$d/wrapper.nginx.conf" -e stderr
                """,
            "caddy" => """
                sed -e "s#^https://mta-sts.example.com {#https://mta-sts.example.com {\n    tls $Kestrel__Certificates__Default__Path $Kestrel__Certificates__Default__KeyPath#" \
                    mta-sts.Caddyfile > run.Caddyfile
                cat > wrapper.Caddyfile <<CONF
                {
                  admin off
                  auto_https off
                  default_bind 127.0.0.1
                  storage file_system $d/caddy-data
                }
                import $d/run.Caddyfile
                CONF
                export HOME="$d" XDG_DATA_HOME="$d/xdg-data" XDG_CONFIG_HOME="$d/xdg-config"
                exec caddy run --config "$d/wrapper.Caddyfile" --adapter caddyfile
                """,
            "apache" => $$"""
                sed {{certificates}} mta-sts.apache.conf > run.apache.conf
                m=/usr/lib/apache2/modules
                printf 'text/plain txt\n' > mime.types
                cat > wrapper.apache.conf <<CONF
                ServerRoot "$d"
                ServerName localhost
                PidFile "$d/apache.pid"
                ErrorLog /dev/stderr
                DefaultRuntimeDir "$d"
                Mutex file:$d
                LoadModule mpm_event_module $m/mod_mpm_event.so
                LoadModule authz_core_module $m/mod_authz_core.so
                LoadModule mime_module $m/mod_mime.so
                LoadModule alias_module $m/mod_alias.so
                LoadModule env_module $m/mod_env.so
                LoadModule ssl_module $m/mod_ssl.so
                LoadModule socache_shmcb_module $m/mod_socache_shmcb.so
                TypesConfig "$d/mime.types"
                SSLSessionCache "shmcb:$d/ssl_scache(512000)"
                Listen 127.0.0.1:443
                <Directory />
                  Require all denied
                </Directory>
                Include "$d/run.apache.conf"
                CONF
                exec apache2 -X -f "$d/wrapper.apache.conf" -d "$d"
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(server)),
        };
        return "#!/usr/bin/env bash\nset -euo pipefail\nd=\"$(pwd)\"\n" + body + "\n";
    }
}
