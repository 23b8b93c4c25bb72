using CsCheck;
using MtaSts.Configuration;
using MtaSts.Diagnostics;

namespace MtaSts.Cli.Tests;

/// <summary>ConfigWriter (core) is used by 'mta-sts init' and the web generator: what it writes must read back as written.</summary>
public class ConfigWriterTests
{
    private static readonly PolicyConfig Full = new()
    {
        Domain = "example.com",
        Mode = "testing",
        Mx = ConfigList.Of("mx1.example.com", "*.mail.example.com"),
        MaxAge = "1w",
        Id = "timestamp",
        TlsRptRua = ConfigList.Of("mailto:tlsrpt@example.com", "https://reports.example.com/v1/tlsrpt"),
        Ttl = "300",
    };

    [Fact]
    public void Written_config_reads_back_to_the_same_values_with_no_diagnostics()
    {
        var document = ConfigReader.Read(ConfigWriter.Write(Full), "mta-sts.yaml");

        Assert.Empty(document.Diagnostics);
        AssertSameValues(Full, Assert.Single(document.Policies));
    }

    [Fact]
    public void Any_values_read_back_unchanged()
    {
        // Everything YAML treats specially, spaces, quotes, backslashes, non-ASCII and astral characters.
        var character = Gen.OneOf(
            Gen.Char["abcxyz019.-_*&!|>'\"%@`#,[]{}:?~=+/\\ "],
            Gen.Char['\u00A0', '\u024F'],
            Gen.Char["ü中ß\u2028\u2029\uFEFF\u00AD"]);
        var text = Gen.OneOf(
            character.Array[0, 12].Select(c => new string(c)),
            Gen.OneOf<string>("null", "~", "Null", "true", "no", "", " ", "-", "- a", "a: b", "a #b", "*.x", "&a", "!tag", "'q'", "0x1F", "1e3", "😀"));
        var scalar = text.Null(0.15);
        var list = text.Array[0, 3].Null(0.25);
        var gen = Gen.Select(scalar, scalar, list, scalar, scalar, list, scalar, (domain, mode, mx, maxAge, id, rua, ttl) => new PolicyConfig
        {
            Domain = domain is null ? null : new ConfigScalar(domain),
            Mode = mode is null ? null : new ConfigScalar(mode),
            Mx = mx is null ? null : ConfigList.Of(mx),
            MaxAge = maxAge is null ? null : new ConfigScalar(maxAge),
            Id = id is null ? null : new ConfigScalar(id),
            TlsRptRua = rua is null ? null : ConfigList.Of(rua),
            Ttl = ttl is null ? null : new ConfigScalar(ttl),
        });

        gen.Sample(config =>
        {
            var yaml = ConfigWriter.Write(config);
            var document = ConfigReader.Read(yaml, "mta-sts.yaml");
            var problems = document.Diagnostics.Where(d => d.Descriptor != DiagnosticDescriptors.ConfigFileEmpty).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + yaml);
            if (document.Policies.Count == 1)
            {
                AssertSameValues(config, document.Policies[0]);
            }
            else
            {
                // Only a config with every key absent writes nothing but comments.
                Assert.True(config.Domain is null && config.Mode is null && config.Mx is null && config.MaxAge is null
                    && config.Id is null && config.TlsRptRua is null && config.Ttl is null, yaml);
            }
        }, iter: 2000);
    }

    [Fact]
    public void First_line_points_editors_at_the_schema()
    {
        var firstLine = ConfigWriter.Write(Full).Split('\n')[0];

        Assert.Equal("# yaml-language-server: $schema=https://raw.githubusercontent.com/mtasts-build/MtaSts.Build/main/schema/mta-sts.schema.json", firstLine);
    }

    [Fact]
    public void Wildcard_mx_pattern_is_quoted()
    {
        Assert.Contains("\n  - \"*.mail.example.com\"\n", ConfigWriter.Write(Full));
    }

    [Fact]
    public void Plain_values_stay_unquoted()
    {
        var yaml = ConfigWriter.Write(Full);

        Assert.Contains("\ndomain: example.com\n", yaml);
        Assert.Contains("\n  - mx1.example.com\n", yaml);
        Assert.Contains("\n    - mailto:tlsrpt@example.com\n", yaml);
        Assert.Contains("\nmax_age: 1w\n", yaml);
    }

    [Fact]
    public void Every_key_is_explained_by_a_comment_above_it()
    {
        var lines = ConfigWriter.Write(Full).Split('\n');

        foreach (var key in new[] { "domain:", "mode:", "mx:", "max_age:", "id:", "tls_rpt:", "ttl:" })
        {
            var index = Array.FindIndex(lines, l => l.StartsWith(key, StringComparison.Ordinal));
            Assert.True(index > 0, key);
            Assert.StartsWith("# ", lines[index - 1]);
        }
    }

    [Fact]
    public void Mode_comment_gives_the_rollout_advice()
    {
        var yaml = ConfigWriter.Write(Full);

        Assert.Contains("Roll out with 'testing'", yaml);
        Assert.Contains("then switch to 'enforce'", yaml);
    }

    [Fact]
    public void Absent_optional_keys_are_commented_examples_and_stay_absent()
    {
        var config = new PolicyConfig { Domain = "example.com", Mode = "testing", Mx = ConfigList.Of("mx.example.com") };

        var yaml = ConfigWriter.Write(config);
        var read = Assert.Single(ConfigReader.Read(yaml).Policies);

        Assert.Contains("\n# id: auto\n", yaml);
        Assert.Contains("\n# tls_rpt:\n", yaml);
        Assert.Contains("\n# ttl: 3600\n", yaml);
        Assert.Null(read.Id);
        Assert.Null(read.TlsRptRua);
        Assert.Null(read.Ttl);
        Assert.Null(read.MaxAge);
    }

    [Fact]
    public void A_line_break_in_a_value_cannot_inject_a_key()
    {
        var config = Full with { Domain = "example.com\nmode: enforce" };

        var yaml = ConfigWriter.Write(config);
        var document = ConfigReader.Read(yaml, "mta-sts.yaml");
        var result = ConfigValidator.Validate(yaml, "mta-sts.yaml");

        // The value stays one (escaped) line: 'mode' is still testing, and validation refuses the control character.
        Assert.Equal("testing", document.Policies[0].Mode!.Value);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ControlCharacter, diagnostic.Descriptor);
        Assert.Equal(new ConfigField(ConfigField.Domain), diagnostic.Field);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("a: b")]
    [InlineData("#x")]
    [InlineData("trailing:")]
    public void Values_yaml_would_misread_are_quoted(string value)
    {
        Assert.StartsWith("\"", ConfigWriter.Quote(value));
    }

    private static void AssertSameValues(PolicyConfig expected, PolicyConfig actual)
    {
        Assert.Equal(expected.Domain?.Value, actual.Domain?.Value);
        Assert.Equal(expected.Mode?.Value, actual.Mode?.Value);
        Assert.Equal(expected.Mx?.Items.Select(i => i.Value), actual.Mx?.Items.Select(i => i.Value));
        Assert.Equal(expected.MaxAge?.Value, actual.MaxAge?.Value);
        Assert.Equal(expected.Id?.Value, actual.Id?.Value);
        Assert.Equal(expected.TlsRptRua?.Items.Select(i => i.Value), actual.TlsRptRua?.Items.Select(i => i.Value));
        Assert.Equal(expected.Ttl?.Value, actual.Ttl?.Value);
    }
}
