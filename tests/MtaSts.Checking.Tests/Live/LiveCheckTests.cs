using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MtaSts.Checking.Tests.Live;

/// <summary>
/// <c>mta-sts check</c> against real servers (build/check-lab.sh): Knot DNS, an HTTPS policy host per scenario and
/// postfix as the MX hosts, in one network namespace for the class. Each scenario is a subdomain of <c>example.</c> that
/// differs from the healthy one in one way; each asserts its code and the exit status.
/// </summary>
public sealed class LiveCheckTests(CheckLab lab, ITestOutputHelper output) : IClassFixture<CheckLab>
{
    private async Task<CommandResult> Check(params string[] arguments)
    {
        var result = await lab.CheckAsync(arguments);
        output.WriteLine($"$ {result.CommandLine}   # exit {result.ExitCode}, {result.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(result.Output);
        return result;
    }

    private static void AssertCode(CommandResult result, string code, string severity, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result.Output}");
        Assert.Contains($": {severity} {code}: ", result.StandardOutput);
    }

    [Fact]
    public async Task Healthy_passes_with_the_senders_verdict_and_an_MX_line_each()
    {
        var result = await Check("healthy.example");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(" error MTASTS", result.StandardOutput);
        Assert.DoesNotContain(" warning MTASTS", result.StandardOutput);
        Assert.Contains("Verdict: senders apply mode enforce for mx1.healthy.example, mx2.healthy.example for up to 604800 s", result.StandardOutput);
        Assert.Contains("MX 10 mx1.healthy.example: would be delivered to under enforce", result.StandardOutput);
        Assert.Contains("MX 20 mx2.healthy.example: would be delivered to under enforce", result.StandardOutput);
        Assert.Contains("Result: PASS (0 errors, 0 warnings)", result.StandardOutput);
        Assert.Contains("info: _25._tcp.mx1.healthy.example has TLSA records: senders that support DANE use those", result.StandardOutput);
    }

    [Fact]
    public async Task CAA_that_lets_no_CA_issue_for_the_policy_host_is_advice() =>
        AssertCode(await Check("caa.example"), "MTASTS7055", "warning", 0);

    [Fact]
    public async Task A_site_built_with_MtaSts_Build_on_Kestrel_passes_and_is_what_its_yaml_generates()
    {
        // The web generator serves its own policy through app.MapMtaStsPolicy(); its build's zone snippet is published.
        var result = await Check("mtasts-build.example", "--config", CheckLab.KestrelSiteConfig);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Drift from mta-sts.yaml: pass", result.StandardOutput);
        Assert.Contains("Verdict: senders apply mode testing for mail.mtasts-build.example", result.StandardOutput);
        Assert.Contains("MX 10 mail.mtasts-build.example: would be delivered to under enforce", result.StandardOutput);
    }

    [Fact]
    public async Task No_TXT_record_only_a_record_senders_discard()
    {
        var result = await Check("notxt.example");

        AssertCode(result, "MTASTS7001", "error", 1);
        Assert.Contains("('v=spf1 -all') begins with 'v=STSv1;'", result.StandardOutput);
        Assert.Contains("Verdict: no valid policy: senders deliver without MTA-STS", result.StandardOutput);
        // The fix: generated from the live MX set and the served policy.
        Assert.Contains("The fix: a deployment for the live MX hosts", result.StandardOutput);
        Assert.Contains("_mta-sts.notxt.example. TXT \"v=STSv1; id=", result.StandardOutput);
        Assert.Contains("    mx: mx1.healthy.example", result.StandardOutput);
    }

    [Fact]
    public async Task Two_v_STSv1_records() => AssertCode(await Check("twotxt.example"), "MTASTS7002", "error", 1);

    [Fact]
    public async Task TXT_record_through_a_CNAME_passes_and_names_who_hosts_it()
    {
        var result = await Check("cname.example");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("_mta-sts.cname.example is a CNAME to _mta-sts.provider.example", result.StandardOutput);
        Assert.Contains("Verdict: senders apply mode enforce", result.StandardOutput);
    }

    [Fact]
    public async Task A_302_from_the_policy_host_is_not_followed()
    {
        var result = await Check("redirect.example");

        AssertCode(result, "MTASTS7025", "error", 1);
        Assert.Contains("Location: https://www.redirect.example/mta-sts.txt", result.StandardOutput);
    }

