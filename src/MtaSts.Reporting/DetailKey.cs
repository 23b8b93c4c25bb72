namespace MtaSts.Reporting;

public readonly record struct DetailKey(DateOnly Day, string Organization, string PolicyDomain, string PolicyType, string Result, string ReceivingMx) : IComparable<DetailKey>
{
    public int CompareTo(DetailKey other)
    {
        var c = Day.CompareTo(other.Day);
        if (c == 0) c = string.CompareOrdinal(Organization, other.Organization);
        if (c == 0) c = string.CompareOrdinal(PolicyDomain, other.PolicyDomain);
        if (c == 0) c = string.CompareOrdinal(PolicyType, other.PolicyType);
        if (c == 0) c = string.CompareOrdinal(Result, other.Result);
        if (c == 0) c = string.CompareOrdinal(ReceivingMx, other.ReceivingMx);
        return c;
    }
}
