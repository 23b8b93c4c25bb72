using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>
/// One Policy Domain's part of the health check's result (its <c>data</c>, under the domain's name): what the site
/// serves, what senders see, and every problem with its code, its status and the fix in the checker's words.
/// </summary>
public sealed record MtaStsDomainHealth
{
    /// <summary>The Policy Domain, in A-labels.</summary>
    public required string PolicyDomain { get; init; }

    /// <summary>The worst status of <see cref="Problems"/>; Healthy when there are none that count.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
    public required HealthStatus Status { get; init; }

    /// <summary>The policy id the site's build announces (<c>ServedPolicy.Id</c>).</summary>
    public required string PolicyId { get; init; }

    /// <summary>The id the live <c>_mta-sts</c> TXT record publishes, or null when there is no valid one.</summary>
    public string? PublishedId { get; init; }

    /// <summary>The mode of the policy fetched from the public URL, or null when none could be read.</summary>
    public string? Mode { get; init; }

    /// <summary>When the check of this domain started.</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>When the certificate the policy host presented expires, when the fetch got that far.</summary>
    public DateTimeOffset? PolicyHostCertificateNotAfter { get; init; }

    /// <summary>What a sending MTA does with the domain now, in one sentence (the checker's verdict).</summary>
    public required string Verdict { get; init; }

    /// <summary>Every live MX host with what a sender under enforce does with it, e.g. <c>10 mx1.example.com: matches 'mx1.example.com'; …</c>.</summary>
    public IReadOnlyList<string> MxHosts { get; init; } = [];

    /// <summary>Every problem the check found (errors, warnings, steps that could not run), worst first.</summary>
    public IReadOnlyList<MtaStsHealthProblem> Problems { get; init; } = [];
}

/// <summary>One problem of a domain: the checker's finding and the status it gives the health check.</summary>
/// <param name="Code">The diagnostic code, e.g. <c>MTASTS7122</c> (docs/diagnostics/MTASTS7122.md).</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>not checked</c>, as <c>mta-sts check</c> says.</param>
/// <param name="Subject">What was looked at: a DNS name, the policy URL, an MX host.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Status">What it does to the health status: Unhealthy (the registration's failure status), Degraded, or Healthy when ignored.</param>
public sealed record MtaStsHealthProblem(
    string? Code,
    string Severity,
    string Subject,
    string Message,
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status)
{
    /// <summary>The checker's one-line form: <c>subject: severity CODE: message</c>.</summary>
    public override string ToString() => $"{Subject}: {Severity}{(Code is null ? "" : " " + Code)}: {Message}";
}
