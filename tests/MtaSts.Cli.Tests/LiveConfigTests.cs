using System.Text;
using MtaSts.Checking;
using MtaSts.Configuration;
using MtaSts.Policy;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Cli.Tests;

/// <summary>
/// <c>mta-sts init --from-dns</c> without a network: what <see cref="LiveConfig"/> writes for a check report (values,
/// comments, warnings). The live lab runs the whole command (MtaSts.Checking.Tests, LiveInitTests).
/// </summary>
public class LiveConfigTests
{
    private const string Domain = "example.com";

    private static CheckReport Report(
        string[] mx, string? sts = null, string? rpt = null, string? policy = null, params Finding[] findings) => new()
    {
        Domain = Domain,
        CheckedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Findings = findings,
        StsRecord = sts,
        TlsRptRecord = rpt,
        PolicyFetch = new PolicyFetchFacts
        {
            Url = Deployment.PolicyUrlFor(Domain),
            StatusCode = policy is null ? 404 : 200,
            Body = policy is null ? null : Encoding.UTF8.GetBytes(policy),
        },
        MxHosts = mx.Select((h, i) => new MxHostResult { Host = h, Preference = 10 * (i + 1), Summary = "" }).ToList(),
        Verdict = new SenderVerdict { Text = "" },
    };

    private static PolicyConfig Read(string yaml) => Assert.Single(ConfigReader.Read(yaml, "mta-sts.yaml").Policies);

