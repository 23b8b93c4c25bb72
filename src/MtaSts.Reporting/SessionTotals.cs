namespace MtaSts.Reporting;

public class SessionTotals
{
    public long Successful { get; private set; }

    public long Failed { get; private set; }

    public long Total => Successful + Failed;

    internal void Add(long successful, long failed)
    {
        Successful += successful;
        Failed += failed;
    }
}
