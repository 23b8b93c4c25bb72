namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// The reports and bytes stored this UTC day, so the store cannot fill the disk: a report reserves its share before it
/// is stored and gives it back when it was not (a duplicate, a failure). Counted in this process; a restart starts the
/// day's count again.
/// </summary>
internal sealed class DailyCap(int maxReports, long maxBytes, TimeProvider time)
{
    private readonly object gate = new();
    private DateOnly day;
    private int reports;
    private long bytes;
    private DateOnly warnedDay;

    /// <summary>Reserves one report of <paramref name="size"/> bytes; false when today's cap would be passed.</summary>
    public bool TryReserve(long size)
    {
        lock (gate)
        {
            Roll();
            if (reports + 1 > maxReports || bytes + size > maxBytes)
            {
                return false;
            }

            reports++;
            bytes += size;
            return true;
        }
    }

    /// <summary>
    /// Called for each report refused: true the first time this day (for one warning a day), with what is stored today
    /// in <paramref name="reportsToday"/> and <paramref name="bytesToday"/>.
    /// </summary>
    public bool FirstRefusalToday(out int reportsToday, out long bytesToday)
    {
        lock (gate)
        {
            Roll();
            reportsToday = reports;
            bytesToday = bytes;
            var first = warnedDay != day;
            warnedDay = day;
            return first;
        }
    }

    public void Release(long size)
    {
        lock (gate)
        {
            if (reports > 0)
            {
                reports--;
                bytes = Math.Max(0, bytes - size);
            }
        }
    }

    /// <summary>Seconds until the next UTC day, when the cap opens again (for Retry-After, RFC 9110 §10.2.3).</summary>
    public int SecondsUntilTomorrow()
    {
        var now = time.GetUtcNow();
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return Math.Max(1, (int)Math.Ceiling((tomorrow - now).TotalSeconds));
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today != day)
        {
            day = today;
            reports = 0;
            bytes = 0;
        }
    }
}
