using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

public class ValidatorTests
{
    private static string With(string mode = "testing", string mx = "[mx1.example.com]", string extra = "", string domain = "example.com") =>
        $"domain: {domain}\nmode: {mode}\nmx: {mx}\n{extra}";

    // ---- domain ----

    [Fact]
    public void Domain_is_required()
    {
        var diagnostic = Single("mode: testing\nmx: [mx.example.com]\n");
        Assert.Equal(DiagnosticDescriptors.MissingKey.Code, diagnostic.Code);
        Assert.Equal(new ConfigField(ConfigField.Domain), diagnostic.Field);
    }

    [Fact]
    public void Unicode_domain_becomes_its_a_label()
    {
        var deployment = Deploy(With(domain: "Bücher.Example"));
        Assert.Equal("xn--bcher-kva.example", deployment.PolicyDomain);
        Assert.Equal("bücher.example", deployment.UnicodeDomain);
        Assert.Equal("mta-sts.xn--bcher-kva.example", deployment.PolicyHost);
        Assert.Equal("_mta-sts.xn--bcher-kva.example", deployment.StsRecordName);
    }

    [Fact]
    public void Domain_is_lower_cased()
    {
        Assert.Equal("example.com", Deploy(With(domain: "Example.COM")).PolicyDomain);
    }

    [Fact]
    public void Domain_root_dot_is_dropped()
    {
        Assert.Equal("example.com", Deploy(With(domain: "example.com.")).PolicyDomain);
    }

    [Theory]
    [InlineData("exa_mple.com", "'_' is not allowed")]
    [InlineData("example..com", "empty label")]
    [InlineData("-example.com", "starts or ends with a hyphen")]
    [InlineData("localhost", "single label")]
    [InlineData("192.0.2.1", "IP address")]
    [InlineData("https://example.com/", "is a URL, not a domain. Give the mail domain alone, the part of an address after '@': write 'example.com'")]
    [InlineData("postmaster@example.com", "is an e-mail address, not a domain. Give the part after '@': write 'example.com'")]
    [InlineData("\"exa mple.com\"", "a space is not allowed")]
    [InlineData("xn--zz.example", "not a valid internationalized name")]
    public void Invalid_domain_is_an_error(string domain, string reason)
    {
        var diagnostic = Single(With(domain: domain));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidDomain, 1, 9);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Domain_label_longer_than_63_is_an_error()
    {
        var diagnostic = Single(With(domain: new string('a', 64) + ".example"));
        Assert.Contains("longer than 63", diagnostic.Message);
    }

    [Fact]
    public void Domain_longer_than_253_is_an_error()
    {
        var label = new string('a', 60);
        var diagnostic = Single(With(domain: string.Join(".", Enumerable.Repeat(label, 5))));
        Assert.Equal(DiagnosticDescriptors.InvalidDomain.Code, diagnostic.Code);
        Assert.Contains("at most 253", diagnostic.Message);
    }

