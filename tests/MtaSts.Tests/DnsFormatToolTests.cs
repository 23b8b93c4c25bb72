using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MtaSts.Dns;
using MtaSts.Testing;
using YamlDotNet.RepresentationModel;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

/// <summary>
/// One TXT record as a DNS tool read it from a generated file: the owner name (fully qualified, no root dot), the
/// TTL, and the value (its character-strings joined, RFC 8461 §3.1) with the strings where the file fixes them.
/// </summary>
public sealed record ToolTxtRecord(string Name, int Ttl, string Value);

/// <summary>
/// The deployments every format is proven with, and what BIND reads from their zone snippets: the values each tool
/// reads from its file must equal these. The hidden values: <c>;</c> in every record, a <c>rua</c> list past 255
/// characters (two character-strings), an IDN domain (A-labels everywhere), and a hand-made value with the characters
/// each syntax treats specially (<c>'</c> <c>"</c> <c>\</c> <c>${</c> <c>%{</c>), which the configuration's own
/// rules never let through (rua URIs are validated) but the writers must survive anyway.
/// </summary>
public static class DnsFormatSamples
{
    public static readonly string LongRua = string.Join(", ", Enumerable.Range(1, 9).Select(i => $"mailto:tls-reports-{i}@reports{i}.example.com"));

    public static readonly string[] SampleNames = ["idn-long-rua", "special-characters", "many-domains"];

    public static TheoryData<string> Names => new(SampleNames);

    public static IReadOnlyList<Deployment> Get(string name) => name switch
    {
        "idn-long-rua" => [Deploy($"domain: bücher.example\nmode: enforce\nmx: [mx1.bücher.example]\nmax_age: 4w\nttl: 300\ntls_rpt:\n  rua: [{LongRua}]\n")],
        "special-characters" => [Special()],
        "many-domains" => [.. Compile(ValidConfig.MultiDomain).Deployments, Special()],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Deployment Special()
    {
        var policy = Deploy(ValidConfig.Yaml).Policy;
        var rua = new TlsRptRecord(["mailto:a@xn--mnchen-3ya.example", "https://r.example/${x}%{y}$z'q\"d\\b;c/" + new string('p', 240)]);
        return new Deployment("xn--mnchen-3ya.example", policy, new StsTxtRecord("20261206T120000Z"), rua, 86400);
    }

    /// <summary>Every TXT record of <paramref name="deployments"/> as BIND's named-checkzone reads each zone snippet.</summary>
    public static async Task<IReadOnlyList<ToolTxtRecord>> ZoneRecordsAsync(IReadOnlyList<Deployment> deployments)
    {
        var records = new List<ToolTxtRecord>();
        foreach (var deployment in deployments)
        {
            var read = await NamedCheckZone.TxtRecordsAsync(DnsFormat.Zone.Write([deployment]), deployment.PolicyDomain);
            records.AddRange(read.Select(r => new ToolTxtRecord(r.Owner.TrimEnd('.'), r.Ttl, r.Value)));
        }

        Assert.Contains(records, r => r.Value.Length > 255);
        return records;
    }

    /// <summary>The TXT presentation form, <c>"a" "b"</c> with <c>\"</c> and <c>\\</c>, read into its strings.</summary>
    public static IReadOnlyList<string> Unquote(string text)
    {
        var strings = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (quoted)
                {
                    strings.Add(current.ToString());
                    current.Clear();
                }

                quoted = !quoted;
            }
            else if (quoted)
            {
                current.Append(c == '\\' ? text[++i] : c);
            }
            else
            {
                Assert.Equal(' ', c);
            }
        }

        Assert.False(quoted, "unterminated string in " + text);
        Assert.All(strings, s => Assert.InRange(Encoding.ASCII.GetByteCount(s), 0, 255));
        return strings;
    }

    /// <summary>Runs <paramref name="test"/> on the generated file (of <paramref name="domain"/> alone for a per-domain
    /// format), written in a fresh directory that is removed afterwards.</summary>
    public static async Task WithFileAsync(DnsFormat format, IReadOnlyList<Deployment> deployments, Func<string, Task> test, Deployment? domain = null)
    {
        var directory = Directory.CreateTempSubdirectory("mtasts-dnstool-").FullName;
        try
        {
            var file = Path.Combine(directory, format.FileName((domain ?? deployments[0]).PolicyDomain));
            File.WriteAllText(file, format.Write(domain is null ? deployments : [domain], "mta-sts.yaml"));
            await test(file);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static string ToolsDirectory => Path.Combine(RepoRoot.Path, "tests", "MtaSts.Tests", "DnsTools");
}

/// <summary>node and the npm packages the tests need (build/npm-tools.sh installs them into artifacts/npm-tools once).</summary>
internal static class NodeTools
{
    private static readonly Lazy<Task<string>> Modules = new(InstallAsync);

    /// <summary>The node_modules directory with @cdktf/hcl2json.</summary>
    public static Task<string> ModulesAsync() => Modules.Value;

    /// <summary>The providers' schemas, as build/npm-tools.sh keeps them (the folders of the cdktf bindings the Terraform
    /// files use).</summary>
    public static async Task<string> ProviderSchemasAsync() =>
        Path.Combine(Path.GetDirectoryName(await ModulesAsync())!, "provider-schemas");

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await Command.RunAsync("node", arguments, RepoRoot.Path, timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.Describe());
        return result.StandardOutput;
    }

    private static async Task<string> InstallAsync()
    {
        var result = await Command.RunAsync("bash", [Path.Combine(RepoRoot.Path, "build", "npm-tools.sh")], RepoRoot.Path, timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.Succeeded, "build/npm-tools.sh failed (node and npm come from build/prerequisites.sh):\n" + result.Describe());
        return Path.Combine(RepoRoot.Path, "artifacts", "npm-tools", "node_modules");
    }
}

