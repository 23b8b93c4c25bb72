namespace MtaSts.Dns;

/// <summary>
/// The discard rule shared by <c>_mta-sts</c> (RFC 8461 §3.1) and <c>_smtp._tls</c> (RFC 8460 §3): a record counts only
/// if it begins with its version and ';'. The one owner of that rule: the check picks records with it and the linters
/// report a record it rejects as discarded (MTASTS6101, MTASTS6201), so 'v=STSv1' alone and 'v=STSv1 id=x;' are
/// "no record" to both.
/// </summary>
internal static class VersionRecords
{
    /// <summary>
    /// <paramref name="value"/> starts with <paramref name="version"/>, then optional WSP, then ';'. The WSP is the
    /// ABNF's <c>field-delim = *WSP ";" *WSP</c>; senders that look for the literal "v=STSv1;" differ (Errata 6285),
    /// which the linters warn about (MTASTS6104, MTASTS6204).
    /// </summary>
    public static bool BeginsWith(string value, string version)
    {
        if (value is null || !value.StartsWith(version, StringComparison.Ordinal))
        {
            return false;
        }

        var i = version.Length;
        while (i < value.Length && (value[i] == ' ' || value[i] == '\t'))
        {
            i++;
        }

        return i < value.Length && value[i] == ';';
    }
}
