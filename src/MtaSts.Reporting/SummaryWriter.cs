using System.Globalization;
using System.Text;
using System.Text.Json;
using MtaSts.Diagnostics;

namespace MtaSts.Reporting;

/// <summary>The output formats of a summary (and verdict, when there is one): text for people, JSON for scripts, CSV for spreadsheets.</summary>
public static class SummaryWriter
{
    /// <summary>The version of the JSON shape (docs/reports.md); raised when a field changes meaning or is removed.</summary>
    public const int JsonVersion = 1;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteText(ReportSummary summary, ReadinessVerdict? verdict, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        if (verdict is not null)
        {
            output.WriteLine(verdict.Headline);
            foreach (var condition in verdict.Conditions)
            {
                output.WriteLine($"  [{(condition.Met ? "ok" : "!!")}] {condition.Text}");
            }

            output.WriteLine();
        }

        var scope = summary.Scope.PolicyDomain is { } domain ? $" about {domain}" : "";
        output.WriteLine($"{summary.ReportsCounted} report{S(summary.ReportsCounted)}{scope} from {summary.Organizations.Count} reporter{S(summary.Organizations.Count)}, "
                         + $"{summary.Successful} successful and {summary.Failed} failed session{S(summary.Failed)}"
                         + (summary.Duplicates > 0 ? $"; {summary.Duplicates} duplicate{S(summary.Duplicates)} counted once" : "")
                         + (summary.ReportsAboutOtherDomains > 0 ? $"; {summary.ReportsAboutOtherDomains} report{S(summary.ReportsAboutOtherDomains)} about other domains ignored" : "")
                         + (summary.Errors.Count > 0 ? $"; {summary.Errors.Count} input{S(summary.Errors.Count)} could not be read" : "")
                         + ".");
        if (summary.ReportsCounted == 0)
        {
            return;
        }

        output.WriteLine();
        Table(output, "Per day (UTC)", ["day", "successful", "failed"],
            summary.Days.Select(d => new[] { Day(d.Key), N(d.Value.Successful), N(d.Value.Failed) }));
        Table(output, "Per reporting organisation", ["organisation", "reports", "first", "last", "successful", "failed"],
            summary.Organizations.Select(o => new[] { o.Key, N(o.Value.Reports), Day(o.Value.FirstDay), Day(o.Value.LastDay), N(o.Value.Successful), N(o.Value.Failed) }));
        var failures = SortedFailures(summary).ToList();
        if (failures.Count > 0)
        {
            Table(output, "Failures per receiving MX and result type", ["domain", "policy", "receiving MX", "result type", "sessions", "reporters", "sending IPs", "additional information"],
                failures.Select(f => new[] { f.Key.PolicyDomain, f.Key.PolicyType, Mx(f.Key.ReceivingMx), f.Key.ResultType, N(f.Value.Sessions), string.Join(", ", f.Value.Organizations), f.Value.SendingIps.ToString(), string.Join(" | ", f.Value.Information.Values) }));
        }
        else
        {
            output.WriteLine("No failed sessions.");
            output.WriteLine();
        }

        output.WriteLine("Policies the reporters saw");
        foreach (var policy in SortedPolicies(summary))
        {
            var match = policy.MatchesCurrent switch { true => " [current]", false => " [not the current policy]", null => "" };
            var text = policy.Lines.Count == 0 ? "(no policy-string)" : string.Join(" | ", policy.Lines);
            output.WriteLine(Printable($"  {Or(policy.PolicyDomain, "(no domain)")} {policy.PolicyType}{match}: {text}"));
            output.WriteLine(Printable($"    {policy.Reports} report{S(policy.Reports)}, {Day(policy.FirstDay)}..{Day(policy.LastDay)}, {policy.Successful} successful, {policy.Failed} failed; {string.Join(", ", policy.Organizations)}"));
        }
    }