/// <summary>The Bicep file compiles with the real Bicep CLI (NuGet Azure.Bicep.CommandLine.linux-x64) without a
/// warning, lints clean, and the ARM template it compiles to holds the zone snippet's records.</summary>
[Trait("Requires", "named-checkzone")]
[Trait("Requires", "bicep")]
public sealed class BicepFileTests
{
    private static string Bicep =>
        typeof(BicepFileTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    [Theory]
    [MemberData(nameof(DnsFormatSamples.Names), MemberType = typeof(DnsFormatSamples))]
    public async Task Bicep_builds_and_lints_without_a_warning_and_holds_the_zone_snippets_records(string sample)
    {
        var deployments = DnsFormatSamples.Get(sample);
        await DnsFormatSamples.WithFileAsync(DnsFormat.Bicep, deployments, async file =>
        {
            var build = await Command.RunAsync(Bicep, ["build", file, "--stdout"], Path.GetDirectoryName(file)!, timeout: TimeSpan.FromMinutes(2));
            Assert.True(build.Succeeded, build.Describe());
            Assert.Equal(build.StandardOutput, build.Output); // nothing on stderr: no warning, no diagnostic
            var lint = await Command.RunAsync(Bicep, ["lint", file], Path.GetDirectoryName(file)!, timeout: TimeSpan.FromMinutes(2));
            Assert.True(lint.Succeeded && lint.Output.Trim().Length == 0, lint.Describe());

            var records = new List<ToolTxtRecord>();
            using var template = JsonDocument.Parse(build.StandardOutput);
            foreach (var resource in template.RootElement.GetProperty("resources").EnumerateArray())
            {
                Assert.Equal("Microsoft.Network/dnsZones/TXT", resource.GetProperty("type").GetString());
                var name = Regex.Match(resource.GetProperty("name").GetString()!, @"^\[format\('\{0\}/\{1\}', '([^']+)', '([^']+)'\)\]$");
                Assert.True(name.Success, resource.GetProperty("name").GetString());
                var properties = resource.GetProperty("properties");
                var strings = Assert.Single(properties.GetProperty("TXTRecords").EnumerateArray()).GetProperty("value").EnumerateArray().Select(s => s.GetString()!).ToList();
                Assert.All(strings, s => Assert.InRange(s.Length, 1, 255));
                records.Add(new ToolTxtRecord(name.Groups[2].Value + "." + name.Groups[1].Value, properties.GetProperty("TTL").GetInt32(), string.Concat(strings)));
            }

            Assert.Equal(await DnsFormatSamples.ZoneRecordsAsync(deployments), records);
        });
    }
}

/// <summary>
/// The Terraform files parse with HashiCorp's HCL parser (npm @cdktf/hcl2json), and the TXT values, read as each
/// provider reads them, equal the zone snippet's: azurerm's whole value, Route 53's quoted strings without the outer
/// quotes the aws provider adds, Cloudflare's quoted strings in one content string.
/// </summary>
[Trait("Requires", "named-checkzone")]
[Trait("Requires", "node")]
[Trait("Requires", "hcl2json")]
public sealed class TerraformFileTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var format in new[] { "terraform-azure", "terraform-aws", "terraform-cloudflare" })
        {
            foreach (var sample in DnsFormatSamples.SampleNames)
            {
                cases.Add(format, sample);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Terraform_parses_as_HCL_and_its_values_are_the_zone_snippets(string formatName, string sample)
    {
        var format = DnsFormat.Find(formatName)!;
        var deployments = DnsFormatSamples.Get(sample);
        await DnsFormatSamples.WithFileAsync(format, deployments, async file =>
        {
            var json = await NodeTools.RunAsync(Path.Combine(DnsFormatSamples.ToolsDirectory, "hcl2json.js"), await NodeTools.ModulesAsync(), file);
            using var parsed = JsonDocument.Parse(json);
            var root = parsed.RootElement;
            var zones = ZoneNames(root);
            Assert.Equal(deployments.Select(d => d.PolicyDomain).Order(), zones.Values.Order());

            var records = new List<ToolTxtRecord>();
            foreach (var type in root.GetProperty("resource").EnumerateObject())
            {
                foreach (var resource in type.Value.EnumerateObject())
                {
                    var body = Assert.Single(resource.Value.EnumerateArray());
                    records.Add(formatName switch
                    {
                        "terraform-azure" => new ToolTxtRecord(
                            Literal(body.GetProperty("name")) + "." + zones[Reference(body.GetProperty("zone_name"), ".name")],
                            body.GetProperty("ttl").GetInt32(),
                            Literal(Assert.Single(body.GetProperty("record").EnumerateArray()).GetProperty("value"))),
                        "terraform-aws" => new ToolTxtRecord(
                            Literal(body.GetProperty("name")),
                            body.GetProperty("ttl").GetInt32(),
                            string.Concat(DnsFormatSamples.Unquote("\"" + Literal(Assert.Single(body.GetProperty("records").EnumerateArray())) + "\""))),
                        _ => new ToolTxtRecord(
                            Literal(body.GetProperty("name")),
                            body.GetProperty("ttl").GetInt32(),
                            string.Concat(DnsFormatSamples.Unquote(Literal(body.GetProperty("content"))))),
                    });
                    if (formatName != "terraform-azure")
                    {
                        Assert.Equal("TXT", Literal(body.GetProperty("type")));
                        var zone = zones[Reference(body.GetProperty("zone_id"), formatName == "terraform-aws" ? ".zone_id" : ".id")];
                        Assert.EndsWith("." + zone, records[^1].Name);
                    }
                }
            }

            // Terraform's JSON (and hcl2json) keys blocks by name, so their order is not the file's.
            Assert.Equal((await DnsFormatSamples.ZoneRecordsAsync(deployments)).OrderBy(r => r.Name, StringComparer.Ordinal), records.OrderBy(r => r.Name, StringComparer.Ordinal));
        });
    }

    /// <summary>The data sources' zone names by their address, <c>data.type.name</c>.</summary>
    private static Dictionary<string, string> ZoneNames(JsonElement root)
    {
        var zones = new Dictionary<string, string>();
        foreach (var type in root.GetProperty("data").EnumerateObject())
        {
            foreach (var data in type.Value.EnumerateObject())
            {
                var body = Assert.Single(data.Value.EnumerateArray());
                var name = body.TryGetProperty("filter", out var filter) ? filter.GetProperty("name") : body.GetProperty("name");
                zones.Add($"data.{type.Name}.{data.Name}", Literal(name));
            }
        }

        return zones;
    }

    /// <summary>
    /// A string in Terraform's JSON syntax as Terraform evaluates it when it is a literal: <c>$${</c> and <c>%%{</c>
    /// are the escapes of <c>${</c> and <c>%{</c>; an unescaped <c>${</c> or <c>%{</c> would be a template sequence,
    /// which a generated value must never contain.
    /// </summary>
    private static string Literal(JsonElement value)
    {
        var text = value.GetString()!;
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '$' or '%' && i + 2 < text.Length && text[i + 1] == text[i] && text[i + 2] == '{')
            {
                literal.Append(text[i]);
                i++;
            }
            else
            {
                Assert.False(text[i] is '$' or '%' && i + 1 < text.Length && text[i + 1] == '{', $"a template sequence in the value {text}");
                literal.Append(text[i]);
            }
        }

        return literal.ToString();
    }

    /// <summary>A reference expression, <c>${data.type.name.attribute}</c>, as the data source's address.</summary>
    private static string Reference(JsonElement value, string attribute)
    {
        var match = Regex.Match(value.GetString()!, @"^\$\{(data\.[a-z0-9_]+\.[a-z0-9_]+)" + Regex.Escape(attribute) + @"\}$");
        Assert.True(match.Success, value.GetString());
        return match.Groups[1].Value;
    }
}

