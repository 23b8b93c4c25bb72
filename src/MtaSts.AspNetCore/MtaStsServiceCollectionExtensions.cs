using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // The policies and the owner are registered together: the policies say whether AddMtaSts() ran already.
        if (services.FirstOrDefault(service => service.ServiceType == typeof(ServedPolicySet)) is { } registered)
        {
            return registered.ImplementationInstance == policies
                ? services
                : throw new InvalidOperationException("AddMtaSts() was called twice with different policies: call it once.");
        }

        // What MapMethods needs, in every app model (CreateEmptyBuilder has no routing); without the regex constraint.
        services.AddRoutingCore();
        // IMeterFactory, which the default builders register and CreateEmptyBuilder does not.
        services.AddMetrics();
        services.TryAddSingleton<MtaStsMetrics>();
        services.AddSingleton(policies);
        services.AddSingleton(provider => new MtaStsPolicyOwner(policies, provider.GetRequiredService<MtaStsMetrics>()));
        services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<MtaStsPolicyOwner>());
        return services;
    }
}