    public static void WriteJson(ReportSummary summary, ReadinessVerdict? verdict, Stream output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", JsonVersion);
        if (verdict is not null)
        {
            json.WriteStartObject("verdict");
            json.WriteBoolean("ready", verdict.Ready);
            json.WriteString("policy-domain", verdict.PolicyDomain);
            json.WriteString("current-policy", verdict.CurrentPolicy.ToString());
            json.WriteString("headline", verdict.Headline);
            json.WriteNumber("days-required", verdict.Options.Days);
            json.WriteNumber("max-failure-rate", verdict.Options.MaxFailureRate);
            json.WriteStartArray("conditions");
            foreach (var condition in verdict.Conditions)
            {
                json.WriteStartObject();
                json.WriteString("name", condition.Name);
                json.WriteBoolean("met", condition.Met);
                json.WriteString("text", condition.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartObject("totals");
        json.WriteNumber("reports", summary.ReportsCounted);
        json.WriteNumber("duplicates", summary.Duplicates);
        json.WriteNumber("reports-about-other-domains", summary.ReportsAboutOtherDomains);
        json.WriteNumber("unreadable-inputs", summary.Errors.Count);
        json.WriteNumber("successful-sessions", summary.Successful);
        json.WriteNumber("failed-sessions", summary.Failed);
        json.WriteEndObject();

        json.WriteStartArray("days");
        foreach (var (day, totals) in summary.Days)
        {
            json.WriteStartObject();
            json.WriteString("day", Day(day));
            json.WriteNumber("successful-sessions", totals.Successful);
            json.WriteNumber("failed-sessions", totals.Failed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("organizations");
        foreach (var (name, totals) in summary.Organizations)
        {
            json.WriteStartObject();
            json.WriteString("organization-name", name);
            json.WriteNumber("reports", totals.Reports);
            json.WriteString("first-day", Day(totals.FirstDay));
            json.WriteString("last-day", Day(totals.LastDay));
            json.WriteNumber("successful-sessions", totals.Successful);
            json.WriteNumber("failed-sessions", totals.Failed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("failures");
        foreach (var (key, row) in SortedFailures(summary))
        {
            json.WriteStartObject();
            json.WriteString("policy-domain", key.PolicyDomain);
            json.WriteString("policy-type", key.PolicyType);
            json.WriteString("receiving-mx-hostname", key.ReceivingMx);
            json.WriteString("result-type", key.ResultType);
            json.WriteNumber("failed-session-count", row.Sessions);
            Strings(json, "organizations", row.Organizations);
            Strings(json, "sending-mta-ips", row.SendingIps.Values);
            json.WriteNumber("more-sending-mta-ips", row.SendingIps.More);
            Strings(json, "additional-information", row.Information.Values);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("policies");
        foreach (var policy in SortedPolicies(summary))
        {
            json.WriteStartObject();
            json.WriteString("policy-domain", policy.PolicyDomain);
            json.WriteString("policy-type", policy.PolicyType);
            Strings(json, "policy-string", policy.Lines);
            if (policy.MatchesCurrent is { } matches)
            {
                json.WriteBoolean("matches-config", matches);
            }

            json.WriteNumber("reports", policy.Reports);
            json.WriteString("first-day", Day(policy.FirstDay));
            json.WriteString("last-day", Day(policy.LastDay));
            json.WriteNumber("successful-sessions", policy.Successful);
            json.WriteNumber("failed-sessions", policy.Failed);
            Strings(json, "organizations", policy.Organizations);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// One flat table (RFC 4180: CRLF, quoted when needed): a row per day, reporter, domain, policy type, result and MX.
    /// Result <c>successful</c> rows carry the successful sessions; the others are failure-details result types.
    /// </summary>
    public static void WriteCsv(ReportSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("day,organization_name,policy_domain,policy_type,result,receiving_mx_hostname,sessions,sending_mta_ips\r\n");
        foreach (var (key, row) in summary.Details)
        {
            if (row.Sessions == 0 && key.Result == "successful")
            {
                continue;
            }

            output.Write(string.Join(",", Day(key.Day), Csv(key.Organization), Csv(key.PolicyDomain), Csv(key.PolicyType), Csv(key.Result), Csv(key.ReceivingMx), N(row.Sessions), Csv(row.SendingIps.ToString())));
            output.Write("\r\n");
        }
    }

    internal static IEnumerable<KeyValuePair<FailureKey, FailureRow>> SortedFailures(ReportSummary summary) =>
        summary.Failures.OrderByDescending(f => f.Value.Sessions).ThenBy(f => f.Key.PolicyDomain, StringComparer.Ordinal)
            .ThenBy(f => f.Key.ReceivingMx, StringComparer.Ordinal).ThenBy(f => f.Key.ResultType, StringComparer.Ordinal).ThenBy(f => f.Key.PolicyType, StringComparer.Ordinal);

    internal static IEnumerable<SeenPolicy> SortedPolicies(ReportSummary summary) =>
        summary.Policies.Values.OrderBy(p => p.PolicyDomain, StringComparer.Ordinal).ThenByDescending(p => p.LastDay).ThenBy(p => p.PolicyType, StringComparer.Ordinal);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    internal static string Day(DateOnly? day) => day is { } d ? Day(d) : "";

    internal static string N(long n) => n.ToString(Invariant);

    internal static string Mx(string mx) => mx.Length == 0 ? "(not reported)" : mx;

    internal static string S(long n) => n == 1 ? "" : "s";

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Quoted when needed; a leading = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Table(TextWriter output, string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Select(r => r.Select(Printable).ToArray()).ToList();
        var widths = header.Select((h, i) => Math.Min(60, Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length)))).ToArray();
        output.WriteLine(title);
        output.WriteLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            var line = new StringBuilder("  ");
            for (var i = 0; i < row.Length; i++)
            {
                var cell = row[i];
                var numeric = cell.Length > 0 && cell.All(char.IsAsciiDigit);
                line.Append(numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
                line.Append("  ");
            }

            output.WriteLine(line.ToString().TrimEnd());
        }

        output.WriteLine();
    }

    /// <summary>Reporters' text never starts a line of its own in the output.</summary>
    /// <summary>A line of text output: a control character from a report (a policy-string line ending in CR) is shown as U+XXXX.</summary>
    internal static string Printable(string text) => UserText.Visible(text);
}
