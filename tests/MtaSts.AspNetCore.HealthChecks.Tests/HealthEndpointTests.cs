using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MtaSts.Checking;
using static MtaSts.AspNetCore.HealthChecks.Tests.Reports;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.AspNetCore.HealthChecks.Tests;

/// <summary>The registration in an ASP.NET Core app, read through <c>MapHealthChecks</c> as a load balancer reads it.</summary>
public sealed class HealthEndpointTests
{
    private static async Task<WebApplication> StartAsync(Func<ServedPolicy, CheckReport> check)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IDomainCheckFactory>(new FixedCheck(check));
        builder.Services.AddMtaSts(new ServedPolicySet([Served()]));
        builder.Services.AddHealthChecks().AddMtaSts(o => o.CacheInterval = TimeSpan.FromMinutes(1), tags: ["mail"]);
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapHealthChecks("/healthz");
        // The documented JSON writer: every entry's status, description and data (docs/health-checks.md).
        app.MapHealthChecks("/healthz/mail", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("mail"),
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
            }),
        });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Healthy_is_200()
    {
        await using var app = await StartAsync(served => Report(served.PolicyDomain));

        using var response = await app.GetTestClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Id_drift_is_503_and_the_json_names_the_drift_and_carries_each_domains_details()
    {
        await using var app = await StartAsync(served => Report(served.PolicyDomain,
            Problem(D.CheckIdDrift, "_mta-sts.example.com", "_mta-sts.example.com publishes id old, but this site's build has id abc123.", CheckSteps.Drift)));

        using var plain = await app.GetTestClient().GetAsync("/healthz");
        using var json = await app.GetTestClient().GetAsync("/healthz/mail");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, plain.StatusCode);
        Assert.Equal("Unhealthy", await plain.Content.ReadAsStringAsync());
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var entry = document.RootElement.GetProperty("checks").GetProperty("mta-sts");
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.StartsWith("_mta-sts.example.com: error MTASTS7122: ", entry.GetProperty("description").GetString());
        var domain = entry.GetProperty("data").GetProperty("example.com");
        Assert.Equal("Unhealthy", domain.GetProperty("status").GetString());
        Assert.Equal("abc123", domain.GetProperty("policyId").GetString());
        Assert.Equal("MTASTS7122", domain.GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.Equal("Unhealthy", domain.GetProperty("problems")[0].GetProperty("status").GetString());
    }

    private sealed class FixedCheck(Func<ServedPolicy, CheckReport> check) : IDomainCheckFactory
    {
        public Func<ServedPolicy, CancellationToken, Task<CheckReport>> Create(MtaStsHealthCheckOptions options, TimeProvider time) =>
            (served, _) => Task.FromResult(check(served));
    }
}
