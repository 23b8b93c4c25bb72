using System.Net;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Checking;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>Checks one served policy's domain against the live deployment. The seam unit tests replace.</summary>
internal interface IDomainCheckFactory
{
    Func<ServedPolicy, CancellationToken, Task<CheckReport>> Create(MtaStsHealthCheckOptions options, TimeProvider time);
}

/// <summary>The checker of <c>mta-sts check</c>, with step 5 comparing the live deployment with the site's build.</summary>
internal sealed class LiveDomainCheckFactory : IDomainCheckFactory
{
    /// <summary>How the findings name what the site serves.</summary>
    public const string Source = "this site's build";

    public Func<ServedPolicy, CancellationToken, Task<CheckReport>> Create(MtaStsHealthCheckOptions options, TimeProvider time)
    {
        var checker = new DomainChecker(CheckOptionsFor(options, time));
        return (served, cancellation) => checker.CheckAsync(served.PolicyDomain, new ExpectedPolicy(served.Id, served.Text, Source) { TlsRptRecord = served.TlsRptRecord }, cancellation);
    }

    internal static CheckOptions CheckOptionsFor(MtaStsHealthCheckOptions options, TimeProvider time)
    {
        var servers = options.DnsServers.Select(server => CheckOptions.TryParseDnsServer(server, out var endPoint)
            ? endPoint!
            : throw new InvalidOperationException(MtaStsHealthCheckOptionsValidator.BadDnsServer(server))).ToList();
        // Each network step gets its own limit within the whole check's, so one slow step leaves time for the rest.
        var step = options.Timeout;
        return new CheckOptions
        {
            Resolver = CheckOptions.CreateResolverFor(servers, step),
            TrustAnchors = TrustAnchors(options),
            CheckSmtp = options.ProbeMxStartTls,
            ConnectTimeout = Min(TimeSpan.FromSeconds(10), step),
            HttpTimeout = Min(TimeSpan.FromSeconds(20), step),
            SmtpTimeout = Min(TimeSpan.FromSeconds(20), step),
            ExpiryWarningDays = options.CertificateExpiryWarningDays,
            Clock = time,
        };
    }

    internal static X509Certificate2Collection TrustAnchors(MtaStsHealthCheckOptions options)
    {
        var anchors = new X509Certificate2Collection();
        if (options.TrustAnchorsFile is { Length: > 0 } file)
        {
            anchors.ImportFromPemFile(file);
        }

        anchors.AddRange(options.TrustAnchors);
        return anchors;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