/// <summary>
/// The Terraform files against the providers' own schemas (azurerm 4.55, aws 6.25, cloudflare 5.14, as the prebuilt
/// CDK for Terraform bindings carry them): the resource and data source types exist, every attribute is one the
/// provider has, the required ones are set, and every data source attribute referred to exists.
/// </summary>
[Trait("Requires", "node")]
[Trait("Requires", "hcl2json")]
[Trait("Requires", "provider-schemas")]
public sealed class TerraformSchemaTests
{
    [Theory]
    [InlineData("terraform-azure", "azurerm", "4.")]
    [InlineData("terraform-aws", "aws", "6.")]
    [InlineData("terraform-cloudflare", "cloudflare", "5.")]
    public async Task Terraform_files_use_only_what_the_providers_schema_has(string formatName, string provider, string major)
    {
        await DnsFormatSamples.WithFileAsync(DnsFormat.Find(formatName)!, DnsFormatSamples.Get("many-domains"), async file =>
        {
            var json = await NodeTools.RunAsync(
                Path.Combine(DnsFormatSamples.ToolsDirectory, "tf-schema-check.js"), await NodeTools.ModulesAsync(), await NodeTools.ProviderSchemasAsync(), file);

            using var result = JsonDocument.Parse(json);
            Assert.Empty(result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(2, result.RootElement.GetProperty("checked").GetArrayLength());
            Assert.StartsWith(major, result.RootElement.GetProperty("providers").GetProperty(provider).GetString());
        });
    }
}

/// <summary>The DNSControl file runs in node against a stub of DNSControl's functions, which records the calls.</summary>
[Trait("Requires", "named-checkzone")]
[Trait("Requires", "node")]
public sealed class DnsControlFileTests
{
    [Theory]
    [MemberData(nameof(DnsFormatSamples.Names), MemberType = typeof(DnsFormatSamples))]
    public async Task DnsControl_runs_against_the_stub_with_one_D_per_domain_and_the_zone_snippets_values(string sample)
    {
        var deployments = DnsFormatSamples.Get(sample);
        await DnsFormatSamples.WithFileAsync(DnsFormat.DnsControl, deployments, async file =>
        {
            var json = await NodeTools.RunAsync(Path.Combine(DnsFormatSamples.ToolsDirectory, "dnscontrol-stub.js"), file);

            using var calls = JsonDocument.Parse(json);
            var domains = calls.RootElement.EnumerateArray().ToList();
            Assert.Equal(deployments.Select(d => d.PolicyDomain), domains.Select(d => d.GetProperty("domain").GetString()));
            Assert.All(domains, d =>
            {
                Assert.Equal("none", d.GetProperty("registrar").GetString());
                Assert.Equal("mta-sts", d.GetProperty("provider").GetString());
                Assert.True(d.GetProperty("noPurge").GetBoolean(), "NO_PURGE: the zone's other records stay");
            });
            var records = domains.SelectMany(d => d.GetProperty("records").EnumerateArray().Select(r => new ToolTxtRecord(
                r.GetProperty("label").GetString() + "." + d.GetProperty("domain").GetString(), r.GetProperty("ttl").GetInt32(), r.GetProperty("value").GetString()!)));
            Assert.Equal(await DnsFormatSamples.ZoneRecordsAsync(deployments), records);
        });
    }
}

/// <summary>
/// The octoDNS zone files parse as YAML (YamlDotNet), keep the sorted key order octoDNS enforces, escape every
/// <c>;</c> as octoDNS requires, and hold the zone snippet's values once octoDNS's escapes are read back.
/// </summary>
[Trait("Requires", "named-checkzone")]
public sealed class OctoDnsFileTests
{
    [Theory]
    [MemberData(nameof(DnsFormatSamples.Names), MemberType = typeof(DnsFormatSamples))]
    public async Task OctoDns_zone_files_parse_with_every_semicolon_escaped_and_the_zone_snippets_values(string sample)
    {
        var deployments = DnsFormatSamples.Get(sample);
        var records = new List<ToolTxtRecord>();
        foreach (var deployment in deployments)
        {
            await DnsFormatSamples.WithFileAsync(DnsFormat.OctoDns, deployments, async file =>
            {
                Assert.Equal(deployment.PolicyDomain + ".yaml", Path.GetFileName(file));
                var yaml = new YamlStream();
                yaml.Load(new StringReader(File.ReadAllText(file)));
                var root = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
                var names = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                foreach (var (key, node) in root.Children)
                {
                    var record = (YamlMappingNode)node;
                    Assert.Equal(["ttl", "type", "value"], record.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
                    Assert.Equal("TXT", ((YamlScalarNode)record.Children["type"]).Value);
                    var value = ((YamlScalarNode)record.Children["value"]).Value!;
                    Assert.DoesNotMatch(@"(?<!\\)(\\\\)*;", value); // octoDNS rejects an unescaped ';'
                    records.Add(new ToolTxtRecord(
                        ((YamlScalarNode)key).Value + "." + deployment.PolicyDomain,
                        int.Parse(((YamlScalarNode)record.Children["ttl"]).Value!),
                        Regex.Replace(value, @"\\(.)", "$1")));
                }
            }, deployment);
        }

        Assert.Equal(await DnsFormatSamples.ZoneRecordsAsync(deployments), records);
    }
}
