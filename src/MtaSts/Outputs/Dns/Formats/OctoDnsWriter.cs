using System.Globalization;
using System.Text;

namespace MtaSts.Dns.Formats;

/// <summary>
/// octoDNS: the zone's YAML file (<c>&lt;zone&gt;.yaml</c> of its YamlProvider), one record per relative name with
/// <c>ttl</c>, <c>type</c> and <c>value</c>, keys in the sorted order octoDNS enforces. octoDNS values are in zone-file
/// text form and it rejects an unescaped <c>;</c>: every <c>;</c> is written <c>\;</c> (and <c>\</c> as <c>\\</c>).
/// octoDNS cuts a long value into 255-character strings itself. YAML single quotes keep the backslashes literal.
/// </summary>
internal sealed class OctoDnsWriter : DnsFileWriter
{
    protected override string CommentMark => "#";

    protected override string Usage(IReadOnlyList<Deployment> deployments) =>
        $"It is the zone file octoDNS's YamlProvider reads for the zone {deployments[0].PolicyDomain}: put it in that provider's directory, or copy its records into your own {deployments[0].PolicyDomain}.yaml, then octodns-sync.";

    protected override void Domain(StringBuilder text, Deployment deployment, IReadOnlyList<DnsTxtRecord> records, string id)
    {
        foreach (var record in records.OrderBy(r => r.RelativeName, StringComparer.Ordinal))
        {
            text.Append(record.RelativeName).Append(":\n")
                .Append("  ttl: ").Append(record.Ttl.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("  type: TXT\n")
                .Append("  value: ").Append(Quote(Escape(record.Value))).Append('\n');
        }
    }

    /// <summary><c>mta-sts</c> sorts after <c>_mta-sts</c> and <c>_smtp._tls</c>, so it comes last; the value is fully qualified.</summary>
    protected override void Cname(StringBuilder text, Deployment deployment, string target, string id) =>
        text.Append(PolicyHostCname.RelativeName).Append(":\n")
            .Append("  ttl: ").Append(deployment.Ttl.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("  type: CNAME\n")
            .Append("  value: ").Append(target).Append(".\n");

    /// <summary>octoDNS's text form of a TXT value: <c>\</c> as <c>\\</c>, then every <c>;</c> as <c>\;</c>.</summary>
    internal static string Escape(string value) => value.Replace("\\", "\\\\").Replace(";", "\\;");

    /// <summary>A YAML single-quoted scalar: only <c>'</c> is escaped, as <c>''</c>; backslashes stay as they are.</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
}
