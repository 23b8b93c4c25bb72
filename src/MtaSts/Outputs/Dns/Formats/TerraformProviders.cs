namespace MtaSts.Dns.Formats;

/// <summary>
/// Azure DNS (<c>azurerm_dns_txt_record</c>): <c>record { value = … }</c> takes the whole value; the azurerm provider
/// cuts it into Azure's strings of at most 255 characters itself.
/// </summary>
internal sealed class TerraformAzureWriter : TerraformWriter
{
    protected override string Provider => "azurerm provider (hashicorp/azurerm)";

    protected override string ResourceType => "azurerm_dns_txt_record";

    protected override (string Type, IReadOnlyList<HclAttribute> Body) ZoneLookup(string zone) =>
        ("azurerm_dns_zone", [new("name", Quote(zone))]);

    protected override IReadOnlyList<HclAttribute> Record(DnsTxtRecord record, string zoneData) =>
    [
        new("name", Quote(record.RelativeName)),
        new("zone_name", zoneData + ".name"),
        new("resource_group_name", zoneData + ".resource_group_name"),
        new("ttl", Number(record.Ttl)),
        new("record", "value = " + Quote(record.Value), IsBlock: true),
    ];

    protected override string CnameResourceType => "azurerm_dns_cname_record";

    protected override IReadOnlyList<HclAttribute> CnameRecord(string zone, string target, int ttl, string zoneData) =>
    [
        new("name", Quote(PolicyHostCname.RelativeName)),
        new("zone_name", zoneData + ".name"),
        new("resource_group_name", zoneData + ".resource_group_name"),
        new("ttl", Number(ttl)),
        new("record", Quote(target)),
    ];
}

/// <summary>
/// Amazon Route 53 (<c>aws_route53_record</c>): a TXT value is Route 53's own text form of the character-strings, each
/// quoted, <c>"…" "…"</c>, and the aws provider adds the outermost two quotes itself. So the value here is the strings
/// joined with <c>" "</c>, each escaped as in a zone file (<c>\"</c>, <c>\\</c>): one string of up to 255 characters
/// per piece, which Route 53 requires.
/// </summary>
internal sealed class TerraformAwsWriter : TerraformWriter
{
    protected override string Provider => "aws provider (hashicorp/aws)";

    protected override string ResourceType => "aws_route53_record";

    protected override (string Type, IReadOnlyList<HclAttribute> Body) ZoneLookup(string zone) =>
        ("aws_route53_zone", [new("name", Quote(zone))]);

    protected override IReadOnlyList<HclAttribute> Record(DnsTxtRecord record, string zoneData) =>
    [
        new("zone_id", zoneData + ".zone_id"),
        new("name", Quote(record.Name)),
        new("type", Quote("TXT")),
        new("ttl", Number(record.Ttl)),
        new("records", "[" + Quote(RecordValue(record)) + "]"),
    ];

    protected override string CnameResourceType => "aws_route53_record";

    protected override IReadOnlyList<HclAttribute> CnameRecord(string zone, string target, int ttl, string zoneData) =>
    [
        new("zone_id", zoneData + ".zone_id"),
        new("name", Quote(Deployment.PolicyHostFor(zone))),
        new("type", Quote("CNAME")),
        new("ttl", Number(ttl)),
        new("records", "[" + Quote(target) + "]"),
    ];

    /// <summary>The value as the aws provider wants it: the zone file's quoted strings without the outermost quotes.</summary>
    internal static string RecordValue(DnsTxtRecord record) =>
        string.Join("\" \"", record.Strings.Select(ZoneSnippetWriter.EscapeTxt));
}

/// <summary>
/// Cloudflare (<c>cloudflare_dns_record</c>, provider v5): <c>content</c> is one string holding the quoted
/// character-strings (RFC 1035), <c>"…" "…"</c>, each at most 255 bytes: exactly the zone snippet's text of the value,
/// which is also how Cloudflare returns it (no perpetual diff).
/// </summary>
internal sealed class TerraformCloudflareWriter : TerraformWriter
{
    protected override string Provider => "cloudflare provider v5 (cloudflare/cloudflare ~> 5)";

    protected override string ResourceType => "cloudflare_dns_record";

    protected override (string Type, IReadOnlyList<HclAttribute> Body) ZoneLookup(string zone) =>
        ("cloudflare_zone", [new("filter", Object("name", Quote(zone)))]);

    protected override IReadOnlyList<HclAttribute> Record(DnsTxtRecord record, string zoneData) =>
    [
        new("zone_id", zoneData + ".id"),
        new("name", Quote(record.Name)),
        new("type", Quote("TXT")),
        new("ttl", Number(record.Ttl)),
        new("content", Quote(ZoneSnippetWriter.QuoteTxt(record.Value))),
    ];

    protected override string CnameResourceType => "cloudflare_dns_record";

    protected override string CnameComment =>
        "proxied = false: a proxied record would let Cloudflare answer TLS for the Policy Host with its own certificate and serve its answer, not the policy host's.";

    protected override IReadOnlyList<HclAttribute> CnameRecord(string zone, string target, int ttl, string zoneData) =>
    [
        new("zone_id", zoneData + ".id"),
        new("name", Quote(Deployment.PolicyHostFor(zone))),
        new("type", Quote("CNAME")),
        new("ttl", Number(ttl)),
        new("content", Quote(target)),
        new("proxied", "false"),
    ];
}
