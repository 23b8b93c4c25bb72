using System.Globalization;
using System.Text;

namespace MtaSts.Dns.Formats;

/// <summary>
/// DNSControl: a <c>D(...)</c> per domain with <c>NO_PURGE</c> (the zone's other records are left alone) and a
/// <c>TXT(label, value, TTL(n))</c> per record. DNSControl does the DNS quoting itself and cuts a value longer than 255
/// octets into 255-octet strings, as the zone snippet does, so the value is given whole, as a JavaScript string.
/// </summary>
internal sealed class DnsControlWriter : DnsFileWriter
{
    protected override string CommentMark => "//";

    protected override string Usage(IReadOnlyList<Deployment> deployments) =>
        "Run it as a DNSControl configuration of its own: dnscontrol preview --config mta-sts.dnscontrol.js (creds.json needs an entry \"mta-sts\" for the DNS provider of the zones). NO_PURGE leaves every other record of the zones alone. Where your dnsconfig.js already has D() for a domain, copy its TXT lines into that D() instead.";

    protected override void Begin(StringBuilder text) =>
        text.Append("var REG_NONE = NewRegistrar(\"none\");\n")
            .Append("var DSP_MTA_STS = NewDnsProvider(\"mta-sts\");\n");

    protected override void Domain(StringBuilder text, Deployment deployment, IReadOnlyList<DnsTxtRecord> records, string id)
    {
        text.Append("D(").Append(Quote(deployment.PolicyDomain)).Append(", REG_NONE, DnsProvider(DSP_MTA_STS), NO_PURGE");
        foreach (var record in records)
        {
            text.Append(",\n    TXT(").Append(Quote(record.RelativeName)).Append(", ").Append(Quote(record.Value))
                .Append(", TTL(").Append(record.Ttl.ToString(CultureInfo.InvariantCulture)).Append("))");
        }

        text.Append("\n);\n");
    }

    /// <summary>Inside the domain's <c>D(...)</c> (written open by <see cref="Domain"/>): <c>CNAME("mta-sts", "target.")</c>,
    /// the target fully qualified with its root dot, as DNSControl requires.</summary>
    protected override void Cname(StringBuilder text, Deployment deployment, string target, string id)
    {
        text.Length -= "\n);\n".Length;
        text.Append(",\n    CNAME(").Append(Quote(PolicyHostCname.RelativeName)).Append(", ").Append(Quote(target + "."))
            .Append(", TTL(").Append(deployment.Ttl.ToString(CultureInfo.InvariantCulture)).Append("))")
            .Append("\n);\n");
    }

    /// <summary>A JavaScript string literal in double quotes: <c>\</c> and <c>"</c> escaped, anything outside printable
    /// ASCII (line terminators included) as <c>\uXXXX</c>.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when NeedsUnicodeEscape(c) => UnicodeEscape(c),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
