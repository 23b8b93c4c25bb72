using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MtaSts.Checking;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>
/// The checks of one health check registration and their cache. A result is reused for
/// <see cref="MtaStsHealthCheckOptions.CacheInterval"/>; the first request after that starts a new check in the
/// background and still gets the last result (so <c>/healthz</c> answers at once, and a result is at most one interval
/// plus one check old). Only the very first request of a site waits, for a check that started with the site. One check
/// runs at a time: every request in the meantime shares it. A check is bounded by <see cref="MtaStsHealthCheckOptions.Timeout"/>
/// and checks at most <see cref="MtaStsHealthCheckOptions.MaxConcurrentDomains"/> domains at once.
/// </summary>
internal sealed partial class MtaStsHealthMonitor : IDisposable
{
    private readonly string name;
    private readonly ServedPolicySet policies;
    private readonly MtaStsHealthCheckOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Func<ServedPolicy, CancellationToken, Task<CheckReport>> check;
    private readonly CancellationTokenSource stopping = new();
    private readonly object gate = new();
    private Snapshot? current;
    private Task<Snapshot>? running;
    private HealthStatus? lastStatus;

    public MtaStsHealthMonitor(
        string name, ServedPolicySet policies, MtaStsHealthCheckOptions options, TimeProvider time, ILogger logger,
        Func<ServedPolicy, CancellationToken, Task<CheckReport>> check)
    {
        this.name = name;
        this.policies = policies;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.check = check;
    }

    /// <summary>One finished check of every domain: the checker's report, or why a domain was not checked.</summary>
    internal sealed record Snapshot(IReadOnlyList<Outcome> Outcomes, DateTimeOffset StartedAt, DateTimeOffset CompletedAt);

    internal sealed record Outcome(ServedPolicy Served, CheckReport? Report, string? NotCheckedBecause, DateTimeOffset StartedAt);

    /// <summary>Starts the first check without waiting for it (at start-up: the site does not wait for the network).</summary>
    public void Prime()
    {
        lock (gate)
        {
            if (current is null && running is null)
            {
                running = Start();
            }
        }
    }

    /// <summary>The latest result; the first call waits for the first check, a stale result starts the next one.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthStatus failureStatus, CancellationToken cancellation)
    {
        Task<Snapshot> pending;
        lock (gate)
        {
            if (current is { } snapshot)
            {
                if (running is null && time.GetUtcNow() - snapshot.CompletedAt >= options.CacheInterval)
                {
                    running = Start();
                }

                return Evaluate(snapshot, failureStatus);
            }

            pending = running ??= Start();
        }

        return Evaluate(await pending.WaitAsync(cancellation).ConfigureAwait(false), failureStatus);
    }

    private HealthCheckResult Evaluate(Snapshot snapshot, HealthStatus failureStatus)
    {
        var domains = snapshot.Outcomes.Select(o => o.Report is { } report
                ? HealthMapping.FromReport(o.Served, report, options.IgnoredCodes, failureStatus)
                : HealthMapping.NotChecked(o.Served, o.StartedAt, o.NotCheckedBecause ?? "not checked", failureStatus))
            .ToList();
        var result = HealthMapping.Result(domains, snapshot.StartedAt);
        lock (gate)
        {
            if (lastStatus != result.Status)
            {
                if (result.Status == HealthStatus.Healthy)
                {
                    LogHealthy(logger, name, lastStatus?.ToString() ?? "not checked", result.Description ?? "");
                }
                else
                {
                    LogNotHealthy(logger, name, result.Status, lastStatus?.ToString() ?? "not checked", result.Description ?? "");
                }

                lastStatus = result.Status;
            }
        }

        return result;
    }

    /// <summary>Runs a check on the thread pool (never on the caller's); under <see cref="gate"/>.</summary>
    private Task<Snapshot> Start()
    {
        return Task.Run(async () =>
        {
            try
            {
                var snapshot = await RunAsync().ConfigureAwait(false);
                lock (gate)
                {
                    current = snapshot;
                }

                return snapshot;
            }
            finally
            {
                // Also after a failure of the check itself: the next request starts a new one.
                lock (gate)
                {
                    running = null;
                }
            }
        });
    }

    private async Task<Snapshot> RunAsync()
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping.Token);
        var all = policies.Policies;
        var outcomes = new Outcome[all.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, all.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentDomains },
            async (index, _) =>
            {
                var served = all[index];
                var domainStarted = time.GetUtcNow();
                try
                {
                    var report = await check(served, linked.Token).ConfigureAwait(false);
                    outcomes[index] = new Outcome(served, report, null, domainStarted);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested)
                {
                    var why = stopping.IsCancellationRequested
                        ? "The site is stopping."
                        : $"The check of {served.PolicyDomain} did not finish within {options.Timeout.TotalSeconds:0.#} s (MtaStsHealthCheckOptions.Timeout): a DNS server, the policy host or an MX host did not answer in time. Check again; if it persists, check that the site can reach its DNS servers and https://{served.PolicyHost}/.";
                    outcomes[index] = new Outcome(served, null, why, domainStarted);
                }
                catch (Exception ex)
                {
                    LogCheckFailed(logger, ex, name, served.PolicyDomain);
                    outcomes[index] = new Outcome(served, null, $"The check of {served.PolicyDomain} failed: {ex.GetType().Name}: {ex.Message}", domainStarted);
                }
            }).ConfigureAwait(false);

        LogChecked(logger, name, all.Count, stopwatch.ElapsedMilliseconds);
        return new Snapshot(outcomes, startedAt, time.GetUtcNow());
    }

    /// <summary>Ends a check in flight when the site stops (its domains come out "not checked").</summary>
    public void Dispose() => stopping.Cancel();

    [LoggerMessage(1, LogLevel.Information, "MTA-STS health check '{Name}' is Healthy (was {Previous}): {Description}")]
    private static partial void LogHealthy(ILogger logger, string name, string previous, string description);

    [LoggerMessage(2, LogLevel.Warning, "MTA-STS health check '{Name}' is {Status} (was {Previous}):\n{Description}")]
    private static partial void LogNotHealthy(ILogger logger, string name, HealthStatus status, string previous, string description);

    [LoggerMessage(3, LogLevel.Error, "MTA-STS health check '{Name}': the check of {Domain} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string name, string domain);

    [LoggerMessage(4, LogLevel.Debug, "MTA-STS health check '{Name}' checked {Count} domain(s) in {ElapsedMilliseconds} ms")]
    private static partial void LogChecked(ILogger logger, string name, int count, long elapsedMilliseconds);
}
