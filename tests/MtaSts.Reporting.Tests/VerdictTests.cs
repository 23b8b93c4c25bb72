using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

/// <summary>Counting across policies and reports, and the readiness verdict against the policy a config generates.</summary>
public sealed class VerdictTests
{
    private const string Config = "domain: example.com\nmode: testing\nmx:\n  - mx1.example.com\n  - mx2.example.com\nmax_age: 1w\n";

    // As Google writes it: max_age before mx, and mx in another order.
    private static readonly string[] GoogleOrder = ["version: STSv1", "mode: testing", "max_age: 604800", "mx: mx2.example.com", "mx: MX1.example.com"];
    private static readonly string[] MicrosoftOrder = ["version: STSv1", "mode: testing", "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800"];
    private static readonly string[] OlderPolicy = ["version: STSv1", "mode: testing", "mx: mx1.example.com", "max_age: 86400"];

    private static ReportSummary Summarise(IEnumerable<string> reports)
    {
        var deployment = MtaSts.ConfigValidator.Validate(Config).Deployment!;
        var summary = new ReportSummary(new SummaryScope(deployment.PolicyDomain, PolicyMatcher.View(deployment.Policy)));
        foreach (var json in reports)
        {
            var parsed = Samples.Parse(json);
            Assert.True(parsed.Report is not null, string.Join("\n", parsed.Diagnostics));
            summary.Add(new ReportInput("t.json", parsed.Report, parsed.Diagnostics, parsed.Report!.OrganizationName));
        }

        return summary;
    }

