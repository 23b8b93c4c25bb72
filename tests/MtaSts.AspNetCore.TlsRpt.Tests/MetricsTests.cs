using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.AspNetCore.TlsRpt;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>The receiver's instruments on the meter <c>MtaSts.AspNetCore</c>, read with a <see cref="MeterListener"/>.</summary>
public sealed class MetricsTests
{
    private const string Json = "application/tlsrpt+json";

    [Fact]
    public async Task Reports_and_their_sessions_are_counted_with_bounded_attributes()
    {
        using var folder = new TempFolder();
        await using var site = await ReceiverSite.StartAsync(folder.Path, [Samples.Policy("contoso.example")]);
        var measurements = Listen(site);

        var failures = """
            {"result-type":"certificate-expired","receiving-mx-hostname":"MX1.contoso.example.","failed-session-count":2},
            {"result-type":"a-made-up-type","receiving-mx-hostname":"attacker-chosen-1.example","failed-session-count":1}
            """;
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("contoso.example", "m1", ok: 7, failures: failures), Json)).Status);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("contoso.example", "m1", ok: 7, failures: failures), Json)).Status);
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("fabrikam.example", "m2"), Json)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.PostAsync("{}"u8.ToArray(), Json)).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await site.PostAsync("{}"u8.ToArray(), "text/plain")).Status);

        List<(string Name, long Value, Dictionary<string, object?> Tags)> all;
        lock (measurements)
        {
            all = [.. measurements];
        }

        string Tags(Dictionary<string, object?> tags) => string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        var lines = all.Select(m => $"{m.Name} {m.Value} {Tags(m.Tags)}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "mtasts.tlsrpt.reports.received 1 mtasts.tlsrpt.disposition=duplicate",
                "mtasts.tlsrpt.reports.received 1 mtasts.tlsrpt.disposition=foreign_policy_domain",
                "mtasts.tlsrpt.reports.received 1 mtasts.tlsrpt.disposition=stored",
                "mtasts.tlsrpt.reports.rejected 1 error.type=not_a_report",
                "mtasts.tlsrpt.reports.rejected 1 error.type=unsupported_media_type",
                // The result type outside RFC 8460 §4.3 and the MX outside the policy are "other"; the MX the policy lists is named.
                "mtasts.tlsrpt.sessions.failed 1 mtasts.policy_domain=contoso.example,mtasts.tlsrpt.policy_type=sts,mtasts.tlsrpt.receiving_mx=other,mtasts.tlsrpt.result_type=other",
                "mtasts.tlsrpt.sessions.failed 2 mtasts.policy_domain=contoso.example,mtasts.tlsrpt.policy_type=sts,mtasts.tlsrpt.receiving_mx=mx1.contoso.example,mtasts.tlsrpt.result_type=certificate-expired",
                "mtasts.tlsrpt.sessions.successful 7 mtasts.policy_domain=contoso.example,mtasts.tlsrpt.policy_type=sts",
            ],
            lines);
    }

    [Fact]
    public async Task Failures_the_details_do_not_cover_are_counted_as_unspecified()
    {
        using var folder = new TempFolder();
        await using var site = await ReceiverSite.StartAsync(folder.Path, [Samples.Policy("contoso.example")]);
        var measurements = Listen(site);
        // Three failed sessions, one detailed.
        var failures = """{"result-type":"starttls-not-supported","receiving-mx-hostname":"mx.contoso.example","failed-session-count":1}""";
        Assert.Equal(HttpStatusCode.OK, (await site.PostAsync(Samples.Report("contoso.example", "u", failures: failures), Json)).Status);

        lock (measurements)
        {
            var failed = measurements.Where(m => m.Name == TlsRptMetrics.FailedSessionsName).ToList();
            Assert.Equal(3, failed.Sum(m => m.Value));
            Assert.Contains(failed, m => m.Value == 2 && (string?)m.Tags["mtasts.tlsrpt.result_type"] == "unspecified" && (string?)m.Tags["mtasts.tlsrpt.receiving_mx"] == "unknown");
        }
    }

    private static List<(string Name, long Value, Dictionary<string, object?> Tags)> Listen(ReceiverSite site)
    {
        var factory = site.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string Name, long Value, Dictionary<string, object?> Tags)>();
        var listener = new MeterListener
        {
            // Only this site's meter: other tests' sites run in the same process.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MtaStsMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name.StartsWith("mtasts.tlsrpt.", StringComparison.Ordinal))
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
        site.Disposing += listener.Dispose;
        return measurements;
    }
}
