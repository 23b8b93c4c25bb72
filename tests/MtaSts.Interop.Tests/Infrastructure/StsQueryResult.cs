namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>The policy as mta-sts-query parsed it from the policy file.</summary>
public sealed record FetchedPolicy(string? Version, string? Mode, IReadOnlyList<string> Mx, long? MaxAge);

/// <summary>
/// What mta-sts-query printed: <c>(&lt;STSFetchResult.VALID: 1&gt;, ('ID', {'mx': [...], 'version': 'STSv1',
/// 'mode': 'enforce', 'max_age': 604800}))</c>, or <c>(&lt;STSFetchResult.NOT_CHANGED: 3&gt;, None)</c>, NONE,
/// FETCH_ERROR. Result is the member name; Id and Policy are set for VALID only.
/// </summary>
public sealed record StsQueryResult(string Result, string? Id, FetchedPolicy? Policy)
{
    public const string Valid = "VALID";
    public const string NotChanged = "NOT_CHANGED";
    public const string None = "NONE";
    public const string FetchError = "FETCH_ERROR";

    /// <summary>Parses the last non-empty line of mta-sts-query's standard output.</summary>
    public static StsQueryResult Parse(string standardOutput)
    {
        var line = standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new FormatException("mta-sts-query printed nothing.");
        if (PythonLiteral.Parse(line) is not List<object?> { Count: 2 } tuple || tuple[0] is not PythonEnum { Type: "STSFetchResult" } result)
        {
            throw new FormatException($"Not an mta-sts-query result: {line}");
        }

        if (tuple[1] is null)
        {
            return new StsQueryResult(result.Member, null, null);
        }

        if (tuple[1] is not List<object?> { Count: 2 } idAndPolicy || idAndPolicy[0] is not string id || idAndPolicy[1] is not Dictionary<string, object?> fields)
        {
            throw new FormatException($"Not an (id, policy) pair: {line}");
        }

        var mx = fields.GetValueOrDefault("mx") is List<object?> list ? list.Cast<string>().ToList() : [];
        var policy = new FetchedPolicy(
            fields.GetValueOrDefault("version") as string,
            fields.GetValueOrDefault("mode") as string,
            mx,
            fields.GetValueOrDefault("max_age") as long?);
        return new StsQueryResult(result.Member, id, policy);
    }
}