    /// <summary>Two reporters, one report each per day, for <paramref name="days"/> days from 2026-11-01.</summary>
    private static IEnumerable<string> Clean(int days, string details = "", long failed = 0) =>
        Enumerable.Range(0, days).SelectMany(i =>
        {
            var day = new DateOnly(2026, 11, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return new[]
            {
                Samples.Report(Samples.Sts("example.com", GoogleOrder, 100, i == 0 ? failed : 0, i == 0 ? details : ""), "Google Inc.", $"{day}T00:00:00Z_example.com", $"{day}T00:00:00Z", $"{day}T23:59:59Z"),
                Samples.Report(Samples.Sts("example.com", MicrosoftOrder, 10, 0), "Microsoft Corporation", $"1339{i}+example.com", $"{day}T00:00:00Z", $"{day}T23:59:59Z"),
            };
        });

    [Fact]
    public void Fourteen_clean_days_from_two_reporters_are_ready()
    {
        var summary = Summarise(Clean(14));
        var verdict = ReadinessVerdict.Evaluate(summary, "example.com");
        Assert.True(verdict.Ready, string.Join("\n", verdict.Conditions));
        Assert.StartsWith("READY: example.com", verdict.Headline, StringComparison.Ordinal);
        Assert.Equal(14, summary.Current.Days.Count);
        Assert.Equal(14 * 110, summary.Current.Successful);
        Assert.Equal(28, summary.ReportsCounted);
    }

    [Fact]
    public void A_config_already_in_enforce_is_judged_the_same_and_says_so()
    {
        string[] enforce = ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "max_age: 604800"];
        var deployment = MtaSts.ConfigValidator.Validate("domain: example.com\nmode: enforce\nmx: [mx1.example.com]\nmax_age: 1w\n").Deployment!;
        var summary = new ReportSummary(new SummaryScope(deployment.PolicyDomain, PolicyMatcher.View(deployment.Policy)));
        summary.Add(Samples.Parse(Samples.Report(Samples.Sts("example.com", enforce, 5, 2, Samples.Failure("starttls-not-supported", "mx1.example.com", 2)), "Google Inc.")).Report!);
        var verdict = ReadinessVerdict.Evaluate(summary, "example.com", new VerdictOptions(Days: 1));
        Assert.StartsWith("NOT READY: example.com is in mode enforce, so these failures are mail that was not delivered", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_enforce_without_failures_the_headline_names_the_missing_evidence_not_failures()
    {
        string[] enforce = ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "max_age: 604800"];
        var deployment = MtaSts.ConfigValidator.Validate("domain: example.com\nmode: enforce\nmx: [mx1.example.com]\nmax_age: 1w\n").Deployment!;
        var summary = new ReportSummary(new SummaryScope(deployment.PolicyDomain, PolicyMatcher.View(deployment.Policy)));
        summary.Add(Samples.Parse(Samples.Report(Samples.Sts("example.com", enforce, 5, 0), "Google Inc.")).Report!);

        var headline = ReadinessVerdict.Evaluate(summary, "example.com").Headline;

        Assert.StartsWith("NOT READY: example.com is in mode enforce and the reports show no failures, but not enough evidence yet", headline, StringComparison.Ordinal);
        Assert.Contains("(2 of 5 conditions unmet): too few days of reports, too few reporting organisations.", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("not delivered", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_testing_the_headline_says_whether_failures_or_evidence_are_unmet()
    {
        var evidence = ReadinessVerdict.Evaluate(Summarise(Clean(3)), "example.com").Headline;
        Assert.Equal("NOT READY: example.com should stay in mode testing (1 of 5 conditions unmet): not enough evidence yet: too few days of reports.", evidence);

        var failures = ReadinessVerdict.Evaluate(Summarise(Clean(14, Samples.Failure("certificate-expired", "mx1.example.com", 2), failed: 2)), "example.com").Headline;
        Assert.Equal("NOT READY: example.com should stay in mode testing (1 of 5 conditions unmet): the reports show failures that enforce would turn into undelivered mail.", failures);
    }

    [Fact]
    public void Policy_strings_match_whatever_the_field_order_case_and_line_ends()
    {
        var deployment = MtaSts.ConfigValidator.Validate(Config).Deployment!;
        var expected = PolicyMatcher.View(deployment.Policy);
        Assert.Equal(expected, PolicyMatcher.Read(GoogleOrder));
        Assert.Equal(expected, PolicyMatcher.Read(MicrosoftOrder));
        Assert.Equal(expected, PolicyMatcher.Read(deployment.PolicyText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)));
        Assert.NotEqual(expected, PolicyMatcher.Read(OlderPolicy));
        Assert.NotEqual(expected, PolicyMatcher.Read(["version: STSv1", "mode: enforce", "mx: mx1.example.com", "mx: mx2.example.com", "max_age: 604800"]));
        Assert.Null(PolicyMatcher.Read(["version: STSv1", "mode: strict"]));
    }

    [Fact]
    public void Too_few_days_and_one_reporter_are_named_with_numbers()
    {
        var summary = Summarise(Clean(3).Where(r => r.Contains("Google", StringComparison.Ordinal)));
        var verdict = ReadinessVerdict.Evaluate(summary, "example.com", new VerdictOptions(Days: 7));
        Assert.False(verdict.Ready);
        var unmet = verdict.Conditions.Where(c => !c.Met).ToList();
        Assert.Equal(["days", "reporters"], unmet.Select(c => c.Name));
        Assert.Contains("cover 3 distinct days; at least 7 are needed. Keep collecting reports for 4 more days.", unmet[0].Text, StringComparison.Ordinal);
        Assert.Contains("Only 1 reporting organisation saw the current policy (Google Inc.)", unmet[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_per_mx_and_result_type_block_with_what_to_do()
    {
        var details = Samples.Failure("certificate-host-mismatch", "mx2.example.com", 30, "209.85.1.1") + "," + Samples.Failure("certificate-host-mismatch", "mx2.example.com", 7, "209.85.1.2");
        var summary = Summarise(Clean(14, details, 37).Append(
            Samples.Report(Samples.Sts("example.com", MicrosoftOrder, 0, 0), "Microsoft Corporation", "extra", "2026-11-20T00:00:00Z", "2026-11-20T23:59:59Z")));
        var verdict = ReadinessVerdict.Evaluate(summary, "example.com");
        var unmet = Assert.Single(verdict.Conditions, c => !c.Met);
        Assert.Equal("failures", unmet.Name);
        Assert.StartsWith("mx2.example.com: 37 certificate-host-mismatch sessions from 1 reporter (Google Inc.)", unmet.Text, StringComparison.Ordinal);
        Assert.Contains("its certificate does not cover its name", unmet.Text, StringComparison.Ordinal);
        Assert.EndsWith("fix before enforcing.", unmet.Text, StringComparison.Ordinal);

        // 37 of 1577 sessions is 2.3%: allowed with --max-failure-rate 3%.
        Assert.True(ReadinessVerdict.Evaluate(summary, "example.com", new VerdictOptions(MaxFailureRate: 0.03)).Ready);
        Assert.False(ReadinessVerdict.Evaluate(summary, "example.com", new VerdictOptions(MaxFailureRate: 0.02)).Ready);
    }

    [Fact]
    public void Reports_about_an_older_policy_are_not_evidence()
    {
        var older = Enumerable.Range(1, 20).Select(i => Samples.Report(Samples.Sts("example.com", OlderPolicy, 50, 0), i % 2 == 0 ? "Google Inc." : "Microsoft Corporation", "old" + i, $"2026-10-{i:00}T00:00:00Z", $"2026-10-{i:00}T23:59:59Z"));
        var verdict = ReadinessVerdict.Evaluate(Summarise(older), "example.com");
        Assert.False(verdict.Ready);
        var first = verdict.Conditions[0];
        Assert.Equal(("current-policy", false), (first.Name, first.Met));
        Assert.Contains("No report shows the current policy (mode: testing; mx: mx1.example.com, mx2.example.com; max_age: 604800)", first.Text, StringComparison.Ordinal);
        Assert.Contains("mode: testing; mx: mx1.example.com; max_age: 86400", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_only_about_other_domains_ask_whether_the_config_is_the_right_one()
    {
        var verdict = ReadinessVerdict.Evaluate(Summarise([Samples.Report(Samples.Sts("other.example", OlderPolicy, 9, 0), "Google Inc.", "g2")]), "example.com");
        Assert.Contains("(1 report is about other domains: is --config the right file?)", verdict.Conditions[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_adds_neither_sessions_nor_warnings()
    {
        var parsed = Samples.Parse(Samples.Report(Samples.Sts("example.com", MicrosoftOrder, 3, 0), start: "2026-11-01T00:00:00", end: "2026-11-01T23:59:59"));
        var summary = new ReportSummary();
        var input = new ReportInput("a.json", parsed.Report, parsed.Diagnostics, parsed.Report!.OrganizationName);
        summary.Add(input);
        summary.Add(input with { Source = "copy/a.json" });
        Assert.Equal((3L, 1), (summary.Successful, summary.Duplicates));
        Assert.Equal(2, Assert.Single(summary.Warnings).Count);
    }

    [Fact]
    public void Policy_fetch_failures_since_the_current_policy_block()
    {
        var fetch = Samples.Report("""{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":0,"total-failure-session-count":3},"failure-details":[{"result-type":"sts-policy-fetch-error","failed-session-count":3}]}""", "Microsoft Corporation", "fetch", "2026-11-05T00:00:00Z", "2026-11-05T23:59:59Z");
        var verdict = ReadinessVerdict.Evaluate(Summarise(Clean(14).Append(fetch)), "example.com");
        var unmet = Assert.Single(verdict.Conditions, c => !c.Met);
        Assert.Equal("policy-fetch", unmet.Name);
        Assert.StartsWith("3 sts-policy-fetch-error sessions from 1 reporter (Microsoft Corporation) (last 2026-11-05)", unmet.Text, StringComparison.Ordinal);

        // Before the current policy was first seen, a fetch error is history.
        var earlier = fetch.Replace("2026-11-05", "2026-10-05", StringComparison.Ordinal);
        Assert.True(ReadinessVerdict.Evaluate(Summarise(Clean(14).Append(earlier)), "example.com").Ready);
    }

    [Fact]
    public void Failures_in_reports_without_a_policy_string_count_from_the_first_current_day()
    {
        static string MailRu(string day) => Samples.Report("""{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":5,"total-failure-session-count":2},"failure-details":[{"result-type":"certificate-expired","receiving-mx-hostname":"mx1.example.com","failed-session-count":2}]}""", "Mail.ru", "mailru-" + day, $"{day}T00:00:00Z", $"{day}T23:59:59Z");

        var during = ReadinessVerdict.Evaluate(Summarise(Clean(14).Append(MailRu("2026-11-10"))), "example.com");
        var unmet = Assert.Single(during.Conditions, c => !c.Met);
        Assert.StartsWith("mx1.example.com: 2 certificate-expired sessions from 1 reporter (Mail.ru) (0.13% of 1547,", unmet.Text, StringComparison.Ordinal);

        // Mail.ru is no evidence for the current policy (it sends no policy-string) and a failure before it is history.
        var before = ReadinessVerdict.Evaluate(Summarise(Clean(14).Append(MailRu("2026-10-10"))), "example.com");
        Assert.True(before.Ready, string.Join("\n", before.Conditions));
        Assert.DoesNotContain("Mail.ru", before.Conditions.Single(c => c.Name == "reporters").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_are_counted_once_per_report_and_reports_once()
    {
        var tlsa = """{"policy":{"policy-type":"tlsa","policy-string":["3 1 1 AB"],"policy-domain":"example.com"},"summary":{"total-successful-session-count":2,"total-failure-session-count":0}}""";
        var noPolicy = """{"policy":{"policy-type":"no-policy-found","policy-domain":"example.com"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}""";
        var stsAndTlsa = Samples.Report(Samples.Sts("example.com", MicrosoftOrder, 2, 0) + "," + tlsa, "Microsoft Corporation", "m1");
        var stsAndNoPolicy = Samples.Report(noPolicy + "," + Samples.Sts("example.com", GoogleOrder, 0, 3, Samples.Failure("validation-failure", "mx1.example.com", 3)), "Google Inc.", "g1");
        var other = Samples.Report(Samples.Sts("other.example", OlderPolicy, 9, 0), "Google Inc.", "g2");

        // The same report twice (another folder, a forward), and the same report-id from another organisation.
        var summary = Summarise([stsAndTlsa, stsAndTlsa, stsAndNoPolicy, other, Samples.Report(Samples.Sts("example.com", MicrosoftOrder, 5, 0), "Yahoo", "m1")]);
        Assert.Equal(1, summary.Duplicates);
        Assert.Equal(1, summary.ReportsAboutOtherDomains);
        Assert.Equal(3, summary.ReportsCounted);
        Assert.Equal(2 + 1 + 5, summary.Successful);
        Assert.Equal(3, summary.Failed);
        var day = Assert.Single(summary.Days);
        Assert.Equal((8L, 3L), (day.Value.Successful, day.Value.Failed));
    }

    [Fact]
    public void A_policy_string_line_ending_in_CR_is_shown_not_printed_as_a_space()
    {
        // A real Google report split a CRLF policy on LF, so each line kept its CR.
        string[] crLines = ["version: STSv1\\r", "mode: testing\\r", "mx: mx1.example.com\\r", "max_age: 604800\\r"];
        var summary = Summarise([Samples.Report(Samples.Sts("example.com", crLines, 5, 0), "Google Inc.")]);

        var text = new StringWriter();
        SummaryWriter.WriteText(summary, null, text);

        Assert.Contains("version: STSv1U+000D | mode: testingU+000D | mx: mx1.example.comU+000D | max_age: 604800U+000D", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r |", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_outputs_agree_on_the_numbers()
    {
        var details = Samples.Failure("starttls-not-supported", "mx2.example.com", 4, "198.51.100.7");
        var summary = Summarise(Clean(2, details, 4));
        var verdict = ReadinessVerdict.Evaluate(summary, "example.com");

        var text = new StringWriter();
        SummaryWriter.WriteText(summary, verdict, text);
        Assert.StartsWith("NOT READY: example.com should stay in mode testing", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("mx2.example.com", text.ToString(), StringComparison.Ordinal);

        var json = new MemoryStream();
        SummaryWriter.WriteJson(summary, verdict, json);
        using var document = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.GetProperty("verdict").GetProperty("ready").GetBoolean());
        Assert.Equal(220, root.GetProperty("totals").GetProperty("successful-sessions").GetInt64());
        Assert.Equal(4, root.GetProperty("totals").GetProperty("failed-sessions").GetInt64());
        var failure = root.GetProperty("failures")[0];
        Assert.Equal("starttls-not-supported", failure.GetProperty("result-type").GetString());
        Assert.Equal("198.51.100.7", failure.GetProperty("sending-mta-ips")[0].GetString());
        Assert.True(root.GetProperty("policies")[0].GetProperty("matches-config").GetBoolean());

        var csv = new StringWriter();
        SummaryWriter.WriteCsv(summary, csv);
        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("day,organization_name,policy_domain,policy_type,result,receiving_mx_hostname,sessions,sending_mta_ips", lines[0]);
        Assert.Contains("2026-11-01,Google Inc.,example.com,sts,starttls-not-supported,mx2.example.com,4,198.51.100.7", lines);
        Assert.Equal(220, lines.Skip(1).Select(l => l.Split(',')).Where(c => c[4] == "successful").Sum(c => long.Parse(c[6], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
