using MtaSts.Diagnostics;
using MtaSts.Dns.Formats;

namespace MtaSts.Dns;

/// <summary>
/// A file format for the DNS records of a deployment: the BIND zone snippet, or the records as DNS-as-code for the tool
/// that manages the user's DNS (Bicep, Terraform, DNSControl, octoDNS). Every format renders the same
/// <see cref="DnsTxtRecord"/>s, so names, values, TTL and string splitting are the core's in each of them; a format
/// decides only its syntax, its escaping and how its tool wants long values.
/// </summary>
public sealed class DnsFormat
{
    private readonly DnsFileWriter? writer;
    private readonly string fileName;

    private DnsFormat(string name, string title, string fileName, DnsFileWriter? writer)
    {
        Name = name;
        Title = title;
        this.fileName = fileName;
        this.writer = writer;
    }

    /// <summary>Today's BIND zone-file snippet (<see cref="ZoneSnippetWriter"/>), one per domain: <c>&lt;domain&gt;.zone</c>.</summary>
    public static DnsFormat Zone { get; } = new("zone", "a BIND zone-file snippet", ".zone", null);

    /// <summary>Azure DNS as Bicep (<c>Microsoft.Network/dnsZones/TXT</c>), one file for every domain: <c>mta-sts.bicep</c>.</summary>
    public static DnsFormat Bicep { get; } = new("bicep", "Bicep for Azure DNS", "mta-sts.bicep", new BicepWriter());

    /// <summary>Azure DNS as Terraform (<c>azurerm_dns_txt_record</c>): <c>mta-sts.azurerm.tf</c>.</summary>
    public static DnsFormat TerraformAzure { get; } = new("terraform-azure", "Terraform for Azure DNS (azurerm)", "mta-sts.azurerm.tf", new TerraformAzureWriter());

    /// <summary>Amazon Route 53 as Terraform (<c>aws_route53_record</c>): <c>mta-sts.aws.tf</c>.</summary>
    public static DnsFormat TerraformAws { get; } = new("terraform-aws", "Terraform for Amazon Route 53 (aws)", "mta-sts.aws.tf", new TerraformAwsWriter());

    /// <summary>Cloudflare as Terraform (<c>cloudflare_dns_record</c>, provider v5): <c>mta-sts.cloudflare.tf</c>.</summary>
    public static DnsFormat TerraformCloudflare { get; } = new("terraform-cloudflare", "Terraform for Cloudflare (cloudflare v5)", "mta-sts.cloudflare.tf", new TerraformCloudflareWriter());

    /// <summary>DNSControl's JavaScript (<c>D(...)</c> with <c>TXT(...)</c>), one <c>D</c> per domain: <c>mta-sts.dnscontrol.js</c>.</summary>
    public static DnsFormat DnsControl { get; } = new("dnscontrol", "DNSControl (dnsconfig.js)", "mta-sts.dnscontrol.js", new DnsControlWriter());

    /// <summary>octoDNS's YAML zone files, one per domain as its YamlProvider reads them: <c>&lt;domain&gt;.yaml</c>.</summary>
    public static DnsFormat OctoDns { get; } = new("octodns", "octoDNS zone YAML", ".yaml", new OctoDnsWriter());

    /// <summary>Every format, in the order the documentation lists them.</summary>
    public static IReadOnlyList<DnsFormat> All { get; } = [Zone, Bicep, TerraformAzure, TerraformAws, TerraformCloudflare, DnsControl, OctoDns];

    /// <summary>The name used by <c>mta-sts generate --dns-format</c> and the MSBuild property <c>MtaStsDnsFormats</c>.</summary>
    public string Name { get; }

    /// <summary>What the format is for, in a few words.</summary>
    public string Title { get; }

    /// <summary>
    /// Whether the tool wants one file per domain (each domain is its own DNS zone: the zone snippet, octoDNS's
    /// <c>&lt;zone&gt;.yaml</c>) rather than one file with every domain (Bicep, Terraform, DNSControl).
    /// </summary>
    public bool FilePerDomain => fileName.StartsWith(".", StringComparison.Ordinal);

    /// <summary>The file name: <c>&lt;domain&gt;.zone</c> or <c>&lt;domain&gt;.yaml</c> for <see cref="FilePerDomain"/>
    /// formats (the A-label domain), else the fixed name (e.g. <c>mta-sts.bicep</c>; <paramref name="policyDomain"/> is
    /// not used).</summary>
    public string FileName(string policyDomain) => FilePerDomain ? policyDomain + fileName : fileName;

    /// <summary>
    /// The file's text for <paramref name="deployments"/> (one deployment for a <see cref="FilePerDomain"/> format, the
    /// file of that domain), with a comment that names <paramref name="source"/> as the file it was generated from.
    /// </summary>
    public string Write(IReadOnlyList<Deployment> deployments, string? source = null) => Write(deployments, source, null);

    /// <summary>
    /// <see cref="Write(IReadOnlyList{Deployment}, string?)"/> with the Policy Host CNAME of every domain,
    /// <c>mta-sts.&lt;domain&gt;. CNAME &lt;policyHostCname&gt;.</c>, when <paramref name="policyHostCname"/> is not null
    /// (a host name as <see cref="PolicyHostCname.Parse"/> returns it).
    /// </summary>
    public string Write(IReadOnlyList<Deployment> deployments, string? source, string? policyHostCname)
    {
        if (deployments is null || deployments.Count == 0)
        {
            throw new ArgumentException("At least one deployment is needed.", nameof(deployments));
        }

        if (FilePerDomain && deployments.Count != 1)
        {
            throw new ArgumentException($"The {Name} format has one file per domain.", nameof(deployments));
        }

        return writer is null ? ZoneSnippetWriter.Write(deployments[0], source, policyHostCname) : writer.Write(deployments, source, Title, policyHostCname);
    }

    /// <summary>The format of that name (case-insensitive), or null.</summary>
    public static DnsFormat? Find(string name) => NamedChoices.Find(All, f => f.Name, name);

    /// <summary>
    /// The formats named in <paramref name="names"/> (repeated names once, blanks ignored), in the order of
    /// <see cref="All"/>; <see cref="Zone"/> alone when none is named. An unknown name is error MTASTS4003 in
    /// <paramref name="diagnostics"/>, with the valid names and the closest one.
    /// </summary>
    public static IReadOnlyList<DnsFormat> Parse(IEnumerable<string>? names, ICollection<Diagnostic> diagnostics)
    {
        var chosen = NamedChoices.Parse(names, All, f => f.Name, diagnostics, DiagnosticDescriptors.UnknownDnsFormat, DiagnosticMessages.Outputs.DnsFormatNoun.Format(), DiagnosticMessages.Outputs.DnsFormatNouns.Format());
        return chosen.Count == 0 ? [Zone] : chosen;
    }

    /// <summary>
    /// Whether a file name is one this library writes for DNS records in a format other than the zone snippet: the
    /// fixed names, or <c>&lt;domain&gt;.yaml</c> (a name with a dot before <c>.yaml</c>, so never <c>mta-sts.yaml</c>).
    /// Only such files, listed as written by an earlier build, are ever deleted as stale.
    /// </summary>
    internal static bool IsOtherFormatFile(string path)
    {
        var name = Path.GetFileName(path);
        return All.Any(f => f != Zone && !f.FilePerDomain && f.fileName == name)
            || (name.EndsWith(OctoDns.fileName, StringComparison.Ordinal) && Path.GetFileNameWithoutExtension(name).Contains('.'));
    }

    public override string ToString() => Name;
}