    [Fact]
    public void Domain_naming_the_policy_host_is_a_warning()
    {
        var result = Compile(With(domain: "mta-sts.example.com"));
        Assert.True(result.Success);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.DomainIsPolicyHost.Code, diagnostic.Code);
        Assert.Contains("domain: example.com", diagnostic.Message);
    }

    // ---- mode (RFC 8461 §3.2, §5) ----

    [Theory]
    [InlineData("testing", PolicyMode.Testing)]
    [InlineData("enforce", PolicyMode.Enforce)]
    [InlineData("none", PolicyMode.None)]
    public void Modes_are_the_three_keywords(string mode, PolicyMode expected)
    {
        Assert.Equal(expected, Deploy(With(mode: mode, extra: "max_age: 1d")).Policy.Mode);
    }

    [Fact]
    public void Mode_is_required()
    {
        var diagnostic = Single("domain: example.com\nmx: [mx.example.com]\n");
        Assert.Equal(DiagnosticDescriptors.MissingKey.Code, diagnostic.Code);
        Assert.Equal(new ConfigField(ConfigField.Mode), diagnostic.Field);
    }

    [Theory]
    [InlineData("Enforce", "enforce")]
    [InlineData("TESTING", "testing")]
    [InlineData("None", "none")]
    public void Mode_in_the_wrong_case_is_an_error_with_the_fix(string mode, string fix)
    {
        var diagnostic = Single(With(mode: mode));
        AssertAt(diagnostic, DiagnosticDescriptors.ModeWrongCase, 2, 7);
        Assert.Contains($"'{fix}'", diagnostic.Message);
    }

    [Theory]
    [InlineData("enfroce", "Did you mean 'enforce'?")]
    [InlineData("test", "Did you mean 'testing'?")]
    [InlineData("strict", "Use 'testing', 'enforce' or 'none'.")]
    [InlineData("report", "Use 'testing', 'enforce' or 'none'.")]
    public void Unknown_mode_is_an_error_with_a_suggestion(string mode, string hint)
    {
        var diagnostic = Single(With(mode: mode));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidMode, 2, 7);
        Assert.EndsWith(hint, diagnostic.Message);
    }

    // ---- mx (RFC 8461 §3.2, §4.1) ----

    [Fact]
    public void Mx_is_required_for_testing()
    {
        var diagnostic = Single("domain: example.com\nmode: testing\n");
        Assert.Equal(DiagnosticDescriptors.MissingMx.Code, diagnostic.Code);
    }

    [Fact]
    public void Empty_mx_list_is_reported_at_the_key()
    {
        AssertAt(Single("domain: example.com\nmode: enforce\nmx: []\n"), DiagnosticDescriptors.MissingMx, 3, 1);
    }

    [Fact]
    public void Mx_may_be_omitted_with_mode_none()
    {
        var deployment = Deploy("domain: example.com\nmode: none\nmax_age: 1d\n");
        Assert.Empty(deployment.Policy.Mx);
        Assert.Equal("version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n", deployment.PolicyText);
    }

    [Fact]
    public void Mx_with_mode_none_is_a_warning()
    {
        var result = Compile(With(mode: "none"));
        Assert.True(result.Success);
        Assert.Equal(DiagnosticDescriptors.MxWithModeNone.Code, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Mx_patterns_are_normalized_to_lower_case_a_labels()
    {
        var deployment = Deploy(With(mx: "[MX1.Example.COM, \"*.Bücher.example\"]"));
        Assert.Equal(["mx1.example.com", "*.xn--bcher-kva.example"], deployment.Policy.Mx.Select(m => m.Value));
    }

    [Theory]
    [InlineData("mx*.example.com")]
    [InlineData("*mx.example.com")]
    [InlineData("mx.*.example.com")]
    [InlineData("*.*.example.com")]
    [InlineData("*")]
    [InlineData("**.example.com")]
    public void Wildcard_only_as_the_whole_left_most_label(string mx)
    {
        var diagnostic = Single(With(mx: $"[\"{mx}\"]"));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidMxWildcard, 3, 6);
    }

    [Theory]
    [InlineData("[192.0.2.1]")]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::25")]
    public void Ip_addresses_are_not_mx_patterns(string mx)
    {
        AssertAt(Single(With(mx: $"[\"{mx}\"]")), DiagnosticDescriptors.MxIsIpAddress, 3, 6);
    }

    [Fact]
    public void Trailing_dot_is_an_error_with_the_fix()
    {
        var diagnostic = Single(With(mx: "[mx1.example.com.]"));
        AssertAt(diagnostic, DiagnosticDescriptors.MxTrailingDot, 3, 6);
        Assert.Contains("'mx1.example.com'", diagnostic.Message);
    }

    [Theory]
    [InlineData("mx_1.example.com", "Underscores are not allowed")]
    [InlineData("mx1..example.com", "empty label")]
    [InlineData("-mx.example.com", "hyphen")]
    [InlineData("mx-.example.com", "hyphen")]
    [InlineData("mx!.example.com", "'!' is not allowed")]
    [InlineData("mail.example.com:25", "ends with the port ':25'")]
    public void Mx_labels_must_be_ldh(string mx, string reason)
    {
        var diagnostic = Single(With(mx: $"[\"{mx}\"]"));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidMxPattern, 3, 6);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Mx_label_over_63_is_too_long()
    {
        AssertAt(Single(With(mx: $"[{new string('a', 64)}.example.com]")), DiagnosticDescriptors.MxTooLong, 3, 6);
    }

    [Fact]
    public void Mx_name_over_253_is_too_long()
    {
        var name = string.Join(".", Enumerable.Repeat(new string('a', 63), 4));
        AssertAt(Single(With(mx: $"[{name}]")), DiagnosticDescriptors.MxTooLong, 3, 6);
    }

    [Fact]
    public void Every_bad_mx_is_reported_with_its_own_position()
    {
        var result = Compile("domain: example.com\nmode: testing\nmx:\n  - good.example.com\n  - bad_one.example.com\n  - \"mx*.example.com\"\n");
        Assert.Equal([(5, 5, "mx[1]"), (6, 5, "mx[2]")], result.Diagnostics.Select(d => (d.Span.Line, d.Span.Column, d.Field.ToString())));
    }

    [Fact]
    public void Duplicate_mx_is_a_warning_and_dropped()
    {
        var result = Compile(With(mx: "[mx1.example.com, MX1.example.com]"));
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertAt(diagnostic, DiagnosticDescriptors.DuplicateMxPattern, 3, 23);
        Assert.Single(result.Deployment!.Policy.Mx);
    }

    [Fact]
    public void Duplicate_mx_without_positions_does_not_mention_a_line()
    {
        var result = Validator.Validate(new PolicyConfig { Domain = "example.com", Mode = "testing", Mx = ConfigList.Of("a.example.com", "a.example.com") });
        Assert.Equal("'a.example.com' is listed twice; the duplicate is dropped.", Assert.Single(result.Diagnostics).Message);
    }

    [Theory]
    [InlineData("*.com")]
    [InlineData("*.co.uk")]
    [InlineData("*.github.io")]
    public void Wildcard_directly_under_a_public_suffix_is_a_warning(string mx)
    {
        var result = Compile(With(mx: $"[\"{mx}\"]"));
        Assert.True(result.Success);
        Assert.Equal(DiagnosticDescriptors.WildcardUnderPublicSuffix.Code, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Wildcard_under_a_registered_domain_is_fine()
    {
        Assert.Empty(Compile(With(mx: "[\"*.example.co.uk\"]")).Diagnostics);
    }

    [Fact]
    public void Host_covered_by_a_wildcard_is_a_warning()
    {
        var result = Compile(With(mx: "[mx1.mail.example.com, \"*.mail.example.com\"]"));
        Assert.Equal(DiagnosticDescriptors.MxCoveredByWildcard.Code, Assert.Single(result.Diagnostics).Code);
    }

    // ---- max_age (RFC 8461 §3.2) ----

    [Theory]
    [InlineData("604800", 604800)]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    [InlineData("2w", 1209600)]
    [InlineData("31557600", 31557600)]
    public void Max_age_accepts_seconds_and_durations(string value, long seconds)
    {
        Assert.Equal(seconds, Deploy(With(extra: $"max_age: {value}")).Policy.MaxAge);
    }

    [Fact]
    public void Max_age_defaults_to_one_week()
    {
        Assert.Equal(604800, Deploy(With()).Policy.MaxAge);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5d")]
    [InlineData("1y")]
    [InlineData("forever")]
    [InlineData("1 w")]
    [InlineData("99999999999999999999")]
    public void Malformed_max_age_is_an_error(string value)
    {
        AssertAt(Single(With(extra: $"max_age: {value}")), DiagnosticDescriptors.InvalidMaxAge, 4, 10);
    }

    [Theory]
    [InlineData("31557601")]
    [InlineData("366d")]
    [InlineData("9999999999")]
    public void Max_age_over_one_year_is_out_of_range(string value)
    {
        AssertAt(Single(With(extra: $"max_age: {value}")), DiagnosticDescriptors.MaxAgeOutOfRange, 4, 10);
    }

    [Fact]
    public void Short_max_age_with_enforce_is_a_warning()
    {
        var result = Compile(With(mode: "enforce", extra: "max_age: 1h"));
        Assert.True(result.Success);
        AssertAt(Assert.Single(result.Diagnostics), DiagnosticDescriptors.ShortMaxAgeEnforce, 4, 10);
    }

    [Fact]
    public void Short_max_age_with_testing_is_fine()
    {
        Assert.Empty(Compile(With(mode: "testing", extra: "max_age: 1h")).Diagnostics);
    }

    // ---- id (RFC 8461 §3.1) ----

    [Fact]
    public void Auto_id_is_a_hash_of_the_policy_text()
    {
        var deployment = Deploy(With());
        Assert.Equal(PolicyId.FromPolicyText(deployment.PolicyText), deployment.PolicyId);
        Assert.Matches("^[0-9a-f]{32}$", deployment.PolicyId);
    }

    [Fact]
    public void Auto_id_changes_when_the_policy_changes()
    {
        Assert.NotEqual(Deploy(With(mode: "testing")).PolicyId, Deploy(With(mode: "enforce", extra: "max_age: 1d")).PolicyId);
    }

    [Fact]
    public void Auto_id_ignores_changes_that_do_not_change_the_policy()
    {
        Assert.Equal(Deploy(With(extra: "ttl: 60")).PolicyId, Deploy(With(extra: "max_age: 7d")).PolicyId);
    }

    [Fact]
    public void Timestamp_id_is_the_utc_time()
    {
        var now = new DateTimeOffset(2026, 11, 28, 11, 29, 0, TimeSpan.FromHours(1));
        Assert.Equal("20261128T102900Z", Deploy(With(extra: "id: timestamp"), new ValidationOptions { Now = now }).PolicyId);
    }

    [Fact]
    public void Timestamp_id_is_kept_while_the_policy_is_unchanged()
    {
        var first = Deploy(With(extra: "id: timestamp"), new ValidationOptions { Now = DateTimeOffset.UnixEpoch });
        var options = new ValidationOptions { Now = DateTimeOffset.UtcNow, PreviousPolicyText = first.PolicyText, PreviousPolicyId = first.PolicyId };
        Assert.Equal(first.PolicyId, Deploy(With(extra: "id: timestamp"), options).PolicyId);
        Assert.NotEqual(first.PolicyId, Deploy(With(mode: "enforce", extra: "id: timestamp"), options).PolicyId);
    }

    [Fact]
    public void Literal_id_is_used_as_given()
    {
        Assert.Equal("20160831085700Z", Deploy(With(extra: "id: 20160831085700Z")).PolicyId);
    }

    [Theory]
    [InlineData("2026-11-28T10:29:00Z", "'-' is not a letter or digit")]
    [InlineData("abc+def/==", "'+' is not a letter or digit")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "33 characters long")]
    [InlineData("\"\"", "it is empty")]
    public void Invalid_literal_id_is_an_error(string id, string reason)
    {
        var diagnostic = Single(With(extra: $"id: {id}"));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidId, 4, 5);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Id_override_replaces_the_configured_id()
    {
        var deployment = Deploy(With(extra: "id: auto"), new ValidationOptions { IdOverride = "pinned1" });
        Assert.Equal("pinned1", deployment.PolicyId);
    }

    [Fact]
    public void Invalid_id_override_is_an_error()
    {
        var result = Compile(With(), new ValidationOptions { IdOverride = "not valid" });
        Assert.Equal(DiagnosticDescriptors.InvalidId.Code, Assert.Single(result.Diagnostics).Code);
        Assert.Contains("The id override", result.Diagnostics[0].Message);
    }

    // ---- TLS-RPT (RFC 8460 §3) ----

    [Fact]
    public void Tls_rpt_record_joins_destinations()
    {
        var deployment = Deploy(With(extra: "tls_rpt:\n  rua: [mailto:tlsrpt@example.com, https://reports.example.com/v1/tlsrpt]"));
        Assert.Equal("v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.com/v1/tlsrpt", deployment.TlsRptRecord!.Value);
        Assert.Equal("_smtp._tls.example.com", deployment.TlsRptRecordName);
    }

    [Fact]
    public void No_tls_rpt_means_no_record()
    {
        Assert.Null(Deploy(With()).TlsRptRecord);
    }

    [Theory]
    [InlineData("tlsrpt@example.com", "Write 'mailto:tlsrpt@example.com'")]
    [InlineData("http://reports.example.com/x", "over 'https:'")]
    [InlineData("ftp://reports.example.com/x", "'ftp:' is not supported")]
    [InlineData("\"mailto:a@example.com,mailto:b@example.com\"", "%2C")]
    [InlineData("\"https://reports.example.com/a;b\"", "%3B")]
    [InlineData("\"https://reports.example.com/a!\"", "%21")]
    [InlineData("\"mailto:\"", "needs an address")]
    [InlineData("mailto:tlsrpt@exa_mple.com", "not valid")]
    [InlineData("https:reports", "needs '//'")]
    [InlineData("https://reports.example.com/%zz", "percent-encoded")]
    [InlineData("'mailto:a\"b@example.com'", "RFC 3986")]
    [InlineData("\"https://reports.example.com/<x>\"", "%3C")]
    [InlineData("mailto:a@b@example.com", "%40")]
    public void Invalid_rua_is_an_error(string rua, string reason)
    {
        var diagnostic = Single(With(extra: $"tls_rpt:\n  rua:\n    - {rua}"));
        AssertAt(diagnostic, DiagnosticDescriptors.InvalidRua, 6, 7);
        Assert.Equal(new ConfigField(ConfigField.TlsRptRua, 0), diagnostic.Field);
        Assert.Contains(reason, diagnostic.Message);
    }

    [Fact]
    public void Tls_rpt_without_rua_is_an_error()
    {
        Assert.Equal(DiagnosticDescriptors.MissingRua.Code, Single(With(extra: "tls_rpt:\n  rua: []")).Code);
    }

    // ---- ttl ----

    [Theory]
    [InlineData("300", 300)]
    [InlineData("1h", 3600)]
    public void Ttl_accepts_seconds_and_durations(string value, int seconds)
    {
        Assert.Equal(seconds, Deploy(With(extra: $"ttl: {value}")).Ttl);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("2147483648")]
    [InlineData("soon")]
    public void Invalid_ttl_is_an_error(string value)
    {
        AssertAt(Single(With(extra: $"ttl: {value}")), DiagnosticDescriptors.InvalidTtl, 4, 6);
    }

    // ---- size (RFC 8461 §3.3) ----

    [Fact]
    public void Policy_over_64000_bytes_is_an_error()
    {
        var mx = string.Join(", ", Enumerable.Range(0, 1100).Select(i => $"mx{i}.{new string('a', 50)}.example.com"));
        var result = Compile(With(mx: $"[{mx}]"));
        Assert.Equal(DiagnosticDescriptors.PolicyTooLarge.Code, Assert.Single(result.Diagnostics).Code);
    }

    // ---- hosts without a file (the web form, mta-sts init) ----

    [Theory]
    [InlineData("example.com\n")]
    [InlineData("example.com\rfake.yaml(1,1): error MTASTS0001: injected")]
    [InlineData("example.com\u2028")]
    public void Control_characters_are_refused_for_every_host(string domain)
    {
        var result = Validator.Validate(new PolicyConfig { Domain = domain, Mode = "testing", Mx = ConfigList.Of("mx.example.com") });
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.ControlCharacter.Code, diagnostic.Code);
        Assert.Equal(new ConfigField(ConfigField.Domain), diagnostic.Field);
    }

    [Fact]
    public void Messages_never_carry_a_line_break_from_the_input()
    {
        var result = Validator.Validate(new PolicyConfig { Domain = "exa_mple.com", Mode = "strict\rfake(1,1): error MTASTS0001: x", Mx = ConfigList.Of("mx.example.com") });
        Assert.All(result.Diagnostics, d => Assert.DoesNotMatch("[\r\n\u2028\u2029]", d.Message));
    }

    [Fact]
    public void Mode_with_surrounding_spaces_is_the_mode()
    {
        Assert.Equal(PolicyMode.Enforce, Deploy("domain: example.com\nmode: ' enforce '\nmx: [mx.example.com]\n").Policy.Mode);
    }

    [Fact]
    public void Every_host_covered_by_a_wildcard_is_reported_with_its_own_index()
    {
        var mx = Enumerable.Range(0, 20_000).Select(i => $"m{i}.mail.example.com").Append("*.mail.example.com").ToArray();
        var result = Validator.Validate(new PolicyConfig { Domain = "example.com", Mode = "testing", Mx = ConfigList.Of(mx) });
        Assert.Equal(20_000, result.Diagnostics.Count(d => d.Code == DiagnosticDescriptors.MxCoveredByWildcard.Code));
        Assert.Equal(new ConfigField(ConfigField.Mx, 19999), result.Diagnostics.Last(d => d.Code == DiagnosticDescriptors.MxCoveredByWildcard.Code).Field);
    }


    [Fact]
    public void Config_built_in_code_reports_fields()
    {
        var config = new PolicyConfig { Domain = "example.com", Mode = "Enforce", Mx = ConfigList.Of("mx1.example.com", "bad_mx.example.com") };
        var result = Validator.Validate(config);
        Assert.Equal(["mode", "mx[1]"], result.Diagnostics.Select(d => d.Field.ToString()));
        Assert.All(result.Diagnostics, d => Assert.True(d.Span.IsNone));
        Assert.StartsWith("error MTASTS3003: ", result.Diagnostics[0].ToString());
    }
}
