using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Checking;

/// <summary>The whole outcome of <c>mta-sts check DOMAIN</c>: data for hosts to render as text, JSON or HTML.</summary>
public sealed record CheckReport
{
    /// <summary>The version of the JSON shape (schema/mta-sts-check.schema.json); raised on incompatible changes.</summary>
    public const int SchemaVersion = 1;

    public required string Domain { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public long ElapsedMilliseconds { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The TXT value senders use for the policy id (null when there is no single v=STSv1 record).</summary>
    public string? StsRecord { get; init; }

    /// <summary>The CNAME chain followed from <c>_mta-sts.&lt;domain&gt;</c>: who hosts the record.</summary>
    public IReadOnlyList<string> StsRecordCnames { get; init; } = [];

    public string? TlsRptRecord { get; init; }

    public PolicyFetchFacts? PolicyFetch { get; init; }

    public IReadOnlyList<MxHostResult> MxHosts { get; init; } = [];

    public required SenderVerdict Verdict { get; init; }

    public CheckFix? Fix { get; init; }

    /// <summary>Steps not run on purpose (<c>--no-smtp</c>; drift without <c>--config</c>).</summary>
    public IReadOnlyList<string> SkippedSteps { get; init; } = [];

    public int ErrorCount => Findings.Count(f => f.Status == CheckStatus.Error);

    public int WarningCount => Findings.Count(f => f.Status == CheckStatus.Warning);

    public int NotCheckedCount => Findings.Count(f => f.Status == CheckStatus.NotChecked);

    /// <summary>No errors: the deployment works for senders (warnings and steps that could not run allowed).</summary>
    public bool Passed => ErrorCount == 0;

    /// <summary>The worst status of a step's findings, or <see cref="CheckStatus.Skipped"/> when it did not run.</summary>
    public CheckStatus StepStatus(string step)
    {
        if (SkippedSteps.Contains(step))
        {
            return CheckStatus.Skipped;
        }

        var statuses = Findings.Where(f => f.Step == step).Select(f => f.Status).ToList();
        return statuses.Contains(CheckStatus.Error) ? CheckStatus.Error
            : statuses.Contains(CheckStatus.Warning) ? CheckStatus.Warning
            : statuses.Contains(CheckStatus.NotChecked) ? CheckStatus.NotChecked
            : statuses.Count == 0 || statuses.All(s => s == CheckStatus.Skipped) ? CheckStatus.Skipped
            : CheckStatus.Pass;
    }
}
