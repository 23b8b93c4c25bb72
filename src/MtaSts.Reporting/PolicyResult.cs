namespace MtaSts.Reporting;

/// <summary>One entry of <c>policies</c>: the policy a sender applied and the sessions it counted under it (RFC 8460 §4.4).</summary>
public sealed record PolicyResult(
    string PolicyType,
    IReadOnlyList<string> PolicyString,
    string? PolicyDomain,
    IReadOnlyList<string> MxHost,
    long TotalSuccessfulSessionCount,
    long TotalFailureSessionCount,
    IReadOnlyList<FailureDetail> FailureDetails)
{
    public const string Sts = "sts";
    public const string Tlsa = "tlsa";
    public const string NoPolicyFound = "no-policy-found";

    /// <summary>
    /// <c>sts</c> and <c>no-policy-found</c> entries describe disjoint sessions (a session found an MTA-STS policy or it
    /// did not); a <c>tlsa</c> entry describes the same sessions once more from DANE's side (RFC 8460 §4.3).
    /// </summary>
    public bool IsStsFamily => PolicyType != Tlsa;
}
