using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MtaSts.Policy;

namespace MtaSts.Checking.Tests;

/// <summary>The JSON form of reports the lab cannot produce easily (lookups that failed, no policy at all) against the schema.</summary>
public class CheckReportJsonTests
{

    private static JsonNode Valid(CheckReport report)
    {
        var text = CheckReportJson.Write(report);
        var result = CheckSchema.Schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public void A_report_whose_lookups_failed_is_not_checked_and_still_passes()
    {
        var failure = new DnsLookupFailure("no answer from the DNS server (timeout)");
        var report = new CheckReport
        {
            Domain = "example.com",
            CheckedAt = DateTimeOffset.UnixEpoch,
            Findings =
            [
                CheckRules.LookupFailed(CheckSteps.Dns, "_mta-sts.example.com", "TXT", failure),
                CheckRules.LookupFailed(CheckSteps.Dns, "example.com", "MX", failure),
            ],
            Verdict = CheckRules.Verdict(null, true, null, false),
            SkippedSteps = [CheckSteps.StartTls, CheckSteps.Drift],
        };

        var json = Valid(report);

        Assert.True((bool)json["passed"]!);
        Assert.Equal(2, (int)json["summary"]!["notChecked"]!);
        Assert.Equal("not-checked", (string?)json["steps"]![0]!["status"]);
        Assert.Equal("skipped", (string?)json["steps"]![3]!["status"]);
        Assert.Null(json["policy"]);
        Assert.Null(json["fix"]);
        Assert.Null(json["verdict"]!["mode"]);
    }

    [Fact]
    public void A_report_with_a_fix_and_MX_hosts()
    {
        var report = new CheckReport
        {
            Domain = "example.com",
            CheckedAt = DateTimeOffset.UnixEpoch,
            Findings = CheckRules.StsRecord("example.com", new TxtDiscovery("_mta-sts.example.com", [], [])).Findings,
            Verdict = new SenderVerdict { HasPolicy = true, Mode = PolicyMode.Testing, Mx = ["mx1.example.com"], MaxAge = 86400, PolicyId = "abc", Text = "t" },
            PolicyFetch = new PolicyFetchFacts { Url = "https://mta-sts.example.com/.well-known/mta-sts.txt", StatusCode = 200, Tls = new TlsFacts { CertificateSubject = "CN=x", Problem = CertificateProblem.None } },
            MxHosts =
            [
                new MxHostResult
                {
                    Host = "mx1.example.com",
                    Summary = "s",
                    Probes = [new StartTlsProbe { Address = "192.0.2.1", Outcome = ProbeOutcome.NotConnected, Detail = "refused" }],
                },
            ],
            Fix = CheckFix.FromLive("example.com", [new MxRecordFact(10, "mx1.example.com")], null, ["mailto:a@example.com"]),
        };

        var json = Valid(report);

        Assert.False((bool)json["passed"]!);
        Assert.Equal("MTASTS7001", (string?)json["steps"]![0]!["findings"]![0]!["code"]);
        Assert.Equal("not-connected", (string?)json["mxHosts"]![0]!["probes"]![0]!["outcome"]);
        Assert.Equal("_mta-sts.example.com", (string?)json["fix"]!["stsRecord"]!["name"]);
        Assert.StartsWith("# yaml-language-server", (string?)json["fix"]!["yaml"]);
    }
}
