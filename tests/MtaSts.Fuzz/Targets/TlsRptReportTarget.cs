using MtaSts.Reporting;

namespace MtaSts.Fuzz.Targets;

/// <summary>
/// A TLS-RPT aggregate report's JSON (TlsRptParser, RFC 8460 §4.4), as senders mail it. The parser promises never to
/// throw; a report it counts, written again as RFC 8460 JSON and read back, must be the same report.
/// </summary>
public sealed class TlsRptReportTarget : FuzzTarget
{
    public override string Name => "tlsrpt-report";

    protected override void Check(byte[] input)
    {
        var result = TlsRptParser.Parse(input, "report.json");
        Property.Diagnostics(result.Diagnostics, System.Text.Encoding.UTF8.GetString(input));
        if (result.Report is not { } report)
        {
            return;
        }

        var again = TlsRptParser.Parse(TlsRptWriter.Write(report), "rewritten.json");
        Property.That(again.Report is not null, $"a counted report, written again, is refused: {string.Join(" | ", again.Diagnostics)}");
        var reread = again.Report!;
        Property.Same(report.OrganizationName, reread.OrganizationName, "organization-name");
        Property.Same(report.ReportId, reread.ReportId, "report-id");
        Property.Same(report.StartDatetime, reread.StartDatetime, "start-datetime");
        Property.Same(report.EndDatetime, reread.EndDatetime, "end-datetime");
        Property.Same(report.Policies.Count, reread.Policies.Count, "number of policies");
        for (var i = 0; i < report.Policies.Count; i++)
        {
            Property.Same(report.Policies[i].PolicyType, reread.Policies[i].PolicyType, $"policies[{i}] policy-type");
            Property.Same(report.Policies[i].TotalSuccessfulSessionCount, reread.Policies[i].TotalSuccessfulSessionCount, $"policies[{i}] successful sessions");
            Property.Same(report.Policies[i].TotalFailureSessionCount, reread.Policies[i].TotalFailureSessionCount, $"policies[{i}] failed sessions");
            Property.SameSequence(report.Policies[i].PolicyString, reread.Policies[i].PolicyString, $"policies[{i}] policy-string");
        }
    }
}
