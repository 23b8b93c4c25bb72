using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MtaSts.AspNetCore.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MTA-STS health check.</summary>
public static class MtaStsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that compares the policies the site serves (<c>builder.Services.AddMtaSts()</c>) with what
    /// sending servers see now, with the rules and codes of <c>mta-sts check</c>: the <c>_mta-sts</c> TXT id is the built
    /// id, the policy fetched over strict HTTPS is the built policy byte for byte, every MX host is covered by the policy,
    /// the policy host's certificate is not about to expire and, with <see cref="MtaStsHealthCheckOptions.ProbeMxStartTls"/>,
    /// every MX host offers STARTTLS with a valid certificate. An error is <paramref name="failureStatus"/>, a warning or a
    /// step that could not run is Degraded; the description names each problem with its code and fix, the data holds a
    /// <see cref="MtaStsDomainHealth"/> per domain. Results are cached (<see cref="MtaStsHealthCheckOptions.CacheInterval"/>).
    /// </summary>
    /// <param name="builder">The health checks builder (<c>builder.Services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Sets the options (DNS servers, trust anchors, cache interval, timeout, …); they can also be bound from configuration under the registration's name.</param>
    /// <param name="name">The registration's name; default <c>mta-sts</c>.</param>
    /// <param name="failureStatus">The status for an error; default <see cref="HealthStatus.Unhealthy"/>. <see cref="HealthStatus.Degraded"/> never takes the site out of a load balancer.</param>
    /// <param name="tags">Tags to filter the check by, e.g. in <c>MapHealthChecks("/healthz/mail", new() { Predicate = c =&gt; c.Tags.Contains("mail") })</c>.</param>
    /// <param name="timeout">How long a health check request waits for a result; by default as long as the check takes (bounded by <see cref="MtaStsHealthCheckOptions.Timeout"/>).</param>
    public static IHealthChecksBuilder AddMtaSts(
        this IHealthChecksBuilder builder,
        Action<MtaStsHealthCheckOptions>? configure = null,
        string name = MtaStsHealthCheckOptions.DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var services = builder.Services;

        var options = services.AddOptions<MtaStsHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MtaStsHealthCheckOptions>, MtaStsHealthCheckOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDomainCheckFactory, LiveDomainCheckFactory>();
        services.TryAddSingleton<MtaStsHealthMonitors>();
        services.AddSingleton(new MtaStsHealthCheckName(name));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MtaStsHealthWarmup>());

        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new MtaStsHealthCheck(provider.GetRequiredService<MtaStsHealthMonitors>().Get(name)),
            failureStatus,
            tags,
            timeout));
    }
}
