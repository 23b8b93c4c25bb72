using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MtaSts.Checking.Tests.Live;

/// <summary>
/// <c>mta-sts check</c> against real servers (build/check-lab.sh): Knot DNS, an HTTPS policy host per scenario and
/// postfix as the MX hosts, in one network namespace for the class. Each scenario is a subdomain of <c>example.</c> that
/// differs from the healthy one in one way; each asserts its code and the exit status.
/// </summary>
[Trait("Requires", "root")]
[Trait("Requires", "netns")]
[Trait("Requires", "knot")]
[Trait("Requires", "postfix")]
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

    /// <summary>
    /// The scenarios that differ from the healthy one in one way: the domain and options, the code with its severity,
    /// the exit status, and what the output must and must not say.
    /// </summary>
    public static TheoryData<string, string[], string, string, int, string[], string[]> Scenarios => new()
    {
        // CAA that lets no CA issue for the policy host is advice.
        { "caa.example", [], "MTASTS7055", "warning", 0, [], [] },
        // Only a record senders discard; the fix is generated from the live MX set and the served policy.
        {
            "notxt.example", [], "MTASTS7001", "error", 1,
            ["('v=spf1 -all') begins with 'v=STSv1;'", "Verdict: no valid policy: senders deliver without MTA-STS", "The fix: a deployment for the live MX hosts", "_mta-sts.notxt.example. TXT \"v=STSv1; id=", "    mx: mx1.healthy.example"],
            []
        },
        { "twotxt.example", [], "MTASTS7002", "error", 1, [], [] },
        // A 302 from the policy host is not followed.
        { "redirect.example", [], "MTASTS7025", "error", 1, ["Location: https://www.redirect.example/mta-sts.txt"], [] },
        { "html.example", [], "MTASTS7026", "error", 1, [], [] },
        { "wrongcert.example", [], "MTASTS7022", "error", 1, ["its certificate is for mta-sts.other.example, not mta-sts.wrongcert.example"], [] },
        { "expired.example", [], "MTASTS7021", "error", 1, ["expired on 2020-02-01"], [] },
        // A policy over the 64,000-byte limit.
        { "big.example", [], "MTASTS7027", "error", 1, [], [] },
        // A live MX the enforce policy does not cover is an error; under testing a warning.
        {
            "uncovered.example", [], "MTASTS7050", "error", 1,
            ["MX 20 mx2.healthy.example: would fail under enforce, because it matches no mx pattern of the policy", "    mx: mx2.healthy.example"],
            []
        },
        { "uncoveredtesting.example", [], "MTASTS7051", "warning", 0, [], [] },
        { "stale.example", [], "MTASTS7052", "warning", 0, [], [] },
        // An MX host without an address: senders cannot deliver to it at all.
        { "noaddress.example", [], "MTASTS7007", "error", 1, ["MX mx.noaddress.example has no A or AAAA record"], [] },
        // A mail server's TLS is fixed on the server: no policy or records to publish.
        { "nostarttls.example", [], "MTASTS7080", "error", 1, ["MX 10 mx.nostarttls.example: would fail under enforce, because it offers no STARTTLS (127.0.2.3)"], ["The fix:"] },
        { "mxwrongname.example", [], "MTASTS7081", "error", 1, [], [] },
        { "selfsigned.example", [], "MTASTS7082", "error", 1, ["its certificate is self-signed"], [] },
        { "mxexpired.example", [], "MTASTS7083", "error", 1, ["MX 10 mx.mxexpired.example: would fail under enforce, because its certificate expired on 2020-02-01 (127.0.2.8)"], [] },
        // An MX that cannot load its key advertises STARTTLS and refuses it.
        {
            "mxbrokenkey.example", [], "MTASTS7086", "error", 1,
            ["offers STARTTLS but refuses it: '454 4.7.0 TLS not available due to local problem'", "MX 10 mx.mxbrokenkey.example: would fail under enforce, because it refuses STARTTLS (127.0.2.9)"],
            []
        },
        // An MX that only speaks TLS 1.1: OpenSSL's reason, not .NET's "Authentication failed, see inner exception."
        {
            "mxoldtls.example", [], "MTASTS7086", "error", 1,
            ["offers STARTTLS but the TLS handshake failed (SSL Handshake failed with OpenSSL error", "SSL routines::", "MX 10 mx.mxoldtls.example: would fail under enforce, because its TLS handshake fails (127.0.2.10)"],
            ["see inner exception"]
        },
        // Port 25 closed: could not connect is not the domain's fault, unless --fail-on-not-checked.
        { "closed.example", [], "MTASTS7085", "warning", 0, ["not checked: mx.closed.example: warning MTASTS7085: Could not connect"], ["MTASTS7080"] },
        { "closed.example", ["--fail-on-not-checked"], "MTASTS7085", "warning", 1, ["Result: FAIL (0 errors, 1 warning, 1 not checked; --fail-on-not-checked)"], [] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_scenario_reports_its_code_and_exit_status_and_says_why(
        string domain, string[] options, string code, string severity, int exitCode, string[] says, string[] doesNotSay)
    {
        var result = await Check([domain, .. options]);

        AssertCode(result, code, severity, exitCode);
        Assert.All(says, phrase => Assert.Contains(phrase, result.StandardOutput));
        Assert.All(doesNotSay, phrase => Assert.DoesNotContain(phrase, result.StandardOutput));
    }

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
    public async Task TXT_record_through_a_CNAME_passes_and_names_who_hosts_it()
    {
        var result = await Check("cname.example");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("_mta-sts.cname.example is a CNAME to _mta-sts.provider.example", result.StandardOutput);
        Assert.Contains("Verdict: senders apply mode enforce", result.StandardOutput);
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

    /// <summary>
    /// <c>mta-sts init --from-dns</c> in the lab: the file it writes for <paramref name="domain"/>, and the init run.
    /// </summary>
    private async Task<(CommandResult Init, string File, string Yaml)> InitFromDns(string domain)
    {
        var directory = Path.Combine(lab.WorkDirectory, "init-" + domain);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "mta-sts.yaml");
        var init = await lab.InitFromDnsAsync(domain, file);
        output.WriteLine($"$ {init.CommandLine}   # exit {init.ExitCode}, {init.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(init.Output);
        Assert.True(init.ExitCode == 0, init.Output);
        var yaml = await File.ReadAllTextAsync(file);
        output.WriteLine(yaml);
        return (init, file, yaml);
    }

    [Fact]
    public async Task Init_from_dns_reproduces_the_healthy_deployment_and_check_finds_no_drift()
    {
        var (init, file, yaml) = await InitFromDns("healthy.example");
        var config = Assert.Single(MtaSts.Configuration.ConfigReader.Read(yaml, "mta-sts.yaml").Policies);

        Assert.DoesNotContain(": warning MTASTS", init.Output);
        Assert.Equal("enforce", config.Mode!.Value);
        Assert.Equal(["mx1.healthy.example", "mx2.healthy.example"], config.Mx!.Items.Select(i => i.Value));
        Assert.Equal("604800", config.MaxAge!.Value);
        Assert.Equal("auto", config.Id!.Value);
        Assert.Equal(["mailto:tlsrpt@healthy.example"], config.TlsRptRua!.Items.Select(i => i.Value));
        Assert.Contains("# From DNS: the mode of the served policy (https://mta-sts.healthy.example/.well-known/mta-sts.txt).", yaml);

        var check = await Check("healthy.example", "--config", file, "--no-smtp");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("Drift from mta-sts.yaml: pass", check.StandardOutput);
    }

    [Fact]
    public async Task Init_from_dns_of_an_uncovered_MX_keeps_the_live_policy_and_warns_with_MTASTS7050()
    {
        var (init, file, yaml) = await InitFromDns("uncovered.example");
        var config = Assert.Single(MtaSts.Configuration.ConfigReader.Read(yaml, "mta-sts.yaml").Policies);

        Assert.Contains("mx2.healthy.example: warning MTASTS7050: ", init.Output);
        Assert.Equal("enforce", config.Mode!.Value);
        Assert.Equal(["mx1.healthy.example"], config.Mx!.Items.Select(i => i.Value));

        // The file is the live policy, so no drift; the uncovered MX is still the check's error.
        var check = await Check("uncovered.example", "--config", file, "--no-smtp");
        Assert.Contains("Drift from mta-sts.yaml: pass", check.StandardOutput);
        AssertCode(check, "MTASTS7050", "error", 1);
    }

    [Fact]
    public async Task Init_from_dns_without_a_policy_starts_in_testing_with_the_MX_hosts()
    {
        var (init, _, yaml) = await InitFromDns("notxt.example");
        var config = Assert.Single(MtaSts.Configuration.ConfigReader.Read(yaml, "mta-sts.yaml").Policies);

        Assert.Contains("no live MTA-STS policy for notxt.example", init.Output);
        Assert.Contains("warning MTASTS7001: ", init.Output);
        Assert.Equal("testing", config.Mode!.Value);
        Assert.Equal(["mx1.healthy.example"], config.Mx!.Items.Select(i => i.Value));
        Assert.Equal("auto", config.Id!.Value);
        Assert.Contains("# From DNS: the MX records of notxt.example", yaml);
    }
}
