namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>Says yes the first time it sees a key, for at most <c>capacity</c> keys: bounded memory whatever senders send.</summary>
internal sealed class BoundedOnce(int capacity)
{
    private readonly HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
    private bool full;

    /// <summary>True when <paramref name="key"/> is new; <paramref name="nowFull"/> is true once, when the capacity is reached.</summary>
    public bool FirstTime(string key, out bool nowFull)
    {
        lock (seen)
        {
            nowFull = false;
            if (full || seen.Contains(key))
            {
                return false;
            }

            if (seen.Count >= capacity)
            {
                full = nowFull = true;
                return false;
            }

            seen.Add(key);
            return true;
        }
    }
}
