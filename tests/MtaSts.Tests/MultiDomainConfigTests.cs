using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

/// <summary>The multi-domain form of mta-sts.yaml: <c>defaults:</c> and <c>domains:</c>, each domain validated on its own.</summary>
public class MultiDomainConfigTests
{
    /// <summary>The example.</summary>
    public const string Example = MtaSts.Testing.ValidConfig.MultiDomain;

    [Fact]
    public void Each_domain_gets_the_defaults_and_its_own_overrides_with_where_each_value_was_written()
    {
        var document = ConfigReader.Read(Example, "mta-sts.yaml");

        Assert.Empty(document.Diagnostics);
        Assert.True(document.IsMultiDomain);
        Assert.Equal(["contoso.com", "contoso.co.uk", "münchen-contoso.de", "fabrikam.com"], document.Policies.Select(p => p.Domain!.Value));
        var contoso = document.Policies[0];
        Assert.Equal(new ConfigScalar("enforce", new SourceSpan(2, 9, 2, 16)), contoso.Mode);
        Assert.Equal((7, 3), (contoso.Span.Line, contoso.Span.Column));
        var munich = document.Policies[2];
        Assert.Equal(("testing", 9, 31), (munich.Mode!.Value, munich.Mode.Span.Line, munich.Mode.Span.Column));
        Assert.Equal(3, munich.Mx!.Items[0].Span.Line);
        var fabrikam = document.Policies[3];
        Assert.Equal(["mx1.fabrikam.com"], fabrikam.Mx!.Items.Select(i => i.Value));
        Assert.Equal(["mailto:tls@fabrikam.com"], fabrikam.TlsRptRua!.Items.Select(i => i.Value));
        Assert.Equal("1w", fabrikam.MaxAge!.Value);
    }

    [Fact]
    public void The_example_compiles_to_one_deployment_per_domain_in_file_order_with_idn_converted()
    {
        var result = Compile(Example);

        Assert.Empty(result.Diagnostics);
        Assert.True(result.IsMultiDomain);
        Assert.Equal(["contoso.com", "contoso.co.uk", "xn--mnchen-contoso-gsb.de", "fabrikam.com"], result.Deployments.Select(d => d.PolicyDomain));
        Assert.Equal(PolicyMode.Testing, result.For("XN--MNCHEN-CONTOSO-GSB.DE.")!.Policy.Mode);
        Assert.Equal("v=TLSRPTv1; rua=mailto:tls@fabrikam.com", result.For("fabrikam.com")!.TlsRptRecord!.Value);
        Assert.Equal("v=TLSRPTv1; rua=mailto:tlsrpt@contoso.com", result.For("contoso.co.uk")!.TlsRptRecord!.Value);
    }

    [Theory]
    [InlineData("domains:\n  example.com: {}\n  example.org:\n")]
    [InlineData("domains: {example.com: {mode: testing, mx: [mx.example.com]}, example.org: {mode: testing, mx: [mx.example.com]}}\n")]
    public void A_domain_without_overrides_is_written_as_empty_braces_or_nothing(string domains)
    {
        var yaml = domains.Contains("{mode") ? domains : "defaults: {mode: testing, mx: [mx.example.com]}\n" + domains;

        var result = Compile(yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["example.com", "example.org"], result.Deployments.Select(d => d.PolicyDomain));
    }

    [Fact]
    public void The_single_domain_form_is_still_the_single_domain_form()
    {
        var result = Compile(Valid);

        Assert.False(result.IsMultiDomain);
        Assert.Equal("example.com", Assert.Single(result.Deployments).PolicyDomain);
    }

    [Fact]
    public void Domain_and_domains_together_is_an_error_at_domain()
    {
        var diagnostic = Single("domain: example.com\ndomains:\n  example.org: {mode: testing, mx: [mx.example.org]}\n");

        AssertAt(diagnostic, DiagnosticDescriptors.MixedConfigForms, 1, 1);
        Assert.Contains("'example.com' under 'domains:'", diagnostic.Message);
    }

