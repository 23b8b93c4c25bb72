using Microsoft.Extensions.Diagnostics.HealthChecks;
using MtaSts.Checking;
using static MtaSts.AspNetCore.HealthChecks.Tests.Reports;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.AspNetCore.HealthChecks.Tests;

/// <summary>
/// The table of docs/health-checks.md: what each of the checker's findings does to the status. The checker decides
/// what is an error; the health check maps error to the failure status, warning and "not checked" to Degraded.
/// </summary>
public class HealthMappingTests
{
    private static readonly HashSet<string> DefaultIgnored = new MtaStsHealthCheckOptions().IgnoredCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static MtaStsDomainHealth Map(Finding finding, HealthStatus failureStatus = HealthStatus.Unhealthy, ISet<string>? ignored = null) =>
        HealthMapping.FromReport(Served(), Report("example.com", finding), ignored ?? DefaultIgnored, failureStatus);

    /// <summary>One row per line of the table: the code, the checker's severity, the status.</summary>
    public static TheoryData<string, string, HealthStatus> Table => new()
    {
        // The live id is not the built one: senders keep a stale policy.
        { nameof(D.CheckIdDrift), "error", HealthStatus.Unhealthy },
        // The public URL serves other bytes than the site's build.
        { nameof(D.CheckPolicyDrift), "error", HealthStatus.Unhealthy },
        { nameof(D.CheckNoStsRecord), "error", HealthStatus.Unhealthy },
        { nameof(D.CheckPolicyCertificateExpired), "error", HealthStatus.Unhealthy },
        { nameof(D.CheckPolicyRedirect), "error", HealthStatus.Unhealthy },
        // An MX host the policy does not cover: under enforce senders do not deliver to it, under testing they report.
        { nameof(D.CheckMxNotCoveredEnforce), "error", HealthStatus.Unhealthy },
        { nameof(D.CheckMxNotCoveredTesting), "warning", HealthStatus.Degraded },
        // The policy host's certificate expires within the window.
        { nameof(D.CheckPolicyCertificateExpiresSoon), "warning", HealthStatus.Degraded },
        { nameof(D.CheckMxCertificateExpiresSoon), "warning", HealthStatus.Degraded },
        { nameof(D.CheckNoTlsRptRecord), "warning", HealthStatus.Degraded },
        // The live TLS-RPT record is not the built one: an error for mta-sts check, but mail flows; only reports stop.
        { nameof(D.CheckTlsRptDrift), "error", HealthStatus.Degraded },
        { nameof(D.CheckStalePattern), "warning", HealthStatus.Degraded },
        { nameof(D.CheckMxNoStartTls), "error", HealthStatus.Unhealthy },
        // Advice on the built policy itself, which the build decided: ignored by default.
        { nameof(D.CheckShortMaxAgeEnforce), "warning", HealthStatus.Healthy },
        { nameof(D.CheckModeNone), "warning", HealthStatus.Healthy },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_finding_maps_to_the_status_of_the_table(string descriptorName, string severity, HealthStatus expected)
    {
        var descriptor = (MtaSts.Diagnostics.DiagnosticDescriptor)typeof(D).GetField(descriptorName)!.GetValue(null)!;
        Assert.Equal(severity, descriptor.Severity.ToString().ToLowerInvariant());

        var health = Map(Problem(descriptor, "_mta-sts.example.com", "What is wrong. How to fix it."));

        Assert.Equal(expected, health.Status);
        var problem = Assert.Single(health.Problems);
        Assert.Equal((descriptor.Code, severity, expected), (problem.Code, problem.Severity, problem.Status));
    }

    [Fact]
    public void A_step_that_could_not_run_is_degraded_not_unhealthy()
    {
        var health = Map(NotChecked(D.CheckDnsLookupFailed, "_mta-sts.example.com", "Could not look up _mta-sts.example.com TXT: timeout."));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("not checked", Assert.Single(health.Problems).Severity);
    }

    [Fact]
    public void Passes_and_information_are_healthy_with_nothing_to_report()
    {
        var health = Map(Finding.Info(CheckSteps.StartTls, "mx1.example.com", "TLSA records"));

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Empty(health.Problems);
        Assert.Equal(("abc123", "abc123", "enforce"), (health.PolicyId, health.PublishedId, health.Mode));
        Assert.Equal(["10 mx1.example.com: matches 'mx1.example.com'"], health.MxHosts);
    }

    [Fact]
    public void The_failure_status_of_the_registration_is_what_an_error_gives()
    {
        var drift = Problem(D.CheckIdDrift, "_mta-sts.example.com", "drift");

        Assert.Equal(HealthStatus.Degraded, Map(drift, HealthStatus.Degraded).Status);
        Assert.Equal(HealthStatus.Degraded, Map(Problem(D.CheckMxNotCoveredTesting, "mx2.example.com", "w"), HealthStatus.Degraded).Status);
        Assert.Equal(HealthStatus.Degraded, Map(Problem(D.CheckTlsRptDrift, "_smtp._tls.example.com", "rua"), HealthStatus.Degraded).Status);
    }

    [Fact]
    public void An_ignored_code_stays_in_the_data_but_does_not_change_the_status()
    {
        var health = Map(Problem(D.CheckNoTlsRptRecord, "_smtp._tls.example.com", "No TLS-RPT record."), ignored: new HashSet<string>(["mtasts7004"], StringComparer.OrdinalIgnoreCase));

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(HealthStatus.Healthy, Assert.Single(health.Problems).Status);
    }

    [Fact]
    public void The_worst_domain_decides_and_the_description_names_each_problem_in_the_checkers_words_worst_first()
    {
        var testing = HealthMapping.FromReport(Served("example.org"), Report("example.org",
            Problem(D.CheckMxNotCoveredTesting, "mx2.example.org", "MX mx2.example.org matches no mx pattern of the testing policy. Add 'mx: mx2.example.org'.", CheckSteps.Coverage)), DefaultIgnored, HealthStatus.Unhealthy);
        var drift = HealthMapping.FromReport(Served(), Report("example.com",
            Problem(D.CheckIdDrift, "_mta-sts.example.com", "_mta-sts.example.com publishes id old, but this site's build has id abc123. Publish _mta-sts.example.com TXT \"v=STSv1; id=abc123;\".", CheckSteps.Drift)), DefaultIgnored, HealthStatus.Unhealthy);

        var result = HealthMapping.Result([testing, drift], Now);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(
            "_mta-sts.example.com: error MTASTS7122: _mta-sts.example.com publishes id old, but this site's build has id abc123. Publish _mta-sts.example.com TXT \"v=STSv1; id=abc123;\".\n"
            + "mx2.example.org: warning MTASTS7051: MX mx2.example.org matches no mx pattern of the testing policy. Add 'mx: mx2.example.org'.",
            result.Description);
        Assert.Same(drift, result.Data["example.com"]);
        Assert.Same(testing, result.Data["example.org"]);
        Assert.Equal(Now, result.Data["checkedAt"]);
    }

    [Fact]
    public void Healthy_says_which_policies_are_live_as_built()
    {
        var health = HealthMapping.FromReport(Served(), Report("example.com"), DefaultIgnored, HealthStatus.Unhealthy);

        var result = HealthMapping.Result([health], Now);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("MTA-STS is live as built: example.com (mode enforce, id abc123).", result.Description);
    }

    [Fact]
    public void A_long_list_of_problems_is_cut_with_a_pointer_to_the_data()
    {
        var domains = Enumerable.Range(1, 12).Select(i => HealthMapping.FromReport(Served($"d{i}.example"), Report($"d{i}.example",
            Problem(D.CheckNoStsRecord, $"_mta-sts.d{i}.example", "No record.")), DefaultIgnored, HealthStatus.Unhealthy)).ToList();

        var lines = HealthMapping.Result(domains, Now).Description!.Split('\n');

        Assert.Equal(11, lines.Length);
        Assert.Equal("… and 2 more (see the data of each domain).", lines[^1]);
    }
}
