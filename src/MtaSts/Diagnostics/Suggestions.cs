namespace MtaSts.Diagnostics;

/// <summary>"Did you mean …?" for misspelled keys and values.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="input"/> (ignoring case), if it is close enough to be a typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lowered = input.ToLowerInvariant();

        // A clipped word ('test', 'enf') is a typo too.
        if (lowered.Length >= 3)
        {
            var prefixed = candidates.FirstOrDefault(c => c.StartsWith(lowered, StringComparison.OrdinalIgnoreCase));
            if (prefixed is not null)
            {
                return prefixed;
            }
        }

        foreach (var candidate in candidates)
        {
            var distance = Distance(lowered, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Allow about one edit per three characters: 'enfroce' → 'enforce', but 'strict' ↛ 'testing'.
        var limit = Math.Max(1, Math.Min(input.Length, best?.Length ?? 0) / 3);
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