    [Fact]
    public async Task Content_type_text_html() => AssertCode(await Check("html.example"), "MTASTS7026", "error", 1);

    [Fact]
    public async Task Policy_host_certificate_for_another_name()
    {
        var result = await Check("wrongcert.example");

        AssertCode(result, "MTASTS7022", "error", 1);
        Assert.Contains("its certificate is for mta-sts.other.example, not mta-sts.wrongcert.example", result.StandardOutput);
    }

    [Fact]
    public async Task Expired_policy_host_certificate()
    {
        var result = await Check("expired.example");

        AssertCode(result, "MTASTS7021", "error", 1);
        Assert.Contains("expired on 2020-02-01", result.StandardOutput);
    }

    [Fact]
    public async Task Policy_over_64_KiB() => AssertCode(await Check("big.example"), "MTASTS7027", "error", 1);

    [Fact]
    public async Task Live_MX_not_covered_by_the_enforce_policy_is_an_error()
    {
        var result = await Check("uncovered.example");

        AssertCode(result, "MTASTS7050", "error", 1);
        Assert.Contains("MX 20 mx2.healthy.example: would fail under enforce, because it matches no mx pattern of the policy", result.StandardOutput);
        Assert.Contains("    mx: mx2.healthy.example", result.StandardOutput);
    }

    [Fact]
    public async Task Live_MX_not_covered_by_the_testing_policy_is_a_warning() =>
        AssertCode(await Check("uncoveredtesting.example"), "MTASTS7051", "warning", 0);

    [Fact]
    public async Task Stale_pattern() => AssertCode(await Check("stale.example"), "MTASTS7052", "warning", 0);

    [Fact]
    public async Task MX_without_STARTTLS()
    {
        var result = await Check("nostarttls.example");

        AssertCode(result, "MTASTS7080", "error", 1);
        Assert.Contains("MX 10 mx.nostarttls.example: would fail under enforce, because it offers no STARTTLS (127.0.2.3)", result.StandardOutput);
        // A mail server's TLS is fixed on the server: no policy or records to publish.
        Assert.DoesNotContain("The fix:", result.StandardOutput);
    }

    [Fact]
    public async Task MX_certificate_for_another_name() => AssertCode(await Check("mxwrongname.example"), "MTASTS7081", "error", 1);

    [Fact]
    public async Task MX_with_a_self_signed_certificate()
    {
        var result = await Check("selfsigned.example");

        AssertCode(result, "MTASTS7082", "error", 1);
        Assert.Contains("its certificate is self-signed", result.StandardOutput);
    }

    [Fact]
    public async Task MX_with_an_expired_certificate()
    {
        var result = await Check("mxexpired.example");

        AssertCode(result, "MTASTS7083", "error", 1);
        Assert.Contains("MX 10 mx.mxexpired.example: would fail under enforce, because its certificate expired on 2020-02-01 (127.0.2.8)", result.StandardOutput);
    }

    [Fact]
    public async Task MX_that_cannot_load_its_key_advertises_STARTTLS_and_refuses_it()
    {
        var result = await Check("mxbrokenkey.example");

        AssertCode(result, "MTASTS7086", "error", 1);
        Assert.Contains("offers STARTTLS but refuses it: '454 4.7.0 TLS not available due to local problem'", result.StandardOutput);
        Assert.Contains("MX 10 mx.mxbrokenkey.example: would fail under enforce, because it refuses STARTTLS (127.0.2.9)", result.StandardOutput);
    }

    [Fact]
    public async Task MX_that_only_speaks_TLS_1_1_fails_the_handshake_and_the_check_says_why()
    {
        var result = await Check("mxoldtls.example");

        AssertCode(result, "MTASTS7086", "error", 1);
        // OpenSSL's reason, not .NET's "Authentication failed, see inner exception."
        Assert.Contains("offers STARTTLS but the TLS handshake failed (SSL Handshake failed with OpenSSL error", result.StandardOutput);
        Assert.Contains("SSL routines::", result.StandardOutput);
        Assert.DoesNotContain("see inner exception", result.StandardOutput);
        Assert.Contains("MX 10 mx.mxoldtls.example: would fail under enforce, because its TLS handshake fails (127.0.2.10)", result.StandardOutput);
    }