    [Fact]
    public void Without_a_policy_testing_and_the_MX_hosts_grouped_under_their_parent()
    {
        var result = LiveConfig.Build(Report(["mx1.mail.example.com", "mx2.mail.example.com", "backup.example.net"], rpt: "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"));
        var config = Read(result.Yaml);

        Assert.False(result.HasLivePolicy);
        Assert.Equal("testing", config.Mode!.Value);
        Assert.Equal(["*.mail.example.com", "backup.example.net"], config.Mx!.Items.Select(i => i.Value));
        Assert.Equal("1w", config.MaxAge!.Value);
        Assert.Equal("auto", config.Id!.Value);
        Assert.Equal(["mailto:tlsrpt@example.com"], config.TlsRptRua!.Items.Select(i => i.Value));
        Assert.Contains("# No MTA-STS policy is live for example.com (no valid _mta-sts record and policy): start in testing.\nmode: testing\n", result.Yaml);
        Assert.Contains("# (a wildcard matches exactly one left-most label, RFC 8461 section 4.1).\nmx:\n", result.Yaml);
        Assert.Contains("# From DNS: the rua of _smtp._tls.example.com.\ntls_rpt:\n", result.Yaml);
        Assert.Contains("# Written by 'mta-sts init --from-dns' from what was live on 2026-01-02 03:04 UTC.", result.Yaml);
        Assert.Empty(result.Warnings);
        Assert.DoesNotContain(Validator.Validate(config).Diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_policy_served_without_a_valid_record_is_not_live()
    {
        var result = LiveConfig.Build(Report(["mx.example.com"], sts: null, policy: "version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n"));

        Assert.False(result.HasLivePolicy);
        Assert.Equal("testing", Read(result.Yaml).Mode!.Value);
        Assert.Null(Read(result.Yaml).TlsRptRua);
    }

    [Fact]
    public void A_policy_the_core_wrote_comes_back_with_id_auto_and_no_warning()
    {
        var policy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 1209600\r\n";
        var id = PolicyId.FromPolicyText(policy);

        var result = LiveConfig.Build(Report(["mx1.example.com"], $"v=STSv1; id={id};", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com", policy));
        var config = Read(result.Yaml);

        Assert.True(result.HasLivePolicy);
        Assert.Equal("enforce", config.Mode!.Value);
        Assert.Equal(["mx1.example.com", "*.mail.example.com"], config.Mx!.Items.Select(i => i.Value));
        Assert.Equal("1209600", config.MaxAge!.Value);
        Assert.Equal("auto", config.Id!.Value);
        Assert.Contains("# From DNS: the mode of the served policy (https://mta-sts.example.com/.well-known/mta-sts.txt).\nmode: enforce\n", result.Yaml);
        Assert.Contains("# From DNS: the mx patterns of the served policy, as served (not the MX records).\nmx:\n", result.Yaml);
        Assert.Contains("# From DNS: the max_age of the served policy, in seconds.\nmax_age: 1209600\n", result.Yaml);
        Assert.Contains("is the hash of the served policy, which is what 'auto' gives.\nid: auto\n", result.Yaml);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_hand_made_id_is_kept_literally_with_the_advice_to_switch_to_auto()
    {
        var policy = "version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 86400\r\n";

        var result = LiveConfig.Build(Report(["mx.example.com"], "v=STSv1; id=20240101T000000;", policy: policy));

        Assert.Equal("20240101T000000", Read(result.Yaml).Id!.Value);
        Assert.Contains("# From DNS: the id published in _mta-sts.example.com, kept as it is", result.Yaml);
        Assert.Contains("switch to 'id: auto'", result.Yaml);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_served_text_the_core_would_not_write_is_the_drift_warning_check_would_give()
    {
        var policy = "version: STSv1\nmx: mx.example.com\nmode: testing\nmax_age: 86400\n";

        var result = LiveConfig.Build(Report(["mx.example.com"], "v=STSv1; id=1;", policy: policy));

        Assert.True(result.HasLivePolicy);
        Assert.Equal("testing", Read(result.Yaml).Mode!.Value);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("https://mta-sts.example.com/.well-known/mta-sts.txt: warning MTASTS7120: ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checkers_coverage_findings_are_printed_as_warnings_with_their_codes()
    {
        var policy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";
        var uncovered = Finding.From(CheckSteps.Coverage, "mx2.example.com",
            D.CheckMxNotCoveredEnforce.Create("MX host mx2.example.com matches no mx pattern.", file: "mx2.example.com"));

        var result = LiveConfig.Build(Report(["mx1.example.com", "mx2.example.com"], $"v=STSv1; id={PolicyId.FromPolicyText(policy)};", policy: policy, findings: uncovered));

        // The file reproduces the live policy; the uncovered MX is the warning, not a silent change.
        Assert.Equal(["mx1.example.com"], Read(result.Yaml).Mx!.Items.Select(i => i.Value));
        Assert.Equal(["mx2.example.com: warning MTASTS7050: MX host mx2.example.com matches no mx pattern."], result.Warnings);
    }

    [Fact]
    public void A_lookup_without_an_answer_is_reported_so_that_nothing_is_written()
    {
        var failed = Finding.NotChecked(CheckSteps.Dns, "_mta-sts.example.com",
            D.CheckDnsLookupFailed.Create("Could not look up _mta-sts.example.com TXT: timeout.", file: "_mta-sts.example.com"));

        var result = LiveConfig.Build(Report(["mx.example.com"], findings: failed));

        Assert.Equal([failed.Diagnostic!.ToString()], result.LookupsFailed);
        Assert.Empty(LiveConfig.Build(Report(["mx.example.com"])).LookupsFailed);
    }

    [Fact]
    public void Init_from_dns_without_DNS_answers_writes_nothing()
    {
        using var workspace = new Workspace();

        // Port 1 on loopback: no DNS server answers there.
        var run = workspace.Run("init", "--from-dns", "example.com", "--dns-server", "127.0.0.1:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("_mta-sts.example.com: warning MTASTS7003: ", run.Error);
        Assert.Equal("mta-sts init: what is live for example.com is not known (a DNS lookup had no answer); nothing was written.", run.ErrorLines[^1]);
        Assert.False(workspace.Exists("mta-sts.yaml"));
    }

    [Theory]
    [InlineData("--from-dns", "example.com", "--mx", "mx.example.com")]
    [InlineData("--from-dns", "example.com", "--domain", "example.com")]
    [InlineData("--from-dns", "example.com", "--mode", "enforce")]
    [InlineData("--dns-server", "192.0.2.53", "--domain", "example.com")]
    [InlineData("--ca-file", "ca.pem", "--domain", "example.com")]
    public void Values_and_from_dns_together_are_usage_errors(params string[] arguments)
    {
        using var workspace = new Workspace();

        var run = workspace.Run(["init", .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from-dns", run.Error);
        Assert.False(workspace.Exists("mta-sts.yaml"));
    }
}
