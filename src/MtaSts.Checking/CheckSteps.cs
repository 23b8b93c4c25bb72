namespace MtaSts.Checking;

/// <summary>The steps of a check, in the order a sender performs them (RFC 8461 §3-§5).</summary>
public static class CheckSteps
{
    public const string Dns = "dns";
    public const string PolicyFetch = "policy";
    public const string Coverage = "coverage";
    public const string StartTls = "starttls";
    public const string Drift = "drift";

    public static readonly IReadOnlyList<string> All = [Dns, PolicyFetch, Coverage, StartTls, Drift];

    public static string Title(string step) => step switch
    {
        Dns => "DNS",
        PolicyFetch => "HTTPS policy fetch",
        Coverage => "MX coverage",
        StartTls => "STARTTLS on every MX",
        Drift => "Drift from mta-sts.yaml",
        _ => step,
    };
}
