using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MtaSts.Serving;

namespace MtaSts.Tests.Serving;

/// <summary>
/// A real web server (nginx, Caddy, Apache from Debian) in the foreground on 127.0.0.1 on a free port with HTTPS, serving
/// the configuration <see cref="ServerConfig"/> generated for <c>mta-sts.example.com</c>, inside a wrapper of the
/// test's own (pid, log and temporary paths in a temporary directory), with a throwaway CA and a certificate for
/// <c>mta-sts.example.com</c> and <c>www.example.com</c>. The generated file is used unchanged but for its marked
/// placeholders: the listen address and the certificate paths. Loopback only; the server's process group is stopped
/// on dispose.
/// </summary>
internal sealed class WebServerHarness : IAsyncDisposable
{
    public const string PolicyHost = "mta-sts.example.com";
    public const string WwwHost = "www.example.com";

    private readonly X509Certificate2 ca;
    private readonly StringBuilder output = new();
    private Process? process;

    private WebServerHarness(string directory, int port, X509Certificate2 ca, byte[] policy, string generated)
    {
        Directory = directory;
        Port = port;
        this.ca = ca;
        Policy = policy;
        Generated = generated;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The policy file's bytes as generated.</summary>
    public byte[] Policy { get; }

    /// <summary>The generated configuration file, as the generator wrote it.</summary>
    public string Generated { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Generates, wraps and starts <paramref name="server"/>; <paramref name="redirectingSite"/> adds a site
    /// that redirects everything (a default host and <c>www.example.com</c>) next to the generated one.</summary>
    public static async Task<WebServerHarness> StartAsync(string server, bool redirectingSite)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mtasts-webserver-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mta-sts.yaml");
        File.WriteAllText(config, MtaSts.Testing.ValidConfig.Yaml);
        var plan = OutputPlanner.Plan(config, new OutputOptions
        {
            PolicyFile = Path.Combine(directory, "site", ".well-known", "mta-sts.txt"),
            Servers = [server],
        });
        Assert.Empty(plan.Diagnostics);
        foreach (var file in plan.Files)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
            File.WriteAllBytes(file.Path, file.Content);
        }

        var generatedFile = Assert.Single(plan.Files, f => f.Kind == GeneratedFileKind.ServerConfig);
        var policy = Assert.Single(plan.Files, f => f.Kind == GeneratedFileKind.Policy).Content;
        var ca = WriteCertificates(directory);
        var harness = new WebServerHarness(directory, FreePort(), ca, policy, Encoding.UTF8.GetString(generatedFile.Content));
        try
        {
            var (fileName, arguments) = server switch
            {
                "nginx" => harness.WrapNginx(redirectingSite),
                "caddy" => harness.WrapCaddy(redirectingSite),
                "apache" => harness.WrapApache(redirectingSite),
                _ => throw new ArgumentOutOfRangeException(nameof(server)),
            };
            await harness.StartProcessAsync(fileName, arguments);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>One placeholder of the generated file replaced; it must be there exactly once.</summary>
    private static string Replace(string text, string placeholder, string value)
    {
        var at = text.IndexOf(placeholder, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(placeholder, at + 1, StringComparison.Ordinal) < 0, $"'{placeholder}' is not in the generated file exactly once:\n{text}");
        return text.Replace(placeholder, value);
    }

    private string Crt => Path.Combine(Directory, "site.crt");

    private string Key => Path.Combine(Directory, "site.key");

    private (string, string[]) WrapNginx(bool redirectingSite)
    {
        var generated = Replace(Generated, "listen 443 ssl;", $"listen 127.0.0.1:{Port} ssl;");
        generated = Replace(generated, "listen [::]:443 ssl;", "");
        generated = Replace(generated, $"/etc/ssl/CHANGE-ME/{PolicyHost}.crt", Crt);
        generated = Replace(generated, $"/etc/ssl/CHANGE-ME/{PolicyHost}.key", Key);
        File.WriteAllText(Path.Combine(Directory, "generated.nginx.conf"), generated);
        var d = Directory;
        var redirect = !redirectingSite ? "" : $$"""
              # The site redirects everything else: a default host and www to https://example.com.
              server {
                listen 127.0.0.1:{{Port}} ssl default_server;
                server_name _ {{WwwHost}};
                ssl_certificate {{Crt}};
                ssl_certificate_key {{Key}};
                return 301 https://example.com$request_uri;
              }
            """;
        File.WriteAllText(Path.Combine(d, "nginx.conf"), $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            pid {{d}}/nginx.pid;
            error_log {{d}}/nginx.error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{d}}/tmp-body;
              proxy_temp_path {{d}}/tmp-proxy;
              fastcgi_temp_path {{d}}/tmp-fastcgi;
              uwsgi_temp_path {{d}}/tmp-uwsgi;
              scgi_temp_path {{d}}/tmp-scgi;
              # What a site commonly has, which the generated block must override: a charset, compression of text.
              types { text/plain txt; text/html html; }
              charset utf-8;
              gzip on;
              gzip_types text/plain;
              gzip_min_length 1;
              include {{d}}/generated.nginx.conf;
            {{redirect}}
            }
            """);
        return ("nginx", ["-p", d, "-c", Path.Combine(d, "nginx.conf"), "-e", Path.Combine(d, "nginx.error.log")]);
    }

    private (string, string[]) WrapCaddy(bool redirectingSite)
    {
        var generated = Replace(Generated, $"https://{PolicyHost} {{\n", $"https://{PolicyHost} {{\n    tls {Crt} {Key}\n");
        File.WriteAllText(Path.Combine(Directory, "generated.Caddyfile"), generated);
        var redirect = !redirectingSite ? "" : $$"""
            # The site redirects everything else, and compresses.
            https://{{WwwHost}} {
              tls {{Crt}} {{Key}}
              encode gzip
              redir https://example.com{uri} permanent
            }
            """;
        File.WriteAllText(Path.Combine(Directory, "Caddyfile"), $$"""
            {
              admin off
              auto_https off
              https_port {{Port}}
              http_port {{FreePort()}}
              default_bind 127.0.0.1
              storage file_system {{Directory}}/caddy-data
            }
            import {{Directory}}/generated.Caddyfile
            {{redirect}}
            """);
        return ("caddy", ["run", "--config", Path.Combine(Directory, "Caddyfile"), "--adapter", "caddyfile"]);
    }

    private (string, string[]) WrapApache(bool redirectingSite)
    {
        var generated = Replace(Generated, "<VirtualHost *:443>", $"<VirtualHost 127.0.0.1:{Port}>");
        generated = Replace(generated, $"/etc/ssl/CHANGE-ME/{PolicyHost}.crt", Crt);
        generated = Replace(generated, $"/etc/ssl/CHANGE-ME/{PolicyHost}.key", Key);
        File.WriteAllText(Path.Combine(Directory, "generated.apache.conf"), generated);
        File.WriteAllText(Path.Combine(Directory, "mime.types"), "text/plain txt\ntext/html html\n");
        const string modules = "/usr/lib/apache2/modules";
        var d = Directory;
        // The first virtual host of an address is its default: with the redirecting site, it answers every other name.
        // A Redirect of the main server configuration is inherited by every virtual host, the generated one too.
        var redirect = !redirectingSite ? "" : $$"""
            Redirect permanent / https://example.com/
            <VirtualHost 127.0.0.1:{{Port}}>
              ServerName {{WwwHost}}
              SSLEngine on
              SSLCertificateFile "{{Crt}}"
              SSLCertificateKeyFile "{{Key}}"
              Redirect permanent / https://example.com/
            </VirtualHost>
            """;
        File.WriteAllText(Path.Combine(d, "apache.conf"), $$"""
            ServerRoot "{{d}}"
            ServerName localhost
            PidFile "{{d}}/apache.pid"
            ErrorLog "{{d}}/apache.error.log"
            DefaultRuntimeDir "{{d}}"
            Mutex file:{{d}}
            LoadModule mpm_event_module {{modules}}/mod_mpm_event.so
            LoadModule authz_core_module {{modules}}/mod_authz_core.so
            LoadModule mime_module {{modules}}/mod_mime.so
            LoadModule alias_module {{modules}}/mod_alias.so
            LoadModule env_module {{modules}}/mod_env.so
            LoadModule ssl_module {{modules}}/mod_ssl.so
            LoadModule socache_shmcb_module {{modules}}/mod_socache_shmcb.so
            LoadModule filter_module {{modules}}/mod_filter.so
            LoadModule deflate_module {{modules}}/mod_deflate.so
            LoadModule rewrite_module {{modules}}/mod_rewrite.so
            TypesConfig "{{d}}/mime.types"
            # What a site commonly has, which the generated virtual host must override: a charset, compression of text.
            AddDefaultCharset UTF-8
            AddOutputFilterByType DEFLATE text/plain text/html
            SSLSessionCache "shmcb:{{d}}/ssl_scache(512000)"
            Listen 127.0.0.1:{{Port}}
            <Directory />
              Require all denied
            </Directory>
            {{redirect}}
            Include "{{d}}/generated.apache.conf"
            """);
        return ("apache2", ["-X", "-f", Path.Combine(d, "apache.conf"), "-d", d]);
    }

    /// <summary>Starts the server in a process group of its own (setsid), then waits until it listens (bounded).</summary>
    private async Task StartProcessAsync(string fileName, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Caddy keeps its state under HOME/XDG: the temporary directory, not the machine's.
        startInfo.Environment["HOME"] = Directory;
        startInfo.Environment["XDG_DATA_HOME"] = Path.Combine(Directory, "xdg-data");
        startInfo.Environment["XDG_CONFIG_HOME"] = Path.Combine(Directory, "xdg-config");
        process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{fileName} exited with {process.ExitCode} before listening:\n{Output}\n{Logs()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{fileName} did not listen on 127.0.0.1:{Port} within 20 s:\n{Output}\n{Logs()}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    /// <summary>The servers' own log files, for a failure message.</summary>
    public string Logs() => string.Join("\n", System.IO.Directory.GetFiles(Directory, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    /// <summary>
    /// A client that connects to 127.0.0.1:<see cref="Port"/> whatever the URL's host (so SNI and Host are the URL's),
    /// trusts the throwaway CA alone, follows no redirect and decompresses nothing.
    /// </summary>
    public HttpClient Client()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false; // no certificate, or not for the name asked for
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    public Uri Url(string host, string path) => new($"https://{host}:{Port}{path}");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string path)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(method, Url(host, path));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A throwaway CA and a certificate for the policy host and www, as PEM files; returns the CA.</summary>
    private static X509Certificate2 WriteCertificates(string directory)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=MtaSts throwaway test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={PolicyHost}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(PolicyHost);
        names.AddDnsName(WwwHost);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        using var leaf = request.Create(ca, now.AddMinutes(-5), now.AddHours(12), serial);
        File.WriteAllText(Path.Combine(directory, "site.crt"), leaf.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "site.key"), key.ExportPkcs8PrivateKeyPem());
        return ca;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the server's process group (TERM, then KILL after 10 s) and removes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    Signal("TERM");
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try
                    {
                        await process.WaitForExitAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Signal("KILL");
                        using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        await process.WaitForExitAsync(killed.Token);
                    }
                }

                // Workers of the group that outlived their master (nginx, apache): none may stay.
                Signal("KILL");
            }
            finally
            {
                process.Dispose();
            }
        }

        ca.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Signals the server's process group (setsid made the server its leader).</summary>
    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", "-" + process!.Id]) { RedirectStandardError = true, UseShellExecute = false })!;
        kill.WaitForExit(5000);
    }
}
