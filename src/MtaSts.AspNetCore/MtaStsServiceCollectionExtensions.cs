using Microsoft.AspNetCore.Hosting;
using MtaSts.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>app.MapMtaStsPolicy()</c> serves.</summary>
public static class MtaStsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the policies to serve and the middleware that lets <c>app.MapMtaStsPolicy()</c> own the policy URL.
    /// A site with MtaSts.Build calls the generated <c>builder.Services.AddMtaSts()</c>, which passes the policies of
    /// <c>mta-sts.yaml</c> here.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called again with other policies.</exception>
    public static IServiceCollection AddMtaSts(this IServiceCollection services, ServedPolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(policies);
        foreach (var service in services)
        {
            if (service.ServiceType == typeof(MtaStsPolicyOwner))
            {
                return service.ImplementationInstance is MtaStsPolicyOwner { Policies: var registered } && registered == policies
                    ? services
                    : throw new InvalidOperationException("AddMtaSts() was called twice with different policies: call it once.");
            }
        }

        // What MapMethods needs, in every app model (CreateEmptyBuilder has no routing); without the regex constraint.
        services.AddRoutingCore();
        var owner = new MtaStsPolicyOwner(policies);
        services.AddSingleton(policies);
        services.AddSingleton(owner);
        services.AddSingleton<IStartupFilter>(owner);
        return services;
    }
}
