using System.Text;
using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Checking.Tests;

/// <summary>The check's rules (<see cref="CheckRules"/>) on facts, without a network: one RFC rule per test.</summary>
public class CheckRulesTests
{
    private static TxtDiscovery Txt(params string[] records) => new("_mta-sts.example.com", [], records);

    private static IEnumerable<string?> Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).Where(c => c is not null);

    [Fact]
    public void No_TXT_record_means_no_policy()
    {
        var (findings, lint, _) = CheckRules.StsRecord("example.com", Txt());

        Assert.Equal(["MTASTS7001"], Codes(findings));
        Assert.Null(lint);
    }

    [Fact]
    public void Records_that_do_not_begin_with_v_STSv1_are_discarded_not_errors()
    {
        var (findings, lint, value) = CheckRules.StsRecord("example.com", Txt("v=spf1 -all", "google-site-verification=abc", "v=STSv1; id=20260101T000000Z;"));

        Assert.Empty(Codes(findings));
        Assert.Equal("20260101T000000Z", lint!.Id);
        Assert.Equal("v=STSv1; id=20260101T000000Z;", value);
    }

    [Fact]
    public void Two_v_STSv1_records_mean_no_policy()
    {
        var (findings, lint, _) = CheckRules.StsRecord("example.com", Txt("v=STSv1; id=1;", "v=STSv1; id=2;"));

        Assert.Equal(["MTASTS7002"], Codes(findings));
        Assert.Null(lint);
    }

    [Fact]
    public void Whitespace_before_the_semicolon_counts_as_a_record_and_the_core_linter_warns()
    {
        var (findings, lint, _) = CheckRules.StsRecord("example.com", Txt("v=STSv1 ; id=abc;"));

        Assert.Equal(["MTASTS6104"], Codes(findings));
        Assert.Equal("abc", lint!.Id);
    }

    [Fact]
    public void An_invalid_id_is_the_core_linters_error()
    {
        var (findings, lint, _) = CheckRules.StsRecord("example.com", Txt("v=STSv1; id=2026-01-01;"));

        Assert.Equal(["MTASTS6103"], Codes(findings));
        Assert.False(lint!.IsValid);
        Assert.False(CheckRules.Verdict(lint, false, null, false).HasPolicy);
    }

    [Theory]
    [InlineData("v=STSv1 id=abc")]
    [InlineData("v=STSv1")]
    public void A_near_miss_is_linted_to_say_why_it_is_discarded(string record)
    {
        // RFC 8461 §3.1: no ';' after the version, so no record; lint says the same (MTASTS6101), not a syntax error.
        var (findings, lint, _) = CheckRules.StsRecord("example.com", Txt(record));

        Assert.Equal(["MTASTS7001", "MTASTS6101"], Codes(findings));
        Assert.Null(lint);
    }

    [Fact]
    public void A_CNAME_is_shown_as_information()
    {
        var (findings, _, _) = CheckRules.StsRecord("example.com", new TxtDiscovery("_mta-sts.example.com", ["_mta-sts.provider.example"], ["v=STSv1; id=1;"]));

        var info = Assert.Single(findings, f => f.Status == CheckStatus.Info);
        Assert.Contains("_mta-sts.provider.example hosts", info.Message);
    }

    [Fact]
    public void TLS_RPT_missing_is_a_warning_and_two_records_an_error()
    {
        Assert.Equal(["MTASTS7004"], Codes(CheckRules.TlsRptRecord("example.com", Txt()).Findings));
        Assert.Equal(["MTASTS7005"], Codes(CheckRules.TlsRptRecord("example.com", Txt("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com")).Findings));
        var (findings, lint, _) = CheckRules.TlsRptRecord("example.com", Txt("v=TLSRPTv1; rua=mailto:a@example.com"));
        Assert.Empty(Codes(findings));
        Assert.Equal(["mailto:a@example.com"], lint!.Rua);
    }

    [Fact]
    public void No_MX_records_mean_the_domain_itself_receives_mail()
    {
        var (findings, hosts) = CheckRules.MxRecords("example.com", []);

        Assert.Equal(["MTASTS7008"], Codes(findings));
        Assert.Equal("example.com", Assert.Single(hosts).Host);
    }

    [Fact]
    public void A_null_MX_leaves_no_hosts()
    {
        var (findings, hosts) = CheckRules.MxRecords("example.com", [new MxRecordFact(0, "")]);

        Assert.Equal(["MTASTS7006"], Codes(findings));
        Assert.Empty(hosts);
    }

    private static readonly IReadOnlyList<MxRecordFact> TwoHosts = [new(10, "mx1.example.com"), new(20, "mx2.example.com")];

    /// <summary>A served policy as the check reads it: linted by the core, its mx patterns parsed once.</summary>
    private static PolicyLintResult ServedPolicy(PolicyMode mode, params string[] mx) =>
        PolicyLinter.Lint($"version: STSv1\r\nmode: {mode.ToKeyword()}\r\n{string.Concat(mx.Select(m => $"mx: {m}\r\n"))}max_age: 604800\r\n");

    [Fact]
    public void An_MX_the_enforce_policy_does_not_cover_is_an_error()
    {
        var (findings, matches) = CheckRules.Coverage(ServedPolicy(PolicyMode.Enforce, "mx1.example.com"), TwoHosts, "url");

        Assert.Equal(["MTASTS7050"], Codes(findings));
        Assert.Null(matches["mx2.example.com"]);
        Assert.Equal("mx1.example.com", matches["mx1.example.com"]);
    }

    [Fact]
    public void An_MX_the_testing_policy_does_not_cover_is_a_warning()
    {
        Assert.Equal(["MTASTS7051"], Codes(CheckRules.Coverage(ServedPolicy(PolicyMode.Testing, "mx1.example.com"), TwoHosts, "url").Findings));
    }

    [Fact]
    public void Coverage_uses_the_cores_matching_a_wildcard_is_one_whole_label()
    {
        // *.example.com covers mx1.example.com but not a.mx.example.com (RFC 8461 §4.1); checkers that match as a
        // substring or unanchored regex get this wrong.
        var hosts = new List<MxRecordFact> { new(10, "mx1.example.com"), new(20, "a.mx.example.com"), new(30, "mx1.example.com.evil.example") };
        var (findings, matches) = CheckRules.Coverage(ServedPolicy(PolicyMode.Enforce, "*.example.com"), hosts, "url");

        Assert.Equal("*.example.com", matches["mx1.example.com"]);
        Assert.Null(matches["a.mx.example.com"]);
        Assert.Null(matches["mx1.example.com.evil.example"]);
        Assert.Equal(2, findings.Count(f => f.Code == "MTASTS7050"));
    }

    [Fact]
    public void A_pattern_that_matches_no_live_MX_is_stale()
    {
        var (findings, _) = CheckRules.Coverage(ServedPolicy(PolicyMode.Enforce, "mx1.example.com", "mx2.example.com", "old.example.com"), TwoHosts, "url");

        var stale = Assert.Single(findings, f => f.Code == "MTASTS7052");
        Assert.Contains("'old.example.com'", stale.Message);
    }

    [Fact]
    public void Coverage_matches_with_the_linters_parsed_patterns_and_names_them_as_written()
    {
        // RFC 8461 §4.1: case-insensitive, and DNS's root dot on the MX host does not count.
        var (findings, matches) = CheckRules.Coverage(ServedPolicy(PolicyMode.Enforce, "MX1.Example.com", "mx2.example.com"), [new(10, "mx1.example.com."), new(20, "MX2.EXAMPLE.COM")], "url");

        Assert.Equal("MX1.Example.com", matches["mx1.example.com."]);
        Assert.Equal("mx2.example.com", matches["MX2.EXAMPLE.COM"]);
        Assert.All(findings, f => Assert.Equal(CheckStatus.Pass, f.Status));
    }

    [Fact]
    public void Mode_none_judges_no_coverage()
    {
        Assert.Empty(Codes(CheckRules.Coverage(ServedPolicy(PolicyMode.None), TwoHosts, "url").Findings));
    }

    private static PolicyFetchFacts Served(string body, string? contentType = "text/plain; charset=utf-8", int status = 200) => new()
    {
        Url = "https://mta-sts.example.com/.well-known/mta-sts.txt",
        StatusCode = status,
        ContentType = contentType,
        Body = Encoding.ASCII.GetBytes(body),
        BodyBytes = body.Length,
    };

    private const string Enforce = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";

    [Fact]
    public void A_redirect_is_an_error_and_not_followed()
    {
        var facts = Served("") with { StatusCode = 302, Location = "https://www.example.com/" };
        var (findings, lint, usable) = CheckRules.PolicyFetch("example.com", facts, null, null);

        Assert.Equal(["MTASTS7025"], Codes(findings));
        Assert.Contains("https://www.example.com/", findings[0].Message);
        Assert.Null(lint);
        Assert.False(usable);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(404)]
    public void Only_status_200_counts(int status)
    {
        Assert.Equal(["MTASTS7024"], Codes(CheckRules.PolicyFetch("example.com", Served(Enforce, status: status), null, null).Findings));
    }

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/plain; charset=utf-8", true)]
    [InlineData("TEXT/PLAIN;charset=us-ascii", true)]
    [InlineData("text/html; charset=utf-8", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData(null, false)]
    public void The_media_type_must_be_text_plain_with_any_parameters(string? contentType, bool plain)
    {
        Assert.Equal(plain, CheckRules.IsTextPlain(contentType));
        var (findings, _, usable) = CheckRules.PolicyFetch("example.com", Served(Enforce, contentType), null, null);
        Assert.Equal(plain, usable);
        Assert.Equal(plain ? [] : ["MTASTS7026"], Codes(findings));
    }

    [Fact]
    public void The_served_body_is_linted_by_the_core()
    {
        var (findings, lint, usable) = CheckRules.PolicyFetch("example.com", Served("version: STSv1\nmode: Enforce\nmx: mx1.example.com\nmax_age: 604800\n"), null, null);

        Assert.Contains("MTASTS6004", Codes(findings));
        Assert.False(usable);
        Assert.Null(lint!.Mode);
    }

    [Fact]
    public void A_body_over_the_cores_one_policy_size_limit_is_too_large()
    {
        var (findings, lint, usable) = CheckRules.PolicyFetch("example.com", Served(""), PolicyFetcher.FetchFailure.TooLarge, null);

        Assert.Equal(["MTASTS7027"], Codes(findings));
        Assert.Contains("more than 64,000 bytes", findings[0].Message);
        Assert.Equal(64_000, Policy.StsPolicy.MaxPolicyBytes);
        Assert.Null(lint);
        Assert.False(usable);
    }

    [Fact]
    public void A_certificate_problem_is_named()
    {
        var facts = Served("") with { Tls = new TlsFacts { Problem = CertificateProblem.WrongName, CertificateNames = ["www.example.com"] } };
        var (findings, _, _) = CheckRules.PolicyFetch("example.com", facts, PolicyFetcher.FetchFailure.Certificate, null);

        Assert.Equal(["MTASTS7022"], Codes(findings));
        Assert.Contains("for www.example.com, not mta-sts.example.com", findings[0].Message);
    }

    /// <summary>Each way a fetch fails before any HTTP answer, with the code senders' logs would point to.</summary>
    [Theory]
    [InlineData("NoAddress", null, "MTASTS7020", "has no A or AAAA record")]
    [InlineData("ConnectFailed", "Connection refused", "MTASTS7020", "Cannot connect to mta-sts.example.com on port 443 (Connection refused)")]
    [InlineData("TlsFailed", "no shared cipher", "MTASTS7029", "The TLS handshake with mta-sts.example.com failed (no shared cipher)")]
    [InlineData("Certificate", "handshake failed", "MTASTS7029", "TLS 1.2 or newer")]
    [InlineData("Timeout", "no answer within 60 s", "MTASTS7028", "no answer within 60 s")]
    public void A_fetch_that_fails_before_any_answer_is_an_error_that_says_what_failed(string failure, string? detail, string code, string phrase)
    {
        var (findings, lint, usable) = CheckRules.PolicyFetch("example.com", Served(""), Enum.Parse<PolicyFetcher.FetchFailure>(failure), detail);

        var finding = Assert.Single(findings);
        Assert.Equal((code, CheckStatus.Error), (finding.Code, finding.Status));
        Assert.Contains(phrase, finding.Message, StringComparison.Ordinal);
        Assert.Null(lint);
        Assert.False(usable);
    }

    [Theory]
    [InlineData(CertificateProblem.SelfSigned)]
    [InlineData(CertificateProblem.UntrustedChain)]
    public void An_untrusted_certificate_is_named_as_untrusted(CertificateProblem problem)
    {
        var facts = Served("") with { Tls = new TlsFacts { Problem = problem, CertificateNames = ["mta-sts.example.com"] } };

        Assert.Equal(["MTASTS7023"], Codes(CheckRules.PolicyFetch("example.com", facts, PolicyFetcher.FetchFailure.Certificate, null).Findings));
    }

    [Fact]
    public void A_DNS_failure_is_not_the_domains_fault()
    {
        var (findings, _, _) = CheckRules.PolicyFetch("example.com", Served(""), PolicyFetcher.FetchFailure.DnsFailed, "timeout");

        var finding = Assert.Single(findings);
        Assert.Equal(CheckStatus.NotChecked, finding.Status);
        Assert.Equal("MTASTS7003", finding.Code);
    }

    [Fact]
    public void Advice_for_mode_none_and_a_short_max_age_under_enforce()
    {
        Assert.Equal(["MTASTS7054"], Codes(CheckRules.PolicyAdvice("url", PolicyLinter.Lint("version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n"))));
        Assert.Equal(["MTASTS7053"], Codes(CheckRules.PolicyAdvice("url", PolicyLinter.Lint("version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 3600\r\n"))));
        Assert.Empty(CheckRules.PolicyAdvice("url", PolicyLinter.Lint(Enforce)));
    }

    private static StartTlsProbe Probe(ProbeOutcome outcome, CertificateProblem problem = CertificateProblem.None, int days = 80) => new()
    {
        Address = "192.0.2.1",
        Outcome = outcome,
        Detail = outcome == ProbeOutcome.CertificateInvalid ? "its certificate is self-signed" : "refused",
        Tls = outcome is ProbeOutcome.Secure or ProbeOutcome.CertificateInvalid
            ? new TlsFacts { Problem = problem, DaysUntilExpiry = days, Protocol = "TLSv1.3", CertificateNotAfter = DateTimeOffset.UnixEpoch }
            : null,
    };

    [Theory]
    [InlineData(ProbeOutcome.NoStartTls, CertificateProblem.None, "MTASTS7080", CheckStatus.Error)]
    [InlineData(ProbeOutcome.CertificateInvalid, CertificateProblem.WrongName, "MTASTS7081", CheckStatus.Error)]
    [InlineData(ProbeOutcome.CertificateInvalid, CertificateProblem.SelfSigned, "MTASTS7082", CheckStatus.Error)]
    [InlineData(ProbeOutcome.CertificateInvalid, CertificateProblem.UntrustedChain, "MTASTS7082", CheckStatus.Error)]
    [InlineData(ProbeOutcome.CertificateInvalid, CertificateProblem.Expired, "MTASTS7083", CheckStatus.Error)]
    [InlineData(ProbeOutcome.HandshakeFailed, CertificateProblem.None, "MTASTS7086", CheckStatus.Error)]
    [InlineData(ProbeOutcome.NotConnected, CertificateProblem.None, "MTASTS7085", CheckStatus.NotChecked)]
    [InlineData(ProbeOutcome.SmtpFailed, CertificateProblem.None, "MTASTS7087", CheckStatus.NotChecked)]
    public void Each_probe_outcome_has_its_code(ProbeOutcome outcome, CertificateProblem problem, string code, CheckStatus status)
    {
        var finding = CheckRules.Probe("mx1.example.com", Probe(outcome, problem), 21);

        Assert.Equal(code, finding.Code);
        Assert.Equal(status, finding.Status);
    }

    [Fact]
    public void A_certificate_that_expires_within_the_warning_days_is_a_warning()
    {
        Assert.Equal("MTASTS7084", CheckRules.Probe("mx1.example.com", Probe(ProbeOutcome.Secure, days: 20), 21).Code);
        Assert.Equal(CheckStatus.Pass, CheckRules.Probe("mx1.example.com", Probe(ProbeOutcome.Secure, days: 21), 21).Status);
    }

    [Fact]
    public void Port_25_closed_is_not_a_missing_STARTTLS()
    {
        var (deliverable, summary) = CheckRules.MxSummary("mx1.example.com", true, [Probe(ProbeOutcome.NotConnected)], true, 1);

        Assert.Null(deliverable);
        Assert.Contains("could not be checked", summary);
    }

    [Fact]
    public void The_MX_line_says_why_delivery_would_fail_under_enforce()
    {
        Assert.Equal((true, "would be delivered to under enforce (matches 'mx1.example.com', STARTTLS with a valid certificate)"),
            CheckRules.MxSummary("mx1.example.com", true, [Probe(ProbeOutcome.Secure)], true, 1));
        Assert.Equal((false, "would fail under enforce, because it matches no mx pattern of the policy"),
            CheckRules.MxSummary(null, true, [Probe(ProbeOutcome.Secure)], true, 1));
        Assert.Equal((false, "would fail under enforce, because it offers no STARTTLS (192.0.2.1)"),
            CheckRules.MxSummary("mx1.example.com", true, [Probe(ProbeOutcome.NoStartTls)], true, 1));
        Assert.Null(CheckRules.MxSummary("mx1.example.com", true, [], false, 1).Deliverable);
    }

    [Fact]
    public void The_verdict_names_mode_patterns_and_max_age()
    {
        var record = StsRecordLinter.Lint("v=STSv1; id=abc;");
        var policy = PolicyLinter.Lint("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n");

        var verdict = CheckRules.Verdict(record, false, policy, true);

        Assert.True(verdict.HasPolicy);
        Assert.Equal("senders apply mode enforce for mx1.example.com, *.mail.example.com for up to 604800 s (policy id abc)", verdict.Text);
    }

    [Fact]
    public void Without_a_record_or_a_fetchable_policy_senders_deliver_without_MTA_STS()
    {
        Assert.StartsWith("no valid policy: senders deliver without MTA-STS", CheckRules.Verdict(null, false, null, false).Text);
        Assert.False(CheckRules.Verdict(StsRecordLinter.Lint("v=STSv1; id=abc;"), false, null, false).HasPolicy);
        Assert.StartsWith("unknown", CheckRules.Verdict(null, true, null, false).Text);
    }

    /// <summary>MTASTS7030: a valid policy host certificate close to its end is a warning, named with its date; a pass otherwise.</summary>
    [Theory]
    [InlineData(13, 14, true)]
    [InlineData(14, 14, false)]
    [InlineData(0, 21, true)]
    [InlineData(40, 21, false)]
    public void A_policy_host_certificate_close_to_expiry_is_a_warning(int daysLeft, int window, bool warned)
    {
        var notAfter = new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero);
        var facts = Served(Enforce) with { Tls = new TlsFacts { Problem = CertificateProblem.None, DaysUntilExpiry = daysLeft, CertificateNotAfter = notAfter } };

        var (findings, _, usable) = CheckRules.PolicyFetch("example.com", facts, null, null, window);

        Assert.True(usable);
        Assert.Equal(warned ? ["MTASTS7030"] : [], Codes(findings));
        if (warned)
        {
            var warning = findings.Single(f => f.Code is not null);
            Assert.Equal(CheckStatus.Warning, warning.Status);
            Assert.Equal("mta-sts.example.com", warning.Subject);
            Assert.Contains($"The certificate of mta-sts.example.com expires on 2026-12-20, in {daysLeft} days. Renew it in time", warning.Message);
        }
    }

    [Fact]
    public void Without_a_window_the_policy_host_certificate_s_date_is_not_judged()
    {
        var facts = Served(Enforce) with { Tls = new TlsFacts { Problem = CertificateProblem.None, DaysUntilExpiry = 1 } };

        Assert.Empty(Codes(CheckRules.PolicyFetch("example.com", facts, null, null).Findings));
    }
}
