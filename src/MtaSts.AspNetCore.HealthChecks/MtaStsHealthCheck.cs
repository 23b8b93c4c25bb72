using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>
/// The health check <c>AddHealthChecks().AddMtaSts()</c> registers: the cached comparison of what the site serves with
/// what senders see (<see cref="MtaStsHealthMonitor"/>), with the registration's failure status for errors.
/// </summary>
internal sealed class MtaStsHealthCheck(MtaStsHealthMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        monitor.CheckHealthAsync(context.Registration.FailureStatus, cancellationToken);
}
