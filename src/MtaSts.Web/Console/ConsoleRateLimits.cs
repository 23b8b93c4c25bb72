using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MtaSts.Web.Console;

/// <summary>
/// ASP.NET Core's rate limiter on the requests that make the server work for a visitor: a check (the page with a
/// domain, the JSON endpoint) and a reports upload. Two fixed windows chained: one per client address, one for the
/// whole server. Everything else (the generator, the forms, assets) is not limited. Rejected: 429 with Retry-After.
/// </summary>
public static class ConsoleRateLimits
{
    /// <summary>
    /// Whether <paramref name="request"/> is one the limits count: whatever its method (HEAD runs a page's GET handler)
    /// and however the path is spelled (routing ignores case and a trailing slash).
    /// </summary>
    public static bool IsLimited(HttpRequest request)
    {
        var path = (request.Path.Value ?? "").TrimEnd('/');
        bool Is(string route) => string.Equals(path, route, StringComparison.OrdinalIgnoreCase);
        return Is(ConsoleRoutes.CheckApi)
            || (Is(ConsoleRoutes.CheckPage) && request.Query.ContainsKey("domain"))
            || (Is(ConsoleRoutes.ReportsPage) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method));
    }

    public static IServiceCollection AddConsoleRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            var window = TimeSpan.FromSeconds(limits.WindowSeconds);
            var perClient = PartitionedRateLimiter.Create<HttpContext, string>(context => !IsLimited(context.Request)
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerClientPermits,
                    Window = window,
                    QueueLimit = 0,
                }));
            var global = PartitionedRateLimiter.Create<HttpContext, string>(context => !IsLimited(context.Request)
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter("global", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.GlobalPermits,
                    Window = window,
                    QueueLimit = 0,
                }));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perClient, global);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellation) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    $"Too many checks or uploads: try again in {seconds} s.", cancellation).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// The client's address, IPv6 by its /64 (one subscriber's prefix). Behind a reverse proxy, configure the forwarded
    /// headers middleware so this is the visitor's address, not the proxy's (docs/web.md).
    /// </summary>
    private static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return address.ToString();
    }
}

/// <summary>The paths of the console pages.</summary>
public static class ConsoleRoutes
{
    public const string CheckPage = "/check";
    public const string CheckApi = "/api/check";
    public const string ReportsPage = "/reports";
}
