using System.Globalization;
using System.Text;

namespace MtaSts.Dns.Formats;

/// <summary>
/// Azure DNS as Bicep: per domain the existing zone (named as the domain, in the resource group the file is deployed
/// to) and a <c>Microsoft.Network/dnsZones/TXT</c> record set per record, its value the list of character-strings
/// (Azure takes each string of at most 255 characters as one item of <c>value</c>).
/// </summary>
internal sealed class BicepWriter : DnsFileWriter
{
    private const string ApiVersion = "2018-05-01";

    protected override string CommentMark => "//";

    protected override string Usage(IReadOnlyList<Deployment> deployments) =>
        $"Deploy it to the resource group that holds the Azure DNS zone{(deployments.Count == 1 ? "" : "s")} ({string.Join(", ", deployments.Take(3).Select(d => d.PolicyDomain))}{(deployments.Count > 3 ? ", ..." : "")}): az deployment group create --resource-group <group> --template-file mta-sts.bicep. It adds the record sets below and changes nothing else in the zone{(deployments.Count == 1 ? "" : "s")}.";

    protected override void Domain(StringBuilder text, Deployment deployment, IReadOnlyList<DnsTxtRecord> records, string id)
    {
        text.Append("resource zone_").Append(id).Append(" 'Microsoft.Network/dnsZones@").Append(ApiVersion).Append("' existing = {\n")
            .Append("  name: ").Append(Quote(deployment.PolicyDomain)).Append('\n')
            .Append("}\n");
        foreach (var record in records)
        {
            text.Append('\n')
                .Append("resource ").Append(Symbol(record.RelativeName)).Append('_').Append(id)
                .Append(" 'Microsoft.Network/dnsZones/TXT@").Append(ApiVersion).Append("' = {\n")
                .Append("  parent: zone_").Append(id).Append('\n')
                .Append("  name: ").Append(Quote(record.RelativeName)).Append('\n')
                .Append("  properties: {\n")
                .Append("    TTL: ").Append(record.Ttl.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("    TXTRecords: [\n")
                .Append("      {\n")
                .Append("        value: [\n");
            foreach (var chunk in record.Strings)
            {
                text.Append("          ").Append(Quote(chunk)).Append('\n');
            }

            text.Append("        ]\n")
                .Append("      }\n")
                .Append("    ]\n")
                .Append("  }\n")
                .Append("}\n");
        }
    }

    protected override void Cname(StringBuilder text, Deployment deployment, string target, string id) =>
        text.Append('\n')
            .Append("resource ").Append(CnameSymbol(id))
            .Append(" 'Microsoft.Network/dnsZones/CNAME@").Append(ApiVersion).Append("' = {\n")
            .Append("  parent: zone_").Append(id).Append('\n')
            .Append("  name: ").Append(Quote(PolicyHostCname.RelativeName)).Append('\n')
            .Append("  properties: {\n")
            .Append("    TTL: ").Append(deployment.Ttl.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("    CNAMERecord: {\n")
            .Append("      cname: ").Append(Quote(target)).Append('\n')
            .Append("    }\n")
            .Append("  }\n")
            .Append("}\n");

    /// <summary>A Bicep string literal: <c>'…'</c> with <c>\</c>, <c>'</c> and the interpolation <c>${</c> escaped.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("'");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '$' when i + 1 < value.Length && value[i + 1] == '{' => "\\$",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsUnicodeEscape(c) => "\\u{" + ((int)c).ToString("x", CultureInfo.InvariantCulture) + "}",
                _ => c.ToString(),
            });
        }

        return text.Append('\'').ToString();
    }
}
