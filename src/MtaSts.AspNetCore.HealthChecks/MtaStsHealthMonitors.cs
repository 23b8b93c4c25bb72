using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>The name of one <c>AddMtaSts()</c> health check registration.</summary>
internal sealed record MtaStsHealthCheckName(string Name);

/// <summary>One monitor (cache) per registration name, for the lifetime of the site: health check instances come and go.</summary>
internal sealed class MtaStsHealthMonitors(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<MtaStsHealthMonitor>> monitors = new(StringComparer.Ordinal);

    public MtaStsHealthMonitor Get(string name) =>
        monitors.GetOrAdd(name, key => new Lazy<MtaStsHealthMonitor>(() => Create(key))).Value;

    private MtaStsHealthMonitor Create(string name)
    {
        var policies = services.GetService<ServedPolicySet>()
            ?? throw new InvalidOperationException(
                "The MTA-STS health check compares the policies the site serves with what senders see, but no policies are registered: add builder.Services.AddMtaSts(); (generated from mta-sts.yaml by MtaSts.Build, package MtaSts.AspNetCore) before builder.Build().");
        var options = services.GetRequiredService<IOptionsMonitor<MtaStsHealthCheckOptions>>().Get(name);
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MtaSts.AspNetCore.HealthChecks");
        var check = services.GetRequiredService<IDomainCheckFactory>().Create(options, time);
        return new MtaStsHealthMonitor(name, policies, options, time, logger, check);
    }

    public void Dispose()
    {
        foreach (var monitor in monitors.Values.Where(m => m.IsValueCreated))
        {
            monitor.Value.Dispose();
        }
    }
}

/// <summary>
/// Starts every registration's first check once the site has started (its server listens: the site is often its own
/// Policy Host, and a check before that would find nothing on port 443), without waiting for it: the first
/// <c>/healthz</c> usually finds a result. A registration without policies stops the start here, with the fix.
/// </summary>
internal sealed class MtaStsHealthWarmup(MtaStsHealthMonitors monitors, IEnumerable<MtaStsHealthCheckName> names, IHostApplicationLifetime? lifetime = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var all = names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Select(monitors.Get).ToList();
        void Prime() => all.ForEach(monitor => monitor.Prime());
        if (lifetime is null)
        {
            Prime();
        }
        else
        {
            lifetime.ApplicationStarted.Register(Prime);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