    [Fact]
    public async Task Port_25_closed_could_not_connect_is_not_the_domains_fault()
    {
        var result = await Check("closed.example");

        AssertCode(result, "MTASTS7085", "warning", 0);
        Assert.Contains("not checked: mx.closed.example: warning MTASTS7085: Could not connect", result.StandardOutput);
        Assert.DoesNotContain("MTASTS7080", result.StandardOutput);
    }

    [Fact]
    public async Task Fail_on_not_checked_makes_a_step_that_could_not_run_fail_the_run()
    {
        var result = await Check("closed.example", "--fail-on-not-checked");

        AssertCode(result, "MTASTS7085", "warning", 1);
        Assert.Contains("Result: FAIL (0 errors, 1 warning, 1 not checked; --fail-on-not-checked)", result.StandardOutput);
    }

    [Fact]
    public async Task No_smtp_skips_the_probes()
    {
        var result = await Check("nostarttls.example", "--no-smtp");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("STARTTLS on every MX: skipped", result.StandardOutput);
        Assert.Contains("MX 10 mx.nostarttls.example: matches 'mx.nostarttls.example'; STARTTLS not checked (--no-smtp)", result.StandardOutput);
    }

    [Fact]
    public async Task Config_drift_served_policy_edited_but_id_unchanged()
    {
        var result = await Check("drift.example", "--config", lab.DriftConfig);

        AssertCode(result, "MTASTS7121", "error", 1);
        AssertCode(result, "MTASTS7120", "error", 1);
        Assert.Contains("the policy changed but the id did not", result.StandardOutput);
        Assert.Contains($"The fix: publish what {lab.DriftConfig} generates", result.StandardOutput);
    }

    [Fact]
    public async Task Config_that_generates_what_is_live_passes_drift()
    {
        var config = Path.Combine(lab.WorkDirectory, "healthy.yaml");
        await File.WriteAllTextAsync(config,
            "domain: healthy.example\nmode: enforce\nmx: [mx1.healthy.example, mx2.healthy.example]\nmax_age: 1w\ntls_rpt:\n  rua: [mailto:tlsrpt@healthy.example]\n");

        var result = await Check("healthy.example", "--config", config);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Drift from mta-sts.yaml: pass", result.StandardOutput);
    }

    [Fact]
    public async Task A_config_for_another_domain_is_refused() =>
        AssertCode(await Check("cname.example", "--config", lab.DriftConfig), "MTASTS7124", "error", 1);


    [Theory]
    [InlineData("healthy.example", 0)]
    [InlineData("drift.example", 1)]
    [InlineData("closed.example", 0)]
    [InlineData("wrongcert.example", 1)]
    [InlineData("notxt.example", 1)]
    public async Task JSON_output_follows_its_documented_schema(string domain, int exitCode)
    {
        string[] config = domain == "drift.example" ? ["--config", lab.DriftConfig] : [];
        var result = await Check([domain, "--format", "json", .. config]);

        Assert.True(result.ExitCode == exitCode, result.Output);
        var json = JsonNode.Parse(result.StandardOutput)!;
        var evaluation = CheckSchema.Schema.Evaluate(JsonSerializer.SerializeToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal(1, (int)json["schemaVersion"]!);
        Assert.Equal(exitCode == 0, (bool)json["passed"]!);
    }

    [Fact]
    public async Task JSON_names_codes_and_the_MX_verdicts()
    {
        var result = await Check("uncovered.example", "--format", "json");

        var json = JsonNode.Parse(result.StandardOutput)!;
        var coverage = json["steps"]!.AsArray().Single(s => (string?)s!["id"] == "coverage")!;
        Assert.Equal("error", (string?)coverage["status"]);
        Assert.Contains(coverage["findings"]!.AsArray(), f => (string?)f!["code"] == "MTASTS7050");
        var mx2 = json["mxHosts"]!.AsArray().Single(h => (string?)h!["host"] == "mx2.healthy.example")!;
        Assert.False((bool)mx2["deliverableUnderEnforce"]!);
        Assert.Equal("secure", (string?)mx2["probes"]![0]!["outcome"]);
        Assert.Equal("live", (string?)json["fix"]!["source"]);
    }
}
