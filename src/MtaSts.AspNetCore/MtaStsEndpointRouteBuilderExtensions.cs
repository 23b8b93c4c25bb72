using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.AspNetCore;

// ASP.NET Core's own Map… extensions live here, so a default Program.cs needs no using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the MTA-STS policy (RFC 8461) from an ASP.NET Core app.</summary>
public static class MtaStsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Answers GET and HEAD <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> for every Policy Host that
    /// <c>builder.Services.AddMtaSts()</c> registered with 200, <c>text/plain</c> and the exact policy bytes:
    /// anonymously, uncompressed and never redirected (RFC 8461 §3.3), in front of whatever else the app does at that
    /// path. Requests for other hosts go on to the rest of the app. The Policy Host must be served over HTTPS with a
    /// certificate valid for it.
    /// </summary>
    /// <returns>The endpoint's builder; the endpoint is there for routing's view of the app (logs, metrics).</returns>
    /// <exception cref="InvalidOperationException"><c>AddMtaSts()</c> was not called, or this method was called twice.</exception>
    public static IEndpointConventionBuilder MapMtaStsPolicy(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var owner = endpoints.ServiceProvider.GetService<MtaStsPolicyOwner>() ?? throw new InvalidOperationException(
            "app.MapMtaStsPolicy() needs the MTA-STS services: add builder.Services.AddMtaSts(); to Program.cs before "
            + "builder.Build(). (MtaSts.Build generates AddMtaSts() from mta-sts.yaml.)");
        owner.Own(endpoints.DataSources);

        var endpoint = endpoints.MapMethods(MtaStsPolicyOwner.WellKnownPath, [HttpMethods.Get, HttpMethods.Head], owner.ServeRouted);
        endpoint.RequireHost([.. owner.Policies.PolicyHosts]);
        endpoint.AllowAnonymous();
        endpoint.Add(builder => builder.Metadata.Add(owner));
        return endpoint.WithDisplayName("MTA-STS policy");
    }
}
