using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MtaSts.Checking;
using static MtaSts.AspNetCore.HealthChecks.Tests.Reports;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.AspNetCore.HealthChecks.Tests;

/// <summary>
/// The cache on a fake clock: a result is reused for the interval, one check runs at a time and every request in the
/// meantime shares it, a stale result is answered at once while the next check runs, a check is bounded by the
/// timeout, domains are checked a few at a time, and the first check starts with the site without holding it up.
/// </summary>
public sealed class HealthCacheTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(Now);
    private readonly ScriptedChecks checks = new();
    private ServiceProvider? provider;

    public void Dispose() => provider?.Dispose();

    private HealthCheckService Start(Action<MtaStsHealthCheckOptions>? configure = null, int domains = 1, HealthStatus? failureStatus = null) =>
        Start(_ => { }, configure, domains, failureStatus);

    private HealthCheckService Start(Action<IServiceCollection> more, Action<MtaStsHealthCheckOptions>? configure = null, int domains = 1, HealthStatus? failureStatus = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        more(services);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IDomainCheckFactory>(checks);
        services.AddMtaSts(new ServedPolicySet(Enumerable.Range(1, domains).Select(i => Served(i == 1 ? "example.com" : $"d{i}.example"))));
        services.AddHealthChecks().AddMtaSts(configure, failureStatus: failureStatus);
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<HealthCheckService>();
    }

    private static async Task<HealthReportEntry> Check(HealthCheckService health) =>
        (await health.CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(10))).Entries[MtaStsHealthCheckOptions.DefaultName];

    private static readonly Finding Drift = Problem(D.CheckIdDrift, "_mta-sts.example.com", "_mta-sts.example.com publishes id old, but this site's build has id abc123.", CheckSteps.Drift);

    /// <summary>Waits (at most 10 s of real time) until <paramref name="condition"/> holds.</summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task The_first_request_waits_for_the_check_and_a_result_is_reused_for_the_interval()
    {
        var health = Start(o => o.CacheInterval = TimeSpan.FromMinutes(5));

        var first = await Check(health);
        clock.Advance(TimeSpan.FromMinutes(4));
        var second = await Check(health);

        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(HealthStatus.Healthy, second.Status);
        Assert.Equal(1, checks.Calls);
    }

    [Fact]
    public async Task After_the_interval_a_request_gets_the_last_result_at_once_and_the_next_check_runs_behind_it()
    {
        var health = Start(o => o.CacheInterval = TimeSpan.FromMinutes(5));
        await Check(health);
        checks.Behaviour = (served, _) => Task.FromResult(Report(served.PolicyDomain, Drift));
        var gate = checks.Hold();

        clock.Advance(TimeSpan.FromMinutes(5));
        var stale = await Check(health);
        var stillStale = await Check(health);

        Assert.Equal(HealthStatus.Healthy, stale.Status);
        Assert.Equal(HealthStatus.Healthy, stillStale.Status);
        await Until(() => checks.Calls == 2, "the second check");
        gate.SetResult();
        var fresh = await Check(health);
        var stopwatch = Stopwatch.StartNew();
        while (fresh.Status != HealthStatus.Unhealthy && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
            fresh = await Check(health);
        }

        Assert.Equal(HealthStatus.Unhealthy, fresh.Status);
        Assert.Contains("error MTASTS7122: _mta-sts.example.com publishes id old", fresh.Description);
        Assert.Equal(2, checks.Calls);
    }

    [Fact]
    public async Task Concurrent_requests_share_the_one_check_in_flight()
    {
        var health = Start();
        var gate = checks.Hold();

        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(() => Check(health))).ToList();
        await Until(() => checks.Calls == 1, "the check to start");
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, checks.Calls);
        Assert.All(results, r => Assert.Equal(HealthStatus.Healthy, r.Status));
    }

    [Fact]
    public async Task A_check_that_does_not_finish_within_the_timeout_is_degraded_and_says_so()
    {
        var health = Start(o => o.Timeout = TimeSpan.FromSeconds(30));
        checks.Behaviour = async (served, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return Report(served.PolicyDomain);
        };

        var pending = Check(health);
        await Until(() => checks.Calls == 1, "the check to start");
        clock.Advance(TimeSpan.FromSeconds(30));
        var result = await pending;

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.StartsWith("example.com: not checked: The check of example.com did not finish within 30 s (MtaStsHealthCheckOptions.Timeout)", result.Description);
    }

    [Fact]
    public async Task Many_domains_are_checked_a_few_at_a_time()
    {
        var health = Start(o => o.MaxConcurrentDomains = 3, domains: 10);
        var gate = checks.Hold();

        var pending = Check(health);
        await Until(() => checks.Concurrent == 3, "three checks at once");
        await Task.Delay(100);
        Assert.Equal(3, checks.Calls);
        gate.SetResult();
        var result = await pending;

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(10, checks.Calls);
        Assert.Equal(3, checks.MaxConcurrent);
        Assert.Equal(11, result.Data.Count);   // checkedAt and one entry per domain
    }

    [Fact]
    public async Task The_first_check_starts_once_the_site_has_started_without_holding_up_its_start()
    {
        var health = Start(services => services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>());
        var gate = checks.Hold();
        var lifetime = (Microsoft.Extensions.Hosting.Internal.ApplicationLifetime)provider!.GetRequiredService<IHostApplicationLifetime>();

        foreach (var hosted in provider!.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }

        // Not before the server listens: the site is often its own Policy Host.
        await Task.Delay(100);
        Assert.Equal(0, checks.Calls);
        lifetime.NotifyStarted();
        await Until(() => checks.Calls == 1, "the first check");
        gate.SetResult();
        Assert.Equal(HealthStatus.Healthy, (await Check(health)).Status);
        Assert.Equal(1, checks.Calls);
    }

    [Fact]
    public async Task A_check_that_throws_is_degraded_with_the_reason()
    {
        var health = Start();
        checks.Behaviour = (_, _) => throw new InvalidOperationException("boom");

        var result = await Check(health);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("example.com: not checked: The check of example.com failed: InvalidOperationException: boom", result.Description);
    }

    [Fact]
    public async Task The_registrations_failure_status_is_what_an_error_gives()
    {
        var health = Start(failureStatus: HealthStatus.Degraded);
        checks.Behaviour = (served, _) => Task.FromResult(Report(served.PolicyDomain, Drift));

        Assert.Equal(HealthStatus.Degraded, (await Check(health)).Status);
    }

    [Fact]
    public async Task Without_the_served_policies_the_site_stops_at_start_with_the_line_to_add()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddMtaSts();
        provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().OfType<MtaStsHealthWarmup>().Single();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => hosted.StartAsync(CancellationToken.None));

        Assert.Contains("add builder.Services.AddMtaSts();", error.Message);
    }

    [Theory]
    [InlineData("dns", "MtaStsHealthCheckOptions.DnsServers: 'ns1.example' is not ADDRESS[:PORT]")]
    [InlineData("ca", "MTASTS7191: MtaStsHealthCheckOptions.TrustAnchorsFile '/nonexistent/ca.pem' cannot be read as PEM certificates")]
    [InlineData("interval", "MtaStsHealthCheckOptions.CacheInterval must be positive")]
    [InlineData("concurrency", "MtaStsHealthCheckOptions.MaxConcurrentDomains must be at least 1")]
    public void Bad_options_fail_with_what_to_change(string which, string message)
    {
        Start(o =>
        {
            switch (which)
            {
                case "dns": o.DnsServers.Add("ns1.example"); break;
                case "ca": o.TrustAnchorsFile = "/nonexistent/ca.pem"; break;
                case "interval": o.CacheInterval = TimeSpan.Zero; break;
                default: o.MaxConcurrentDomains = 0; break;
            }
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider!.GetRequiredService<IOptionsMonitor<MtaStsHealthCheckOptions>>().Get(MtaStsHealthCheckOptions.DefaultName));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_options_become_the_checkers_options()
    {
        var options = new MtaStsHealthCheckOptions { Timeout = TimeSpan.FromSeconds(8), ProbeMxStartTls = true, CertificateExpiryWarningDays = 10 };
        options.DnsServers.Add("192.0.2.53:5353");

        var check = LiveDomainCheckFactory.CheckOptionsFor(options, clock);

        Assert.True(check.CheckSmtp);
        Assert.Null(check.ConfigFile);
        Assert.Equal(10, check.ExpiryWarningDays);
        Assert.Equal((TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)), (check.ConnectTimeout, check.HttpTimeout, check.SmtpTimeout));
        Assert.Same(clock, check.Clock);
        Assert.Equal("192.0.2.53:5353", Assert.Single(((DnsClient.LookupClient)check.Resolver).NameServers).ToString());
    }

    /// <summary>The domain check the tests script: counts calls and how many run at once; <see cref="Hold"/> makes them wait.</summary>
    private sealed class ScriptedChecks : IDomainCheckFactory
    {
        private int calls;
        private int concurrent;
        private int maxConcurrent;
        private TaskCompletionSource? gate;

        public int Calls => Volatile.Read(ref calls);

        public int Concurrent => Volatile.Read(ref concurrent);

        public int MaxConcurrent => Volatile.Read(ref maxConcurrent);

        public Func<ServedPolicy, CancellationToken, Task<CheckReport>> Behaviour { get; set; } = (served, _) => Task.FromResult(Report(served.PolicyDomain));

        /// <summary>Checks from now on wait until the returned source is completed.</summary>
        public TaskCompletionSource Hold() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<ServedPolicy, CancellationToken, Task<CheckReport>> Create(MtaStsHealthCheckOptions options, TimeProvider time) => async (served, cancellation) =>
        {
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            try
            {
                if (gate is { } held)
                {
                    await held.Task.WaitAsync(cancellation);
                }

                return await Behaviour(served, cancellation);
            }
            finally
            {
                Interlocked.Decrement(ref concurrent);
            }
        };

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
