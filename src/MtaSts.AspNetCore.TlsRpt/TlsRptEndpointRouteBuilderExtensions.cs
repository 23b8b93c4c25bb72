using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.AspNetCore;
using MtaSts.AspNetCore.TlsRpt;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Receives TLS-RPT reports (RFC 8460) in an ASP.NET Core app.</summary>
public static class TlsRptEndpointRouteBuilderExtensions
{
    /// <summary>The default path: <c>/tlsrpt</c>. RFC 8460 names no path, and no well-known URI is registered for it.</summary>
    public const string DefaultPattern = "/tlsrpt";

    /// <summary>
    /// Answers POST at <paramref name="pattern"/> (on any host of the app) as the <c>rua=https://…</c> of the
    /// <c>_smtp._tls</c> record (RFC 8460 §3, §5.4): <c>application/tlsrpt+gzip</c> or <c>application/tlsrpt+json</c>,
    /// gzip with or without <c>Content-Encoding</c>. A report for one of the site's Policy Domains is stored once and
    /// answered 200; a report for another domain is dropped and answered 200 as well; a duplicate is 200. Refusals:
    /// 400 (not a report, with the reader's reason), 408 (body too slow), 413 (body or decompressed report too large),
    /// 415 (another media type or content coding), 500 (the store failed), 503 with <c>Retry-After</c> (the daily cap);
    /// other methods get 405 with <c>Allow: POST</c>. Anonymous and without antiforgery: senders have no credentials.
    /// </summary>
    /// <returns>The endpoint's builder, for more conventions (rate limiting, a host restriction).</returns>
    /// <exception cref="InvalidOperationException"><c>AddTlsRptReceiver()</c> or <c>AddMtaSts()</c> was not called, or an option is invalid.</exception>
    public static IEndpointConventionBuilder MapTlsRptReports(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (endpoints.ServiceProvider.GetService<ServedPolicySet>() is null)
        {
            throw new InvalidOperationException(
                "app.MapTlsRptReports() keeps the reports of the site's MTA-STS Policy Domains: add builder.Services.AddMtaSts(); to Program.cs "
                + "before builder.Build(). (MtaSts.Build generates AddMtaSts() from mta-sts.yaml.)");
        }

        // Resolved now, so a missing registration or a bad option fails at start-up, not at the first report.
        var receiver = endpoints.ServiceProvider.GetService<TlsRptReceiver>() ?? throw new InvalidOperationException(
            "app.MapTlsRptReports() needs the receiver's services: add builder.Services.AddTlsRptReceiver(); to Program.cs before builder.Build().");

        // Every method: the receiver answers 405 itself (see TlsRptReceiver.HandleAsync).
        var endpoint = endpoints.Map(pattern, receiver.HandleAsync);
        endpoint.AllowAnonymous();
        endpoint.DisableAntiforgery();
        return endpoint.WithDisplayName("TLS-RPT reports");
    }
}
