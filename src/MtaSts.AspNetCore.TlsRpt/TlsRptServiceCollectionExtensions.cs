using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MtaSts.AspNetCore.TlsRpt;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>app.MapTlsRptReports()</c> needs.</summary>
public static class TlsRptServiceCollectionExtensions
{
    /// <summary>
    /// Registers the TLS-RPT receiver: its options (<paramref name="configure"/>, or
    /// <c>Configure&lt;TlsRptReceiverOptions&gt;</c> from configuration), its metrics and, unless the app registered
    /// its own <see cref="ITlsRptReportStore"/>, the <see cref="FileTlsRptReportStore"/> over
    /// <see cref="TlsRptReceiverOptions.StorePath"/> (relative to the content root). The site's Policy Domains come from
    /// <c>AddMtaSts()</c>, which must be called too.
    /// </summary>
    public static IServiceCollection AddTlsRptReceiver(this IServiceCollection services, Action<TlsRptReceiverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TlsRptReceiverOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TlsRptMetrics>();
        services.TryAddSingleton<ITlsRptReportStore>(provider =>
        {
            var path = provider.GetRequiredService<IOptions<TlsRptReceiverOptions>>().Value.StorePath;
            var root = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new FileTlsRptReportStore(Path.GetFullPath(path, root));
        });
        services.TryAddSingleton<TlsRptReceiver>();
        return services;
    }
}