    [Fact]
    public void Defaults_without_domains_is_an_error_at_defaults()
    {
        var result = Compile("defaults: {max_age: 1d}\ndomain: example.com\nmode: testing\nmx: [mx.example.com]\n");

        AssertAt(Assert.Single(result.Diagnostics), DiagnosticDescriptors.MixedConfigForms, 1, 1);
        Assert.Contains("needs 'domains:'", result.Diagnostics[0].Message);
    }

    [Fact]
    public void A_policy_key_at_the_top_of_the_multi_domain_form_says_it_belongs_under_defaults()
    {
        var result = Compile("mode: testing\ndomains:\n  example.com: {mx: [mx.example.com], mode: testing}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.MixedConfigForms, 1, 1);
        Assert.Contains("under 'defaults:'", diagnostic.Message);
    }

    [Fact]
    public void An_unknown_key_at_the_top_or_in_a_block_is_an_unknown_key_and_a_block_error_names_its_domain()
    {
        var result = Compile("""
            defaults: {mode: testing, mx: [mx.example.com]}
            domians: {}
            domains:
              example.com: {max-age: 1d}
              example.org: {domain: example.org}
            """);

        Assert.Equal(3, result.Diagnostics.Count);
        AssertAt(result.Diagnostics[0], DiagnosticDescriptors.UnknownKey, 2, 1);
        Assert.Contains("Did you mean 'domains'?", result.Diagnostics[0].Message);
        AssertAt(result.Diagnostics[1], DiagnosticDescriptors.UnknownKey, 4, 17);
        Assert.StartsWith("example.com: Unknown key 'max-age'. Did you mean 'max_age'?", result.Diagnostics[1].Message);
        Assert.Equal(new ConfigField("max-age", null, "example.com"), result.Diagnostics[1].Field);
        Assert.StartsWith("example.org: Unknown key 'domain'.", result.Diagnostics[2].Message);
        Assert.Contains("each domain is a key under 'domains:'", result.Diagnostics[2].Message);
        Assert.Empty(result.Deployments);
    }

    [Theory]
    [InlineData("domains:\n", 1)]
    [InlineData("domains: {}\n", 1)]
    public void Domains_must_list_a_domain(string yaml, int line) =>
        AssertAt(Single(yaml), DiagnosticDescriptors.MissingKey, line, 1);

    [Theory]
    [InlineData("domains: [example.com]\n", 1, 10)]
    [InlineData("domains:\n  example.com: testing\n", 2, 16)]
    [InlineData("defaults: testing\ndomains:\n  example.com: {mode: testing, mx: [mx.example.com]}\n", 1, 11)]
    public void Domains_defaults_and_a_domain_block_must_be_mappings(string yaml, int line, int column) =>
        AssertAt(Single(yaml), DiagnosticDescriptors.WrongType, line, column);

    [Fact]
    public void An_override_error_points_into_the_domains_block_and_names_the_domain()
    {
        var result = Compile(Example.Replace("{ mode: testing }", "{ mode: Testing }"));

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.ModeWrongCase, 9, 31);
        Assert.StartsWith("münchen-contoso.de: ", diagnostic.Message);
        Assert.Equal(new ConfigField(ConfigField.Mode, null, "münchen-contoso.de"), diagnostic.Field);
        Assert.Empty(result.Deployments);
    }

