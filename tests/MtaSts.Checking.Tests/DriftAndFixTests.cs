using System.Text;
using MtaSts.Configuration;
using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Checking.Tests;

/// <summary>Step 5 (is what is live what mta-sts.yaml generates?) and the fix a failed check prints.</summary>
public class DriftAndFixTests
{
    private const string Yaml = "domain: example.com\nmode: enforce\nmx: [mx1.example.com]\nmax_age: 1w\ntls_rpt:\n  rua: [mailto:tlsrpt@example.com]\n";
    private const string Generated = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";

    private static (List<Finding> Findings, Deployment? Generated) Drift(string yaml, string served, string? id, params string[] rua)
    {
        var bytes = Encoding.ASCII.GetBytes(served);
        return Checking.DriftCheck.AgainstConfig(ConfigReader.Read(yaml, "mta-sts.yaml"), "example.com",
            new Checking.DriftCheck.Live(bytes, PolicyLinter.Lint(bytes), id, rua));
    }

    private static IEnumerable<string?> Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).Where(c => c is not null);

    [Fact]
    public void What_the_configuration_generates_is_live()
    {
        var (findings, generated) = Drift(Yaml, Generated, PolicyId.FromPolicyText(Generated), "mailto:tlsrpt@example.com");

        Assert.Empty(Codes(findings));
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings).Status);
        Assert.Equal(Generated, generated!.PolicyText);
    }

    [Fact]
    public void A_multi_domain_configuration_is_compared_with_the_checked_domain_s_own_policy()
    {
        var yaml = "defaults: {mode: testing, mx: [mx1.example.com], id: 1a}\ndomains:\n  example.org: {}\n  example.com: {mode: enforce, id: 2b, tls_rpt: {rua: [mailto:tlsrpt@example.com]}}\n";

        var (findings, generated) = Drift(yaml, Generated, "2b", "mailto:tlsrpt@example.com");

        Assert.Empty(Codes(findings));
        Assert.Equal(("example.com", "2b"), (generated!.PolicyDomain, generated.PolicyId));
        Assert.Equal(["MTASTS7122"], Codes(Drift(yaml, Generated, "1a", "mailto:tlsrpt@example.com").Findings));
    }

    [Fact]
    public void A_multi_domain_configuration_without_the_checked_domain_names_the_domains_it_configures()
    {
        var (findings, generated) = Drift("defaults: {mode: testing, mx: [mx1.example.com]}\ndomains:\n  example.org: {}\n  example.net: {}\n", Generated, null);

        Assert.Null(generated);
        var finding = Assert.Single(findings, f => f.Code == "MTASTS7124");
        Assert.Contains("configures example.org, example.net, not 'example.com'", finding.Message);
    }

    [Fact]
    public void A_policy_edited_without_a_new_id_is_named()
    {
        var edited = Generated.Replace("mx: mx1.example.com\r\n", "mx: mx1.example.com\r\nmx: mx9.example.com\r\n", StringComparison.Ordinal);

        var (findings, _) = Drift(Yaml, edited, PolicyId.FromPolicyText(Generated), "mailto:tlsrpt@example.com");

        Assert.Equal(["MTASTS7120", "MTASTS7121"], Codes(findings));
        Assert.Contains("it has mx mx9.example.com, which the configuration does not", findings[0].Message);
        Assert.Contains("the policy changed but the id did not", findings[1].Message);
        Assert.Contains(PolicyId.FromPolicyText(edited), findings[1].Message);
    }

    [Fact]
    public void Mode_and_max_age_differences_are_listed_field_by_field()
    {
        var served = "version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmax_age: 86400\r\n";

        var (findings, _) = Drift(Yaml, served, PolicyId.FromPolicyText(served), "mailto:tlsrpt@example.com");

        var drift = Assert.Single(findings, f => f.Code == "MTASTS7120");
        Assert.Contains("mode is 'testing', the configuration says 'enforce'", drift.Message);
        Assert.Contains("max_age is 86400, the configuration says 604800", drift.Message);
    }

    [Fact]
    public void Served_mx_patterns_compare_as_the_linter_parsed_them_case_aside()
    {
        // RFC 8461 §4.1 compares names case-insensitively: 'MX1.Example.com' is the configured pattern, not drift in mx.
        var served = Generated.Replace("mx: mx1.example.com", "mx: MX1.Example.com", StringComparison.Ordinal);

        var (findings, _) = Drift(Yaml, served, PolicyId.FromPolicyText(served), "mailto:tlsrpt@example.com");

        var drift = Assert.Single(findings, f => f.Code == "MTASTS7120");
        Assert.DoesNotContain("it has mx", drift.Message);
        Assert.DoesNotContain("it lacks mx", drift.Message);
    }

    [Fact]
    public void Line_endings_alone_are_drift_too()
    {
        var served = Generated.Replace("\r\n", "\n", StringComparison.Ordinal);

        var (findings, _) = Drift(Yaml, served, PolicyId.FromPolicyText(served), "mailto:tlsrpt@example.com");

        Assert.Contains("the line endings differ", Assert.Single(findings, f => f.Code == "MTASTS7120").Message);
    }

    [Fact]
    public void A_literal_id_must_be_the_published_one()
    {
        var (findings, _) = Drift(Yaml + "id: 20260101T000000Z\n", Generated, "20250101T000000Z", "mailto:tlsrpt@example.com");

        Assert.Equal(["MTASTS7122"], Codes(findings));
    }

    [Fact]
    public void Timestamp_ids_keep_the_published_id_while_the_policy_is_unchanged()
    {
        var (findings, generated) = Drift(Yaml + "id: timestamp\n", Generated, "20250101T000000Z", "mailto:tlsrpt@example.com");

        Assert.Empty(Codes(findings));
        Assert.Equal("20250101T000000Z", generated!.PolicyId);
    }

    [Fact]
    public void TLS_RPT_destinations_are_compared()
    {
        Assert.Equal(["MTASTS7123"], Codes(Drift(Yaml, Generated, PolicyId.FromPolicyText(Generated), "mailto:old@example.com").Findings));
        Assert.Equal(["MTASTS7123"], Codes(Drift(Yaml, Generated, PolicyId.FromPolicyText(Generated)).Findings));
    }

    [Fact]
    public void A_configuration_for_another_domain_is_refused_and_its_own_errors_reported()
    {
        Assert.Equal(["MTASTS7124"], Codes(Drift(Yaml.Replace("example.com\n", "other.example\n", StringComparison.Ordinal), Generated, null).Findings));
        Assert.Contains("MTASTS3002", Codes(Drift(Yaml.Replace("enforce", "enforcing", StringComparison.Ordinal), Generated, null).Findings));
    }

    [Fact]
    public void The_fix_from_the_live_MX_set_keeps_matching_patterns_and_adds_uncovered_hosts()
    {
        var served = PolicyLinter.Lint("version: STSv1\r\nmode: enforce\r\nmx: *.mail.example.com\r\nmx: old.example.com\r\nmax_age: 1209600\r\n");
        var live = new List<MxRecordFact> { new(10, "a.mail.example.com"), new(20, "backup.example.net") };

        var fix = CheckFix.FromLive("example.com", live, served, ["mailto:tlsrpt@example.com"])!;

        Assert.Equal("live", fix.Source);
        Assert.Equal("version: STSv1\r\nmode: enforce\r\nmx: *.mail.example.com\r\nmx: backup.example.net\r\nmax_age: 1209600\r\n", fix.PolicyText);
        Assert.Equal($"v=STSv1; id={PolicyId.FromPolicyText(fix.PolicyText)};", fix.StsRecordValue);
        Assert.Equal("v=TLSRPTv1; rua=mailto:tlsrpt@example.com", fix.TlsRptRecordValue);

        // The YAML it prints generates exactly that policy.
        Assert.Equal(fix.PolicyText, ConfigValidator.Validate(fix.Yaml!, "mta-sts.yaml").Deployment!.PolicyText);
    }

    [Fact]
    public void Without_a_readable_policy_the_fix_starts_in_testing_with_every_live_host()
    {
        var fix = CheckFix.FromLive("example.com", [new(10, "mx1.example.com")], null, null)!;

        Assert.Equal("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n", fix.PolicyText);
        Assert.Null(fix.TlsRptRecordName);
        Assert.Null(CheckFix.FromLive("example.com", [], null, null));
    }

    private static List<Finding> Expected(string served, string? publishedId, string builtId = "abc123", string built = Generated,
        string? builtRpt = null, IReadOnlyList<string>? publishedRua = null)
    {
        var bytes = Encoding.ASCII.GetBytes(served);
        return Checking.DriftCheck.AgainstBuild("example.com", new ExpectedPolicy(builtId, built, "this site's build") { TlsRptRecord = builtRpt },
            new Checking.DriftCheck.Live(bytes, PolicyLinter.Lint(bytes), publishedId, publishedRua));
    }

    private const string BuiltRpt = "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://example.com/tlsrpt";

    [Fact]
    public void The_built_TLS_RPT_destinations_published_in_any_order_are_live()
    {
        var findings = Expected(Generated, "abc123", builtRpt: BuiltRpt, publishedRua: ["https://example.com/tlsrpt", "mailto:tlsrpt@example.com"]);

        Assert.Empty(Codes(findings));
        Assert.Equal("The live policy, id abc123 and TLS-RPT record are what this site's build has.", Assert.Single(findings).Message);
    }

    [Fact]
    public void Other_or_no_published_TLS_RPT_destinations_are_the_same_drift_as_against_the_configuration()
    {
        var other = Assert.Single(Expected(Generated, "abc123", builtRpt: BuiltRpt, publishedRua: ["mailto:old@example.com"]));
        var none = Assert.Single(Expected(Generated, "abc123", builtRpt: BuiltRpt));

        Assert.Equal(("MTASTS7123", "_smtp._tls.example.com"), (other.Code, other.Subject));
        Assert.Equal(
            "this site's build sends TLS reports to mailto:tlsrpt@example.com, https://example.com/tlsrpt, but it publishes rua mailto:old@example.com. "
            + $"Publish _smtp._tls.example.com TXT \"{BuiltRpt}\".",
            other.Message);
        Assert.Equal("MTASTS7123", none.Code);
        Assert.Contains("but no valid TLS-RPT record is published", none.Message);
    }

    [Fact]
    public void Without_a_built_TLS_RPT_record_the_published_one_is_not_compared()
    {
        Assert.Empty(Codes(Expected(Generated, "abc123", publishedRua: ["mailto:anyone@example.com"])));
    }

    [Fact]
    public void What_a_build_produced_is_live()
    {
        var findings = Expected(Generated, "abc123");

        Assert.Empty(Codes(findings));
        Assert.Equal("The live policy and id abc123 are what this site's build has.", Assert.Single(findings).Message);
    }

    [Fact]
    public void A_published_id_other_than_the_built_one_is_id_drift_with_the_record_to_publish()
    {
        var finding = Assert.Single(Expected(Generated, "20200101T000000Z"));

        Assert.Equal("MTASTS7122", finding.Code);
        Assert.Equal("_mta-sts.example.com", finding.Subject);
        Assert.StartsWith("_mta-sts.example.com publishes id 20200101T000000Z, but this site's build has id abc123", finding.Message);
        Assert.Contains("Publish _mta-sts.example.com TXT \"v=STSv1; id=abc123;\"", finding.Message);
    }

    [Theory]
    [InlineData("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n", "mode is 'testing', the configuration says 'enforce'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n", "the line endings differ")]
    public void A_served_policy_other_than_the_built_bytes_is_policy_drift(string served, string difference)
    {
        var finding = Assert.Single(Expected(served, "abc123"));

        Assert.Equal("MTASTS7120", finding.Code);
        Assert.Contains($"The policy served at https://mta-sts.example.com/.well-known/mta-sts.txt is not the one this site's build has: {difference}.", finding.Message);
    }

    [Fact]
    public void Without_a_published_id_only_the_step_1_finding_speaks()
    {
        Assert.Empty(Expected(Generated, null));
    }
}
