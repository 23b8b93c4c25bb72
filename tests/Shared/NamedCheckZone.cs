using System.Text;

namespace MtaSts.Testing;

/// <summary>One TXT record as BIND read it: owner name, TTL and the character-strings joined (RFC 8461 §3.1).</summary>
public sealed record ZoneTxtRecord(string Owner, int Ttl, string Value);

/// <summary>
/// Reads a generated zone snippet with an independent parser: BIND's <c>named-checkzone</c> (bind9-utils, installed by
/// build/prerequisites.sh) loads it into a zone of its own and prints the records in canonical form. The tests check
/// what DNS software reads, not what the product's own reader reads back.
/// </summary>
public static class NamedCheckZone
{
    /// <summary>The TXT records of <paramref name="snippet"/> under the zone <paramref name="origin"/>; fails when BIND
    /// refuses the snippet.</summary>
    public static async Task<IReadOnlyList<ZoneTxtRecord>> TxtRecordsAsync(string snippet, string origin)
    {
        var directory = Path.Combine(Path.GetTempPath(), "MtaSts.NamedCheckZone", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            // A zone of the snippet's own domain: SOA and NS make it loadable; the snippet is $INCLUDE-able as it is.
            var zone = Path.Combine(directory, "zone");
            await File.WriteAllTextAsync(zone,
                $"$ORIGIN {origin}.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n{snippet}");
            var result = await Command.RunAsync("named-checkzone", ["-q", "-D", "-o", "-", origin, zone], directory, timeout: TimeSpan.FromSeconds(30));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("named-checkzone refused the snippet:\n" + result.Describe());
            }

            return result.StandardOutput.Split('\n').Select(Parse).OfType<ZoneTxtRecord>().ToList();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The id of the <c>_mta-sts</c> record, read from what BIND loaded.</summary>
    public static async Task<string> PolicyIdAsync(string snippet, string origin)
    {
        var record = (await TxtRecordsAsync(snippet, origin)).Single(r => r.Owner.StartsWith("_mta-sts.", StringComparison.Ordinal));
        const string prefix = "v=STSv1; id=";
        if (!record.Value.StartsWith(prefix, StringComparison.Ordinal) || !record.Value.EndsWith(';'))
        {
            throw new InvalidOperationException($"Not a generated _mta-sts record: {record.Value}");
        }

        return record.Value[prefix.Length..^1];
    }

    /// <summary>A canonical line <c>owner. ttl IN TXT "a" "b"</c>, or null for other types.</summary>
    private static ZoneTxtRecord? Parse(string line)
    {
        var fields = line.Split((char[])[' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[2] != "IN" || fields[3] != "TXT")
        {
            return null;
        }

        // RFC 1035 §5.1: quoted character-strings with \" \\ and \DDD escapes.
        var value = new StringBuilder();
        var data = fields[4];
        var quoted = false;
        for (var i = 0; i < data.Length; i++)
        {
            var c = data[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted && c == '\\' && i + 3 < data.Length && char.IsAsciiDigit(data[i + 1]))
            {
                value.Append((char)int.Parse(data.AsSpan(i + 1, 3)));
                i += 3;
            }
            else if (quoted && c == '\\')
            {
                value.Append(data[++i]);
            }
            else if (quoted)
            {
                value.Append(c);
            }
        }

        return new ZoneTxtRecord(fields[0], int.Parse(fields[1]), value.ToString());
    }
}