    [Fact]
    public void An_inherited_error_is_reported_once_at_the_defaults_value_naming_the_domains_that_inherit_it()
    {
        var result = Compile(Example.Replace("max_age: 1w", "max_age: 10y"));

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidMaxAge, 4, 12);
        Assert.StartsWith("contoso.com, contoso.co.uk, münchen-contoso.de and 1 more domains: ", diagnostic.Message);
        Assert.Equal("contoso.com", diagnostic.Field!.Value.PolicyDomain);
    }

    [Fact]
    public void An_inherited_problem_that_only_some_domains_have_names_only_them()
    {
        // max_age under a day is a warning only with mode enforce: the testing domain does not inherit the problem.
        var result = Compile(Example.Replace("max_age: 1w", "max_age: 1h"));

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.ShortMaxAgeEnforce, 4, 12);
        Assert.StartsWith("contoso.com, contoso.co.uk and fabrikam.com: ", diagnostic.Message);
        Assert.Equal(4, result.Deployments.Count);
    }

    [Fact]
    public void A_missing_value_is_reported_at_each_domain_that_lacks_it()
    {
        var result = Compile("defaults: {mode: testing}\ndomains:\n  example.com: {mx: [mx.example.com]}\n  example.org: {}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.MissingMx, 4, 3);
        Assert.StartsWith("example.org: ", diagnostic.Message);
    }

    [Fact]
    public void A_wrong_type_in_defaults_is_not_also_missing_in_every_domain()
    {
        var result = Compile("defaults: {mode: [testing], mx: [mx.example.com]}\ndomains:\n  example.com: {}\n  example.org: {}\n");

        AssertAt(Assert.Single(result.Diagnostics), DiagnosticDescriptors.WrongType, 1, 18);
    }

    [Theory]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData("example.com", "Example.COM.")]
    [InlineData("example.com", "example.com")]
    public void A_domain_listed_twice_also_in_another_spelling_is_an_error_at_the_second(string first, string second)
    {
        var result = Compile($"defaults: {{mode: testing, mx: [mx.example.com]}}\ndomains:\n  {first}: {{}}\n  \"{second}\": {{mode: enforce}}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.DuplicateDomain, 4, 3);
        Assert.Contains("listed twice", diagnostic.Message);
        Assert.Contains("line 3", diagnostic.Message);
        Assert.Empty(result.Deployments);
    }

    [Fact]
    public void Every_domain_is_validated_and_all_errors_come_at_once_in_line_order()
    {
        var result = Compile("""
            defaults: {mode: testing, mx: [mx.example.com]}
            domains:
              example.com: {mx: ["mail*.example.com"]}
              ex ample.org: {}
              example.net: {ttl: -1}
            """);

        Assert.Equal([DiagnosticDescriptors.InvalidMxWildcard.Code, DiagnosticDescriptors.InvalidDomain.Code, DiagnosticDescriptors.InvalidTtl.Code], result.Diagnostics.Select(d => d.Code));
        Assert.Equal([3, 4, 5], result.Diagnostics.Select(d => d.Span.Line));
        Assert.StartsWith("ex ample.org: ", result.Diagnostics[1].Message);
        Assert.Empty(result.Deployments);
    }

    [Fact]
    public void Each_domain_id_follows_its_own_policy_text_so_a_change_to_one_domain_changes_only_its_id()
    {
        var before = Compile(Example).Deployments;
        var after = Compile(Example.Replace("{ mode: testing }", "{ mode: enforce, max_age: 2w }")).Deployments;

        Assert.Equal(before[0].PolicyId, before[1].PolicyId);
        Assert.NotEqual(before[0].PolicyId, before[2].PolicyId);
        Assert.Equal(PolicyId.FromPolicyText(before[3].PolicyText), before[3].PolicyId);
        Assert.Equal([true, true, false, true], before.Zip(after, (b, a) => b.PolicyId == a.PolicyId));
    }

    [Fact]
    public void The_id_override_applies_to_every_domain()
    {
        var result = Compile(Example, new ValidationOptions { IdOverride = "20260101T000000Z" });

        Assert.All(result.Deployments, d => Assert.Equal("20260101T000000Z", d.PolicyId));
    }

    [Fact]
    public void Names_lists_three_and_counts_the_rest() =>
        Assert.Equal("a.example, b.example, c.example and 2 more domains", ConfigValidator.Names(["a.example", "b.example", "c.example", "d.example", "e.example"]));
}
