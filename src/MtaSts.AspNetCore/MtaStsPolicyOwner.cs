using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MtaSts.AspNetCore;

/// <summary>
/// The one owner of <c>/.well-known/mta-sts.txt</c> on the Policy Hosts. Registered by <c>AddMtaSts()</c> as a startup
/// filter, it puts a middleware in front of the whole pipeline (before the app's own middleware); once
/// <c>MapMtaStsPolicy()</c> has switched it on, that middleware answers GET and HEAD for a Policy Host itself, before
/// host rewrites, HTTPS redirection, HSTS, authorization, static files and response compression see the request: RFC
/// 8461 §3.3 makes anything but a 200 with the policy a failed fetch, and senders never follow redirects.
/// Every other request goes on untouched.
/// </summary>
internal sealed class MtaStsPolicyOwner(ServedPolicySet policies, MtaStsMetrics metrics) : IStartupFilter
{
    /// <summary>The path of the policy file on a Policy Host (RFC 8461 §3.2).</summary>
    public const string WellKnownPath = "/.well-known/mta-sts.txt";

    /// <summary>The media type senders require (RFC 8461 §3.2).</summary>
    public const string ContentType = "text/plain";

    private volatile ICollection<EndpointDataSource>? dataSources;
    private volatile Endpoint? endpoint;

    public ServedPolicySet Policies { get; } = policies;

    /// <summary>Called by <c>MapMtaStsPolicy()</c>: from now on the owner answers the Policy Hosts.</summary>
    public void Own(ICollection<EndpointDataSource> sources)
    {
        if (Interlocked.CompareExchange(ref dataSources, sources, null) is not null)
        {
            throw new InvalidOperationException("app.MapMtaStsPolicy() was called twice: the policy URL has one owner, call it once.");
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest => context => TryAnswer(context) ?? rest(context));
        next(app);
    };

    /// <summary>The policy of the request's host, served; or null when the request is not for a Policy Host's policy.</summary>
    private Task? TryAnswer(HttpContext context)
    {
        var request = context.Request;
        if (dataSources is not { } sources
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !string.Equals(request.Path.Value, WellKnownPath, StringComparison.OrdinalIgnoreCase)
            || Policies.FindByHost(request.Headers.Host.ToString()) is not { } policy)
        {
            return null;
        }

        // The routed endpoint, so that logs and metrics (http.route) name what answered.
        if ((endpoint ??= FindEndpoint(sources)) is { } found)
        {
            context.SetEndpoint(found);
        }

        return Serve(context, policy);
    }

    /// <summary>The endpoint's own delegate: reached through routing only where the owner did not answer first.</summary>
    public Task ServeRouted(HttpContext context)
    {
        if (Policies.FindByHost(context.Request.Headers.Host.ToString()) is { } policy)
        {
            return Serve(context, policy);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>200, <c>text/plain</c>, the exact bytes with their length; HEAD gets the headers alone.</summary>
    private Task Serve(HttpContext context, ServedPolicy policy)
    {
        metrics.PolicyFetched(policy, context.Request.Method);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = policy.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(policy.Content, context.RequestAborted).AsTask();
    }

    private Endpoint? FindEndpoint(ICollection<EndpointDataSource> sources)
    {
        foreach (var source in sources.ToArray())
        {
            foreach (var candidate in source.Endpoints)
            {
                if (candidate.Metadata.GetMetadata<MtaStsPolicyOwner>() == this)
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
