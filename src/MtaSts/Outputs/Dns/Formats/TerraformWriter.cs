using System.Globalization;
using System.Text;

namespace MtaSts.Dns.Formats;

/// <summary>
/// Terraform (HCL): per domain a data source that finds the provider's zone by the domain's name and a resource per
/// record. The providers differ in how a TXT value is given (<see cref="Attributes"/>); the HCL is written here once.
/// </summary>
internal abstract class TerraformWriter : DnsFileWriter
{
    protected override string CommentMark => "#";

    /// <summary>The provider's name in Terraform (<c>azurerm</c>) and what the file needs of it.</summary>
    protected abstract string Provider { get; }

    /// <summary>The data source that finds the zone and its body.</summary>
    protected abstract (string Type, IReadOnlyList<HclAttribute> Body) ZoneLookup(string zone);

    /// <summary>The resource type of a record.</summary>
    protected abstract string ResourceType { get; }

    /// <summary>The record resource's body, given the zone data source's address (<c>data.type.name</c>).</summary>
    protected abstract IReadOnlyList<HclAttribute> Record(DnsTxtRecord record, string zoneData);

    /// <summary>The resource type of the Policy Host CNAME.</summary>
    protected abstract string CnameResourceType { get; }

    /// <summary>The CNAME resource's body: <c>mta-sts.&lt;zone&gt;</c> to <paramref name="target"/> (no root dot).</summary>
    protected abstract IReadOnlyList<HclAttribute> CnameRecord(string zone, string target, int ttl, string zoneData);

    /// <summary>A comment above the CNAME resource; none by default.</summary>
    protected virtual string? CnameComment => null;

    protected override void Cname(StringBuilder text, Deployment deployment, string target, string id)
    {
        var (type, _) = ZoneLookup(deployment.PolicyDomain);
        text.Append('\n');
        if (CnameComment is { } comment)
        {
            Comment(text, comment);
        }

        text.Append("resource \"").Append(CnameResourceType).Append("\" \"").Append(CnameSymbol(id)).Append("\" {\n");
        Body(text, CnameRecord(deployment.PolicyDomain, target, deployment.Ttl, $"data.{type}.zone_{id}"));
        text.Append("}\n");
    }

    protected override string Usage(IReadOnlyList<Deployment> deployments) =>
        $"Put it in a Terraform configuration that has the {Provider}; each zone is looked up by its name, and only the records below are managed.";

    protected override void Domain(StringBuilder text, Deployment deployment, IReadOnlyList<DnsTxtRecord> records, string id)
    {
        var (type, lookup) = ZoneLookup(deployment.PolicyDomain);
        text.Append("data \"").Append(type).Append("\" \"zone_").Append(id).Append("\" {\n");
        Body(text, lookup);
        text.Append("}\n");
        foreach (var record in records)
        {
            text.Append('\n')
                .Append("resource \"").Append(ResourceType).Append("\" \"").Append(Symbol(record.RelativeName)).Append('_').Append(id).Append("\" {\n");
            Body(text, Record(record, $"data.{type}.zone_{id}"));
            text.Append("}\n");
        }
    }

    /// <summary>One attribute (<c>key = value</c>, the value an HCL expression) or, with <see cref="IsBlock"/>, a nested
    /// block (<c>key { … }</c>, the value its body).</summary>
    protected sealed record HclAttribute(string Key, string Value, bool IsBlock = false);

    /// <summary>Attributes with their <c>=</c> aligned as <c>terraform fmt</c> writes them, then the nested blocks.</summary>
    private static void Body(StringBuilder text, IReadOnlyList<HclAttribute> body)
    {
        const string indent = "  ";
        var width = body.Where(a => !a.IsBlock).Select(a => a.Key.Length).DefaultIfEmpty(0).Max();
        foreach (var attribute in body)
        {
            var value = attribute.Value.Replace("\n", "\n" + indent);
            if (attribute.IsBlock)
            {
                text.Append('\n').Append(indent).Append(attribute.Key).Append(" {\n").Append(indent).Append(indent).Append(value).Append('\n').Append(indent).Append("}\n");
            }
            else
            {
                text.Append(indent).Append(attribute.Key.PadRight(width)).Append(" = ").Append(value).Append('\n');
            }
        }
    }

    /// <summary>An object expression over lines, <c>{ key = value }</c>.</summary>
    protected static string Object(string key, string value) => "{\n  " + key + " = " + value + "\n}";

    protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// An HCL quoted template string: <c>\</c> and <c>"</c> escaped, and the template sequences <c>${</c> and
    /// <c>%{</c> written <c>$${</c> and <c>%%{</c> so that Terraform takes them literally.
    /// </summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '$' or '%' when next == '{' => new string(c, 2),
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsUnicodeEscape(c) => UnicodeEscape(c),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
