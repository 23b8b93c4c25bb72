namespace MtaSts.Checking;

/// <summary>The corrected deployment: what to publish so the check passes (as far as DNS and the policy can fix it).</summary>
public sealed record CheckFix
{
    /// <summary>Where the values come from: "config" (mta-sts.yaml) or "live" (the live MX set and published values).</summary>
    public required string Source { get; init; }

    public required string PolicyUrl { get; init; }

    public required string PolicyText { get; init; }

    public required string StsRecordName { get; init; }

    public required string StsRecordValue { get; init; }

    public string? TlsRptRecordName { get; init; }

    public string? TlsRptRecordValue { get; init; }

    /// <summary>The mta-sts.yaml that generates these (null when the fix comes from the user's own file).</summary>
    public string? Yaml { get; init; }
}
