using System.Diagnostics.Metrics;

namespace MtaSts.AspNetCore;

/// <summary>
/// The site's MTA-STS instruments, on the meter <see cref="MeterName"/> (created through the app's
/// <see cref="IMeterFactory"/>, so every app and test has its own). OpenTelemetry-style names: lower case, dotted,
/// with a unit; the host is the semantic conventions' <c>server.address</c>. Read them with
/// <c>dotnet-counters monitor -n MySite --counters MtaSts.AspNetCore</c> or any OpenTelemetry exporter
/// (<c>AddMeter("MtaSts.AspNetCore")</c>). docs/metrics.md lists them.
/// </summary>
public sealed class MtaStsMetrics
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "MtaSts.AspNetCore";

    /// <summary>The name of the counter of policy fetches answered.</summary>
    public const string PolicyFetchesName = "mtasts.policy.fetches";

    private readonly Counter<long> policyFetches;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    public MtaStsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        policyFetches = meter.CreateCounter<long>(
            PolicyFetchesName,
            unit: "{fetch}",
            description: "Policy fetches answered at /.well-known/mta-sts.txt (RFC 8461 section 3.3), by Policy Host and method.");
    }

    /// <summary>Counts one answered fetch of <paramref name="policy"/>.</summary>
    internal void PolicyFetched(ServedPolicy policy, string method)
    {
        if (policyFetches.Enabled)
        {
            policyFetches.Add(1, new KeyValuePair<string, object?>("server.address", policy.PolicyHost), new KeyValuePair<string, object?>("http.request.method", method));
        }
    }
}
