using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MtaSts.AspNetCore.Tests;

/// <summary>The meter <c>MtaSts.AspNetCore</c>, read as a dashboard would, with a <see cref="MeterListener"/>.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Each_answered_fetch_is_counted_by_policy_host_and_method_and_nothing_else_is()
    {
        await using var site = await TestSite.StartAsync(policies: new ServedPolicySet([TestSite.Contoso, TestSite.Buecher]),
            pipeline: app =>
            {
                app.MapMtaStsPolicy();
                app.MapGet("/", () => "home");
            });
        var factory = site.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string Name, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            // Only this app's meter: other tests' apps run in the same process.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MtaStsMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();

        await site.SendAsync("mta-sts.contoso.example");
        await site.SendAsync("MTA-STS.contoso.example:443", method: HttpMethod.Head);
        await site.SendAsync("mta-sts.bücher.example");
        await site.SendAsync("www.contoso.example");
        await site.SendAsync("mta-sts.contoso.example", "/");

        var counted = measurements
            .Select(m => (m.Name, m.Value, Host: m.Tags["server.address"], Method: m.Tags["http.request.method"]))
            .OrderBy(m => m.ToString(), StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                (MtaStsMetrics.PolicyFetchesName, 1L, (object?)"mta-sts.contoso.example", (object?)"GET"),
                (MtaStsMetrics.PolicyFetchesName, 1L, "mta-sts.contoso.example", "HEAD"),
                (MtaStsMetrics.PolicyFetchesName, 1L, "mta-sts.xn--bcher-kva.example", "GET"),
            ],
            counted);
    }
}
