using System.Security.Cryptography.X509Certificates;
using DnsClient;
using Microsoft.Extensions.Options;
using MtaSts.Checking;

namespace MtaSts.Web.Console;

/// <summary>
/// Runs <see cref="DomainChecker"/> for the page and the JSON endpoint with the operator's settings: public addresses
/// only unless <see cref="CheckPageOptions.AllowPrivateTargets"/>, no SMTP probe unless <see cref="CheckPageOptions.ProbeSmtp"/>,
/// the CLI's timeouts. The visitor names only the domain (and, for drift, an mta-sts.yaml text); every server the
/// check talks to is that domain's or the operator's resolver.
/// </summary>
public sealed partial class DomainCheckRunner
{
    private readonly CheckOptions options;
    private readonly ILogger<DomainCheckRunner> logger;

    public DomainCheckRunner(IOptions<CheckPageOptions> settings, TimeProvider clock, ILogger<DomainCheckRunner> logger, IDnsQuery? resolver = null)
    {
        var page = settings.Value;
        this.logger = logger;
        var timeout = TimeSpan.FromSeconds(page.TimeoutSeconds);
        if (resolver is null)
        {
            IPEndPointOrNull(page.DnsServer, out var server);
            resolver = CheckOptions.CreateResolver(server, timeout);
        }

        var anchors = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(page.CaFile))
        {
            anchors.ImportFromPemFile(page.CaFile);
        }

        options = new CheckOptions
        {
            Resolver = resolver,
            TrustAnchors = anchors,
            CheckSmtp = page.ProbeSmtp,
            AddressPolicy = page.AllowPrivateTargets ? AddressPolicy.AllowAll : AddressPolicy.PublicOnly,
            MaxMxHosts = page.MaxMxHosts,
            ConnectTimeout = timeout,
            HttpTimeout = timeout,
            SmtpTimeout = timeout,
            Clock = clock,
        };
    }

    /// <summary>The address policy in force ("public-only" or "allow-all").</summary>
    public AddressPolicy AddressPolicy => options.AddressPolicy;

    /// <summary>Whether step 4 runs.</summary>
    public bool ProbesSmtp => options.CheckSmtp;

    /// <summary>Checks <paramref name="domain"/> (already normalized); with <paramref name="configText"/>, drift from it too.</summary>
    public async Task<CheckReport> CheckAsync(string domain, string? configText, CancellationToken cancellation)
    {
        var report = await new DomainChecker(options with { ConfigText = string.IsNullOrWhiteSpace(configText) ? null : configText })
            .CheckAsync(domain, cancellation).ConfigureAwait(false);
        LogChecked(logger, domain, report.ErrorCount, report.Findings.Count(f => f.Code == "MTASTS7192"), report.ElapsedMilliseconds);
        return report;
    }

    private static void IPEndPointOrNull(string? value, out System.Net.IPEndPoint? server)
    {
        server = null;
        if (!string.IsNullOrWhiteSpace(value) && !CheckOptions.TryParseDnsServer(value, out server))
        {
            throw new OptionsValidationException(CheckPageOptions.Section, typeof(CheckPageOptions),
                [$"Check:DnsServer '{value}' is not an IP address with an optional port, e.g. 192.0.2.53 or [2001:db8::53]:53."]);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Checked {Domain}: {Errors} errors, {Refused} refused addresses, {Elapsed} ms")]
    private static partial void LogChecked(ILogger logger, string domain, int errors, int refused, long elapsed);
}
