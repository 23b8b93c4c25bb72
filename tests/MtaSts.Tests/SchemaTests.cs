using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Json.Schema;
using MtaSts.Configuration;
using MtaSts.Policy;
using YamlDotNet.RepresentationModel;

namespace MtaSts.Tests;

/// <summary>
/// schema/mta-sts.schema.json (for editors' YAML language servers) stays in step with <see cref="ConfigReader"/>: the
/// same keys, the same mode keywords, both forms (<c>domain:</c>, or <c>defaults:</c> + <c>domains:</c>), and every
/// configuration in the repository is valid under both.
/// </summary>
public class SchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoRoot.Path, "schema", "mta-sts.schema.json");

    private static readonly JsonObject SchemaJson = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));

    private static JsonObject Properties => SchemaJson["properties"]!.AsObject();

    /// <summary>The keys of the multi-domain form's top level.</summary>
    private static readonly string[] MultiDomainKeys = ["defaults", "domains"];

    /// <summary>What <c>defaults:</c> and a domain's block may set: every policy key but the domain itself.</summary>
    private static IEnumerable<string> BlockKeys => ConfigReader.KnownKeys.Where(k => k != "domain");

    [Fact]
    public void The_schema_is_draft_07_for_yaml_language_servers()
    {
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)SchemaJson["$schema"]);
        Assert.EndsWith("/schema/mta-sts.schema.json", (string?)SchemaJson["$id"]);
    }

    [Fact]
    public void The_schema_is_valid_under_the_draft_07_meta_schema()
    {
        var result = MetaSchemas.Draft7.Evaluate(JsonDocument.Parse(File.ReadAllText(SchemaPath)).RootElement);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void The_top_level_properties_are_the_readers_known_keys()
    {
        Assert.Equal(ConfigReader.KnownKeys.Concat(MultiDomainKeys).Order(), Properties.Select(p => p.Key).Order());
        Assert.False((bool)SchemaJson["additionalProperties"]!);
    }

    [Fact]
    public void A_domain_block_and_defaults_take_every_key_but_the_domain()
    {
        var block = SchemaJson["definitions"]!["policyBlock"]!.AsObject();
        Assert.Equal(BlockKeys.Order(), block["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.False((bool)block["additionalProperties"]!);
    }

    [Fact]
    public void The_tls_rpt_properties_are_the_readers_known_tls_rpt_keys()
    {
        var tlsRpt = Properties["tls_rpt"]!.AsObject();
        Assert.Equal(ConfigReader.KnownTlsRptKeys.OrderBy(k => k), tlsRpt["properties"]!.AsObject().Select(p => p.Key).OrderBy(k => k));
        Assert.False((bool)tlsRpt["additionalProperties"]!);
    }

    [Fact]
    public void The_mode_enum_is_the_policy_mode_keywords()
    {
        var modes = Properties["mode"]!["enum"]!.AsArray().Select(m => (string?)m);
        Assert.Equal(Enum.GetValues<PolicyMode>().Select(m => m.ToKeyword()), modes);
    }

    [Fact]
    public void Exactly_one_of_domain_and_domains_is_required()
    {
        var forms = SchemaJson["oneOf"]!.AsArray();
        Assert.Equal(2, forms.Count);
        Assert.Equal(["domain", "mode"], forms[0]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["domains"], forms[1]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.False(Evaluate("mode: testing\nmx: [mail.example.com]\n").IsValid);
        Assert.False(Evaluate("domain: example.com\ndomains:\n  example.org: {}\ndefaults: {mode: testing, mx: [mail.example.com]}\n").IsValid);
    }

    [Fact]
    public void Every_property_has_a_description_for_completion()
    {
        Assert.All(Properties, p => Assert.False(string.IsNullOrWhiteSpace((string?)p.Value!["description"]), p.Key));
    }

    /// <summary>Every mta-sts.yaml in the repository (samples, the web generator's own), outside build output.</summary>
    private static List<string> RepositoryConfigFiles() =>
        new[] { "samples", "src" }
            .Select(d => Path.Combine(RepoRoot.Path, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "mta-sts.yaml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> RepositoryConfigs() => new(RepositoryConfigFiles());

    [Theory]
    [MemberData(nameof(RepositoryConfigs))]
    public void Repository_configurations_are_valid_under_the_schema_and_the_reader(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoRoot.Path, file));
        Assert.True(ConfigValidator.Validate(yaml, file).Success);
        AssertSchemaValid(yaml);
    }

    /// <summary>The mta-sts.yaml examples of README.md (both forms), as a user would paste them.</summary>
    public static TheoryData<int, string> ReadmeConfigs()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Path, "README.md"));
        var data = new TheoryData<int, string>();
        foreach (Match block in Regex.Matches(readme, "^```yaml\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            if (Regex.IsMatch(block.Groups[1].Value, "^domains?:", RegexOptions.Multiline))
            {
                data.Add(readme[..block.Index].Count(c => c == '\n') + 1, block.Groups[1].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadmeConfigs))]
    public void The_readme_configurations_are_valid_under_the_schema_and_the_reader(int line, string yaml)
    {
        var result = ConfigValidator.Validate(yaml, "README.md");
        Assert.True(result.Success, $"README.md line {line}:\n" + string.Join("\n", result.Diagnostics));
        AssertSchemaValid(yaml);
    }

    [Fact]
    public void The_readme_shows_both_forms()
    {
        var examples = ReadmeConfigs().Select(row => (string)row[1]).ToList();
        Assert.Contains(examples, yaml => yaml.Contains("\ndomain: ", StringComparison.Ordinal));
        Assert.Contains(examples, yaml => yaml.Contains("\ndomains:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_samples_are_checked()
    {
        Assert.Contains(RepositoryConfigFiles(), file => file.StartsWith("samples/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("domain: example.com\nmode: testing\nmx: [mx1.example.com, \"*.mail.example.com\"]\nmax_age: 1w\nid: auto\ntls_rpt:\n  rua: [mailto:tlsrpt@example.com, https://reports.example.com/v1/tlsrpt]\nttl: 3600\n")]
    [InlineData("domain: bücher.example\nmode: enforce\nmx: mail.bücher.example\nmax_age: 604800\nid: 20260101\nttl: 1h\n")]
    [InlineData("domain: example.com\nmode: none\nmax_age: 1d\nid: timestamp\n")]
    [InlineData("domain: example.com.\nmode: testing\nmx:\n  - mail.example.com\nid: 20260101T000000Z\ntls_rpt:\n  rua: mailto:tlsrpt@example.com\n")]
    public void Configurations_the_reader_accepts_are_valid_under_the_schema(string yaml)
    {
        Assert.True(ConfigValidator.Validate(yaml, "mta-sts.yaml").Success);
        AssertSchemaValid(yaml);
    }

    [Theory]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nmax-age: 1w\n", "unknown key")]
    [InlineData("domain: example.com\nmode: Enforce\nmx: [mail.example.com]\n", "mode case")]
    [InlineData("domain: example.com\nmode: enforce\n", "mx missing")]
    [InlineData("mode: testing\nmx: [mail.example.com]\n", "domain missing")]
    [InlineData("domain: example.com\nmx: [mail.example.com]\n", "mode missing")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nmax_age: one week\n", "max_age text")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nmax_age: 40000000\n", "max_age range")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nid: 2026-01-01\n", "id characters")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nid: abcdefghijabcdefghijabcdefghijabc\n", "id length")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com.]\n", "mx trailing dot")]
    [InlineData("domain: example.com\nmode: testing\nmx: [\"mx*.example.com\"]\n", "mx partial wildcard")]
    [InlineData("domain: example.com\nmode: testing\nmx: []\n", "mx empty")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\ntls_rpt:\n  rua: [tlsrpt@example.com]\n", "rua scheme")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\ntls_rpt: {}\n", "rua missing")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\ntls_rpt:\n  rua: [mailto:a@example.com]\n  ruf: [mailto:a@example.com]\n", "unknown tls_rpt key")]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\nttl: -5\n", "ttl")]
    public void Configurations_the_reader_rejects_are_invalid_under_the_schema(string yaml, string why)
    {
        Assert.False(ConfigValidator.Validate(yaml, "mta-sts.yaml").Success, why);
        Assert.False(Evaluate(yaml).IsValid, why);
    }

    /// <summary>The multi-domain form (issue 11): shared defaults, per-domain overrides, IDN, empty and null blocks.</summary>
    [Theory]
    [InlineData(MtaSts.Testing.ValidConfig.MultiDomain)]
    [InlineData("domains:\n  example.com:\n    mode: testing\n    mx: [mail.example.com]\n  example.org: {mode: none}\n")]
    [InlineData("defaults:\n  mode: testing\n  mx: mail.example.com\n  id: timestamp\n  ttl: 1h\ndomains:\n  example.com:\n  example.org:\n    max_age: 30d\n")]
    public void Multi_domain_configurations_the_reader_accepts_are_valid_under_the_schema(string yaml)
    {
        Assert.True(ConfigValidator.Validate(yaml, "mta-sts.yaml").Success, string.Join("\n", ConfigValidator.Validate(yaml, "mta-sts.yaml").Diagnostics));
        AssertSchemaValid(yaml);
    }

    [Theory]
    [InlineData("domain: example.com\nmode: testing\nmx: [mail.example.com]\ndomains:\n  example.org: {}\n", "domain and domains")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\n", "domains missing")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains: {}\n", "domains empty")]
    [InlineData("mode: testing\nmx: [mail.example.com]\ndomains:\n  example.com: {}\n", "policy keys at the top level")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains:\n  example.com: {domain: example.com}\n", "domain in a block")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains:\n  example.com: {max-age: 1w}\n", "unknown key in a block")]
    [InlineData("defaults: {mode: Enforce, mx: [mail.example.com]}\ndomains:\n  example.com: {}\n", "mode case in defaults")]
    [InlineData("defaults: {mx: [mail.example.com]}\ndomains:\n  example.com: {mode: testing}\n  example.org: {}\n", "no mode for one domain")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains:\n  example.com: {ttl: -5}\n", "ttl in a block")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains:\n  \"user@example.com\": {}\n", "not a domain")]
    [InlineData("defaults: {mode: testing, mx: [mail.example.com]}\ndomains: [example.com, example.org]\n", "domains as a list")]
    public void Multi_domain_configurations_the_reader_rejects_are_invalid_under_the_schema(string yaml, string why)
    {
        Assert.False(ConfigValidator.Validate(yaml, "mta-sts.yaml").Success, why);
        Assert.False(Evaluate(yaml).IsValid, why);
    }

    [Fact]
    public void Generated_configurations_the_reader_accepts_are_valid_under_the_schema()
    {
        var label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12];
        var host = Gen.Select(label, label).Select((a, b) => $"{a}.{b}.example");
        var duration = Gen.Select(Gen.Int[0, 365], Gen.OneOf("", "s", "m", "h", "d", "w")).Select((n, unit) => n + unit);
        Gen.Select(Gen.Enum<PolicyMode>(), host.Array[0, 3], duration, Gen.OneOf("auto", "timestamp", "A1b2", "20260101"), duration)
            .Sample((mode, mx, maxAge, id, ttl) =>
            {
                var yaml = $"domain: example.com\nmode: {mode.ToKeyword()}\n" +
                    (mx.Length == 0 ? "" : $"mx: [{string.Join(", ", mx)}]\n") +
                    $"max_age: {maxAge}\nid: {id}\nttl: {ttl}\n";
                if (ConfigValidator.Validate(yaml, "mta-sts.yaml").Success)
                {
                    AssertSchemaValid(yaml);
                }
            }, iter: 200);
    }

    [Fact]
    public void Generated_multi_domain_configurations_the_reader_accepts_are_valid_under_the_schema()
    {
        var label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12];
        var domain = label.Select(l => l + ".example");
        var block = Gen.Select(Gen.Enum<PolicyMode>().Array[0, 1], label.Array[0, 2], Gen.OneOf("", "max_age: 1d", "ttl: 60", "id: A1b2"))
            .Select((mode, mx, other) => string.Join(", ", new[]
            {
                mode.Length == 0 ? "" : $"mode: {mode[0].ToKeyword()}",
                mx.Length == 0 ? "" : $"mx: [{string.Join(", ", mx.Select(m => m + ".mx.example"))}]",
                other,
            }.Where(part => part.Length > 0)));
        var accepted = 0;
        Gen.Select(block, Gen.Select(domain, block).Array[1, 4])
            .Sample((defaults, domains) =>
            {
                var yaml = $"defaults: {{{defaults}}}\ndomains:\n" + string.Concat(domains.Select(d => $"  {d.Item1}: {{{d.Item2}}}\n"));
                if (ConfigValidator.Validate(yaml, "mta-sts.yaml").Success)
                {
                    Interlocked.Increment(ref accepted);
                    AssertSchemaValid(yaml);
                }
            }, iter: 200);

        // The generator must reach valid configurations, or the property above proves nothing.
        Assert.True(accepted > 20, $"only {accepted} of 200 generated configurations were valid");
    }

    private static void AssertSchemaValid(string yaml)
    {
        var result = Evaluate(yaml);
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, "Not valid under the schema:\n" + string.Join("\n", errors) + "\n---\n" + yaml);
    }

    private static EvaluationResults Evaluate(string yaml) =>
        Schema.Evaluate(JsonSerializer.SerializeToElement(YamlToJson.Convert(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
}

/// <summary>YAML to JSON as YAML language servers see it: plain scalars typed by the YAML 1.2 core schema.</summary>
internal static class YamlToJson
{
    private static readonly Regex Integer = new(@"^[-+]?[0-9]+$");
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Node(stream.Documents[0].RootNode);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Node(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Node).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer.IsMatch(value) && long.TryParse(value, out var n) => JsonValue.Create(n),
            _ when Float.IsMatch(value) => JsonValue.Create(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }
}
