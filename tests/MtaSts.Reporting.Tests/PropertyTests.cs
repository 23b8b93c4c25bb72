using System.Text;
using CsCheck;
using MtaSts.Reporting;

namespace MtaSts.Reporting.Tests;

public sealed class PropertyTests
{
    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 12];
    private static readonly Gen<string> Host = Gen.Select(Label, Label).Select((a, b) => $"{a}.{b}.example");
    private static readonly Gen<string> Text = Gen.String[Gen.Char.AlphaNumeric, 0, 30].Select(s => s + "\"\\é\u2028");
    private static readonly Gen<string?> Ip = Gen.OneOf(Gen.Const((string?)"203.0.113.9"), Gen.Int[1, 254].Select(i => (string?)$"192.0.2.{i}"), Gen.Int[1, 65535].Select(i => (string?)$"2001:db8::{i:x}"));

    private static readonly Gen<FailureDetail> Failure =
        Gen.Select(Gen.OneOf("starttls-not-supported", "certificate-expired", "validation-failure", "sts-policy-fetch-error"), Ip, Host.Null(), Text.Null(), Gen.Long[0, 1_000_000], Text.Null())
            .Select((type, ip, mx, info, count, reason) => new FailureDetail(type, ip, mx, null, ip, count, info, reason));

    private static readonly Gen<PolicyResult> Policy =
        Gen.Select(Gen.OneOf("sts", "tlsa", "no-policy-found"), Text.List[0, 4], Host.Null(), Host.List[0, 3], Gen.Long[0, long.MaxValue / 4], Gen.Long[0, 1_000_000], Failure.List[0, 4])
            .Select((type, lines, domain, mx, ok, failed, details) => new PolicyResult(type, lines, domain, mx, ok, failed, details));

    private static readonly Gen<TlsRptReport> Report =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20].Select(s => s + " é\"x"), Gen.Int[0, 3_000_000], Gen.Int[1, 200_000], Text.Null(), Text, Policy.List[0, 4])
            .Select((org, startSeconds, length, contact, id, policies) =>
            {
                var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(startSeconds * 100L);
                return new TlsRptReport(org, start, start.AddSeconds(length), contact, id, policies);
            });

    [Fact]
    public void Serialize_then_parse_gives_the_same_report()
    {
        Report.Sample(report =>
        {
            var parsed = TlsRptParser.Parse(TlsRptWriter.Write(report));
            Assert.True(parsed.Report is not null, string.Join("\n", parsed.Diagnostics));
            Assert.Equal(Encoding.UTF8.GetString(TlsRptWriter.Write(report)), Encoding.UTF8.GetString(TlsRptWriter.Write(parsed.Report!)));
            Assert.Equal(report.StartDatetime, parsed.Report!.StartDatetime);
            Assert.Equal(report.Policies.Sum(p => p.FailureDetails.Count), parsed.Report.Policies.Sum(p => p.FailureDetails.Count));
        }, iter: 300);
    }

    [Fact]
    public void Any_bytes_give_a_result_and_never_throw()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var parsed = TlsRptParser.Parse(bytes, "x");
            Assert.True(parsed.Report is not null || parsed.Diagnostics.Any(d => d.IsError));
            var inputs = new ReportReader().ReadStream(new MemoryStream(bytes), "x").ToList();
            Assert.NotEmpty(inputs);
        }, iter: 2000);
    }

    [Fact]
    public void Any_mutation_of_a_real_report_never_throws()
    {
        var json = File.ReadAllBytes(Samples.PathOf("unattributed/google-com.test-mailflow-ovh.2020-02-06.three-policies-same-day.json"));
        Gen.Select(Gen.Int[0, json.Length - 1], Gen.Byte, Gen.Int[0, 2]).Array[1, 6].Sample(edits =>
        {
            var bytes = json.ToList();
            foreach (var (at, value, kind) in edits)
            {
                var i = Math.Min(at, bytes.Count - 1);
                if (kind == 0) bytes[i] = value;
                else if (kind == 1) bytes.Insert(i, value);
                else if (bytes.Count > 1) bytes.RemoveAt(i);
            }

            var parsed = TlsRptParser.Parse(bytes.ToArray(), "x");
            if (parsed.Report is { } report)
            {
                new ReportSummary().Add(report);
            }
        }, iter: 2000);
    }
}
