using System.Text.Json;
using System.Text.RegularExpressions;
using MtaSts.Dns;
using MtaSts.Testing;
using YamlDotNet.RepresentationModel;

namespace MtaSts.Tests;

/// <summary>
/// The Policy Host CNAME (<see cref="OutputOptions.PolicyHostCname"/>) as each DNS tool reads it from its file: BIND
/// loads the zone snippet, the Bicep CLI builds and lints the Bicep, the Terraform files parse as HCL and fit the
/// providers' schemas, the DNSControl file runs against the stub, and the octoDNS file parses as YAML. Every tool must
/// read <c>mta-sts.&lt;domain&gt;</c> pointing to the same target for every domain.
/// </summary>
[Trait("Requires", "named-checkzone")]
[Trait("Requires", "bicep")]
[Trait("Requires", "node")]
[Trait("Requires", "hcl2json")]
[Trait("Requires", "provider-schemas")]
public sealed class PolicyHostCnameToolTests
{
    private const string Target = "policy.example.net";

    private static IReadOnlyList<Deployment> Deployments => DnsFormatSamples.Get("many-domains");

    private static string Bicep =>
        typeof(BicepFileTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    /// <summary>The CNAMEs every tool must read: owner (no root dot) to target (no root dot), with the TTL.</summary>
    private static IEnumerable<(string Owner, int Ttl, string Target)> Expected =>
        Deployments.Select(d => (d.PolicyHost, d.Ttl, Target)).OrderBy(r => r.PolicyHost, StringComparer.Ordinal);

    private static Task WithFileAsync(DnsFormat format, Func<string, Task> test, Deployment? domain = null) =>
        WithTextAsync(format.FileName((domain ?? Deployments[0]).PolicyDomain), format.Write(domain is null ? Deployments : [domain], "mta-sts.yaml", Target), test);

    private static async Task WithTextAsync(string name, string text, Func<string, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("mtasts-cnametool-").FullName;
        try
        {
            var file = Path.Combine(directory, name);
            File.WriteAllText(file, text);
            await test(file);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Bind_loads_the_zone_snippet_with_the_cname()
    {
        var read = new List<(string, int, string)>();
        foreach (var deployment in Deployments)
        {
            var snippet = DnsFormat.Zone.Write([deployment], "mta-sts.yaml", Target);
            await WithTextAsync("zone", $"$ORIGIN {deployment.PolicyDomain}.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n{snippet}", async zone =>
            {
                var result = await Command.RunAsync("named-checkzone", ["-q", "-D", "-o", "-", deployment.PolicyDomain, zone], Path.GetDirectoryName(zone)!, timeout: TimeSpan.FromSeconds(30));
                Assert.True(result.Succeeded, result.Describe());
                foreach (var line in result.StandardOutput.Split('\n'))
                {
                    var fields = Regex.Split(line.Trim(), @"\s+");
                    if (fields.Length == 5 && fields[3] == "CNAME")
                    {
                        read.Add((fields[0].TrimEnd('.'), int.Parse(fields[1]), fields[4].TrimEnd('.')));
                        Assert.EndsWith(".", fields[4]);
                    }
                }
            });
            Assert.Equal(2 + (deployment.TlsRptRecord is null ? 0 : 1), snippet.Split('\n').Count(l => l.Length > 0 && !l.StartsWith(';')));
        }

        Assert.Equal(Expected, read.OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bicep_builds_and_lints_without_a_warning_with_the_cname()
    {
        await WithFileAsync(DnsFormat.Bicep, async file =>
        {
            var build = await Command.RunAsync(Bicep, ["build", file, "--stdout"], Path.GetDirectoryName(file)!, timeout: TimeSpan.FromMinutes(2));
            Assert.True(build.Succeeded, build.Describe());
            Assert.Equal(build.StandardOutput, build.Output);
            var lint = await Command.RunAsync(Bicep, ["lint", file], Path.GetDirectoryName(file)!, timeout: TimeSpan.FromMinutes(2));
            Assert.True(lint.Succeeded && lint.Output.Trim().Length == 0, lint.Describe());

            using var template = JsonDocument.Parse(build.StandardOutput);
            var read = new List<(string, int, string)>();
            foreach (var resource in template.RootElement.GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("type").GetString() == "Microsoft.Network/dnsZones/CNAME"))
            {
                var name = Regex.Match(resource.GetProperty("name").GetString()!, @"^\[format\('\{0\}/\{1\}', '([^']+)', '([^']+)'\)\]$");
                Assert.True(name.Success, resource.GetProperty("name").GetString());
                var properties = resource.GetProperty("properties");
                read.Add((name.Groups[2].Value + "." + name.Groups[1].Value, properties.GetProperty("TTL").GetInt32(), properties.GetProperty("CNAMERecord").GetProperty("cname").GetString()!));
            }

            Assert.Equal(Expected, read.OrderBy(r => r.Item1, StringComparer.Ordinal));
        });
    }

    [Theory]
    [InlineData("terraform-azure", "azurerm", "azurerm_dns_cname_record")]
    [InlineData("terraform-aws", "aws", "aws_route53_record")]
    [InlineData("terraform-cloudflare", "cloudflare", "cloudflare_dns_record")]
    public async Task Terraform_parses_and_fits_the_providers_schema_with_the_cname(string formatName, string provider, string resourceType)
    {
        await WithFileAsync(DnsFormat.Find(formatName)!, async file =>
        {
            var schema = await NodeTools.RunAsync(
                Path.Combine(DnsFormatSamples.ToolsDirectory, "tf-schema-check.js"), await NodeTools.ModulesAsync(), await NodeTools.ProviderSchemasAsync(), file);
            using (var result = JsonDocument.Parse(schema))
            {
                Assert.Empty(result.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
                Assert.Contains("resource " + resourceType, result.RootElement.GetProperty("checked").EnumerateArray().Select(e => e.GetString()));
                Assert.True(result.RootElement.GetProperty("providers").TryGetProperty(provider, out _));
            }

            var json = await NodeTools.RunAsync(Path.Combine(DnsFormatSamples.ToolsDirectory, "hcl2json.js"), await NodeTools.ModulesAsync(), file);
            using var parsed = JsonDocument.Parse(json);
            var read = new List<(string, int, string)>();
            foreach (var resource in parsed.RootElement.GetProperty("resource").GetProperty(resourceType).EnumerateObject().Where(r => r.Name.StartsWith("policy_host_", StringComparison.Ordinal)))
            {
                var body = Assert.Single(resource.Value.EnumerateArray());
                var ttl = body.GetProperty("ttl").GetInt32();
                switch (formatName)
                {
                    case "terraform-azure":
                        var zone = Regex.Match(body.GetProperty("zone_name").GetString()!, @"^\$\{data\.azurerm_dns_zone\.zone_([a-z0-9_]+)\.name\}$");
                        Assert.True(zone.Success);
                        Assert.Equal("mta-sts", body.GetProperty("name").GetString());
                        var zoneName = Assert.Single(parsed.RootElement.GetProperty("data").GetProperty("azurerm_dns_zone").GetProperty("zone_" + zone.Groups[1].Value).EnumerateArray()).GetProperty("name").GetString()!;
                        read.Add(("mta-sts." + zoneName, ttl, body.GetProperty("record").GetString()!));
                        break;
                    case "terraform-aws":
                        Assert.Equal("CNAME", body.GetProperty("type").GetString());
                        read.Add((body.GetProperty("name").GetString()!, ttl, Assert.Single(body.GetProperty("records").EnumerateArray()).GetString()!));
                        break;
                    default:
                        Assert.Equal("CNAME", body.GetProperty("type").GetString());
                        Assert.False(body.GetProperty("proxied").GetBoolean(), "a proxied record would let Cloudflare answer TLS");
                        read.Add((body.GetProperty("name").GetString()!, ttl, body.GetProperty("content").GetString()!));
                        break;
                }
            }

            Assert.Equal(Expected, read.OrderBy(r => r.Item1, StringComparer.Ordinal));
        });
    }

    [Fact]
    public async Task DnsControl_runs_against_the_stub_with_the_cname_in_each_D()
    {
        await WithFileAsync(DnsFormat.DnsControl, async file =>
        {
            var json = await NodeTools.RunAsync(Path.Combine(DnsFormatSamples.ToolsDirectory, "dnscontrol-stub.js"), file);
            using var calls = JsonDocument.Parse(json);
            var read = calls.RootElement.EnumerateArray().SelectMany(d => d.GetProperty("records").EnumerateArray()
                .Where(r => r.GetProperty("type").GetString() == "CNAME")
                .Select(r => (r.GetProperty("label").GetString() + "." + d.GetProperty("domain").GetString(), r.GetProperty("ttl").GetInt32(), r.GetProperty("value").GetString()!.TrimEnd('.'))))
                .ToList();
            Assert.Equal(Expected, read.OrderBy(r => r.Item1, StringComparer.Ordinal));
        });

        await WithTextAsync("bad.js", "D(\"example.com\", NewRegistrar(\"none\"), CNAME(\"mta-sts\", \"policy.example.net\"));", async file =>
        {
            var result = await Command.RunAsync("node", [Path.Combine(DnsFormatSamples.ToolsDirectory, "dnscontrol-stub.js"), file], RepoRoot.Path, timeout: TimeSpan.FromMinutes(1));
            Assert.False(result.Succeeded, "the stub refuses a CNAME target without its root dot");
        });
    }

    [Fact]
    public async Task OctoDns_zone_files_parse_with_the_cname_last_in_sorted_order()
    {
        var read = new List<(string, int, string)>();
        foreach (var deployment in Deployments)
        {
            await WithFileAsync(DnsFormat.OctoDns, file =>
            {
                var yaml = new YamlStream();
                yaml.Load(new StringReader(File.ReadAllText(file)));
                var root = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
                var names = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                var record = (YamlMappingNode)root.Children[new YamlScalarNode("mta-sts")];
                Assert.Equal(["ttl", "type", "value"], record.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
                Assert.Equal("CNAME", ((YamlScalarNode)record.Children["type"]).Value);
                var value = ((YamlScalarNode)record.Children["value"]).Value!;
                Assert.EndsWith(".", value); // octoDNS requires a fully qualified CNAME value
                read.Add(("mta-sts." + deployment.PolicyDomain, int.Parse(((YamlScalarNode)record.Children["ttl"]).Value!), value.TrimEnd('.')));
                return Task.CompletedTask;
            }, deployment);
        }

        Assert.Equal(Expected, read.OrderBy(r => r.Item1, StringComparer.Ordinal));
    }
}
