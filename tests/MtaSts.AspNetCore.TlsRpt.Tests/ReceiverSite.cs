using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MtaSts.AspNetCore.TlsRpt;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>
/// A real site under real Kestrel over HTTPS on a loopback port Kestrel chose: the MTA-STS policy, the receiver at
/// <c>/tlsrpt</c>, and what a production site adds around them (cookie authentication with an authorization fallback
/// policy that challenges every other endpoint, antiforgery). Log lines are kept for the tests to read.
/// </summary>
public sealed class ReceiverSite : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> LazyCertificate = new(CreateCertificate);

    private readonly WebApplication app;

    private ReceiverSite(WebApplication app, Uri address, string store, LogLines logs)
    {
        this.app = app;
        Address = address;
        Store = store;
        Logs = logs;
        Client = NewClient();
    }

    /// <summary>The site's certificate (CN=localhost), made once per run.</summary>
    public static X509Certificate2 Certificate => LazyCertificate.Value;

    /// <summary>The certificate as a PEM file, for curl's --cacert.</summary>
    public static string CertificatePem { get; } = WritePem();

    public Uri Address { get; }

    public Uri ReportsUri => new(Address, "/tlsrpt");

    public string Store { get; }

    public LogLines Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<ReceiverSite> StartAsync(string store, IEnumerable<ServedPolicy> policies, Action<TlsRptReceiverOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var logs = new LogLines();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = store });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        builder.Services.AddMtaSts(new ServedPolicySet(policies));
        builder.Services.AddTlsRptReceiver(options =>
        {
            options.StorePath = "reports";
            configure?.Invoke(options);
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddAntiforgery();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapMtaStsPolicy();
        app.MapTlsRptReports();
        app.MapGet("/account", () => "private");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        return new ReceiverSite(app, new Uri($"https://localhost:{port}/"), Path.Combine(store, "reports"), logs);
    }

    /// <summary>A client that trusts exactly the site's certificate and leaves bodies and redirects alone.</summary>
    public static HttpClient NewClient(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>POSTs <paramref name="body"/> to the receiver with a media type and an optional Content-Encoding.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(byte[] body, string mediaType, string? contentEncoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        var response = await Client.PostAsync(ReportsUri, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The report files in the store (hidden temporary files excluded).</summary>
    public IReadOnlyList<string> StoredFiles() => Directory.Exists(Store)
        ? [.. Directory.EnumerateFiles(Store, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Every file under the store, hidden ones included.</summary>
    public IReadOnlyList<string> AllFiles() => Directory.Exists(Store) ? [.. Directory.EnumerateFiles(Store, "*", SearchOption.AllDirectories)] : [];

    /// <summary>Run first on dispose (a test's listeners).</summary>
    public event Action? Disposing;

    public async ValueTask DisposeAsync()
    {
        Disposing?.Invoke();
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // Its own trust anchor for curl (--cacert): a CA certificate that is also the server's.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static string WritePem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tlsrpt-tests-{Environment.ProcessId}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}

/// <summary>The app's log lines, as "Level Category: message".</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.lines)
            {
                owner.lines.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }
}
