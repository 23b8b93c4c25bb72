using System.Security.Cryptography;
using System.Text;

namespace MtaSts.Reporting;

/// <summary>At most <c>capacity</c> distinct values in order of first appearance; the others are only counted.</summary>
public sealed class CappedSet(int capacity)
{
    private readonly List<string> values = [];
    private readonly HashSet<string> lookup = new(StringComparer.Ordinal);
    private HashSet<UInt128>? overflow;

    public IReadOnlyList<string> Values => values;

    /// <summary>Distinct values beyond the capacity (bounded memory: kept as 128-bit hashes).</summary>
    public int More => overflow?.Count ?? 0;

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || lookup.Contains(value))
        {
            return;
        }

        if (values.Count < capacity)
        {
            values.Add(value);
            lookup.Add(value);
            return;
        }

        if ((overflow ??= []).Count < 100_000)
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
            overflow.Add(new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..])));
        }
    }

    public override string ToString() => More == 0 ? string.Join(" ", values) : $"{string.Join(" ", values)} (+{More} more)";
}
