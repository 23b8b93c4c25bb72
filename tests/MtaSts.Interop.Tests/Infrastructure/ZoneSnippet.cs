using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MtaSts.Interop.Tests.Infrastructure;

/// <summary>One TXT record of a zone snippet: owner name, TTL, and the value (its strings joined, RFC 8461 §3.1).</summary>
public sealed record TxtRecord(string Name, int Ttl, string Value);

/// <summary>
/// The TXT records of a zone snippet in the form MtaSts.Build writes (one record a line, <c>NAME. TTL IN TXT "…"</c>),
/// read independently of the package's own code, so the test compares what DNS serves with what the build wrote.
/// </summary>
public static partial class ZoneSnippet
{
    public static IReadOnlyList<TxtRecord> ReadTxtRecords(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith(';'))
            .Select(line => RecordLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new TxtRecord(match.Groups["name"].Value, int.Parse(match.Groups["ttl"].Value, CultureInfo.InvariantCulture), JoinStrings(match.Groups["data"].Value)))
            .ToList();

    public static TxtRecord Record(string path, string name) =>
        ReadTxtRecords(path).SingleOrDefault(record => record.Name == name)
            ?? throw new InvalidOperationException($"{path} has no TXT record {name}:\n{File.ReadAllText(path)}");

    /// <summary>The id of the <c>_mta-sts</c> record: <c>v=STSv1; id=ID;</c>.</summary>
    public static string PolicyId(string path, string domain)
    {
        var value = Record(path, $"_mta-sts.{domain}.").Value;
        var match = StsId().Match(value);
        return match.Success ? match.Groups["id"].Value : throw new InvalidOperationException($"No id in '{value}'.");
    }

    /// <summary>Joins the quoted strings of TXT record data (<c>"a" "b"</c> → <c>ab</c>), undoing \" and \\.</summary>
    public static string JoinStrings(string data)
    {
        var value = new StringBuilder();
        foreach (Match match in QuotedString().Matches(data))
        {
            value.Append(Regex.Replace(match.Groups[1].Value, @"\\(.)", "$1"));
        }

        return value.ToString();
    }

    [GeneratedRegex(@"^(?<name>\S+\.)\s+(?<ttl>\d+)\s+IN\s+TXT\s+(?<data>.*)$")]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^v=STSv1;\s*id=(?<id>[A-Za-z0-9]{1,32});?$")]
    private static partial Regex StsId();
}
