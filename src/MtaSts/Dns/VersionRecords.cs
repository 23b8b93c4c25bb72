namespace MtaSts.Dns;

/// <summary>The discard rule shared by <c>_mta-sts</c> and <c>_smtp._tls</c>: a record counts only if it begins with its version field.</summary>
internal static class VersionRecords
{
    /// <summary><paramref name="value"/> starts with <paramref name="version"/>, then optional WSP, then ';'.</summary>
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
