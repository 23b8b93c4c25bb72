using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

internal static class Samples
{
    /// <summary>The copied real reports (see Samples/README.md), next to the test assembly.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Samples");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static IReadOnlyList<ReportInput> Read(params string[] names) =>
        new ReportReader(workingDirectory: Folder).Read(names).ToList();

    public static ReportInput ReadOne(string name) => Assert.Single(Read(name));

    public static ReportParseResult Parse(string json) => TlsRptParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), "test.json");

    /// <summary>A minimal valid report with the given policies JSON.</summary>
    public static string Report(string policies, string org = "Example Org", string id = "r1", string start = "2026-11-01T00:00:00Z", string end = "2026-11-01T23:59:59Z") =>
        $$"""{"organization-name":"{{org}}","date-range":{"start-datetime":"{{start}}","end-datetime":"{{end}}"},"contact-info":"tlsrpt@example.org","report-id":"{{id}}","policies":[{{policies}}]}""";

    public static string Sts(string domain, string[] lines, long ok, long failed, string details = "") =>
        $$"""{"policy":{"policy-type":"sts","policy-string":[{{string.Join(",", lines.Select(l => "\"" + l + "\""))}}],"policy-domain":"{{domain}}"},"summary":{"total-successful-session-count":{{ok}},"total-failure-session-count":{{failed}}}{{(details.Length == 0 ? "" : ",\"failure-details\":[" + details + "]")}}}""";

    public static string Failure(string resultType, string mx, long count, string ip = "192.0.2.1") =>
        $$"""{"result-type":"{{resultType}}","sending-mta-ip":"{{ip}}","receiving-mx-hostname":"{{mx}}","failed-session-count":{{count}}}""";
}
