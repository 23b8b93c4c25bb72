using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MtaSts.Checking;

/// <summary>
/// The report as JSON, in the documented shape of schema/mta-sts-check.schema.json (version
/// <see cref="CheckReport.SchemaVersion"/>). Written field by field so the shape is the schema's, not a serializer's.
/// </summary>
public static class CheckReportJson
{
    public static string Write(CheckReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(w, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Info => "info",
        CheckStatus.Warning => "warning",
        CheckStatus.Error => "error",
        CheckStatus.NotChecked => "not-checked",
        _ => "skipped",
    };

    private static void Write(Utf8JsonWriter w, CheckReport report)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", CheckReport.SchemaVersion);
        w.WriteString("domain", report.Domain);
        w.WriteString("checkedAt", report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteNumber("elapsedMs", report.ElapsedMilliseconds);
        w.WriteBoolean("passed", report.Passed);

        w.WriteStartObject("summary");
        w.WriteNumber("errors", report.ErrorCount);
        w.WriteNumber("warnings", report.WarningCount);
        w.WriteNumber("notChecked", report.NotCheckedCount);
        w.WriteEndObject();

        var verdict = report.Verdict;
        w.WriteStartObject("verdict");
        w.WriteBoolean("hasPolicy", verdict.HasPolicy);
        String(w, "mode", verdict.Mode is { } mode ? MtaSts.Policy.PolicyModeExtensions.ToKeyword(mode) : null);
        Strings(w, "mx", verdict.Mx);
        Number(w, "maxAge", verdict.MaxAge);
        String(w, "policyId", verdict.PolicyId);
        w.WriteString("text", verdict.Text);
        w.WriteEndObject();

        w.WriteStartArray("steps");
        foreach (var step in CheckSteps.All)
        {
            w.WriteStartObject();
            w.WriteString("id", step);
            w.WriteString("title", CheckSteps.Title(step));
            w.WriteString("status", Status(report.StepStatus(step)));
            w.WriteStartArray("findings");
            foreach (var finding in report.Findings.Where(f => f.Step == step))
            {
                w.WriteStartObject();
                w.WriteString("status", Status(finding.Status));
                String(w, "code", finding.Code);
                w.WriteString("subject", finding.Subject);
                w.WriteString("message", finding.Message);
                String(w, "helpLink", finding.Diagnostic?.HelpLink);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("dns");
        String(w, "stsRecord", report.StsRecord);
        Strings(w, "stsRecordCnames", report.StsRecordCnames);
        String(w, "tlsRptRecord", report.TlsRptRecord);
        w.WriteEndObject();

        if (report.PolicyFetch is { } fetch)
        {
            w.WriteStartObject("policy");
            w.WriteString("url", fetch.Url);
            Strings(w, "addresses", fetch.Addresses);
            String(w, "connectedAddress", fetch.ConnectedAddress);
            Number(w, "statusCode", fetch.StatusCode);
            String(w, "contentType", fetch.ContentType);
            String(w, "location", fetch.Location);
            Number(w, "bodyBytes", fetch.BodyBytes);
            Certificate(w, fetch.Tls);
            w.WriteNumber("elapsedMs", fetch.ElapsedMilliseconds);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("policy");
        }

        w.WriteStartArray("mxHosts");
        foreach (var host in report.MxHosts)
        {
            w.WriteStartObject();
            w.WriteString("host", host.Host);
            w.WriteNumber("preference", host.Preference);
            Strings(w, "addresses", host.Addresses);
            String(w, "matchedPattern", host.MatchedPattern);
            if (host.DeliverableUnderEnforce is { } deliverable)
            {
                w.WriteBoolean("deliverableUnderEnforce", deliverable);
            }
            else
            {
                w.WriteNull("deliverableUnderEnforce");
            }

            w.WriteString("summary", host.Summary);
            w.WriteBoolean("hasTlsa", host.HasTlsa);
            w.WriteStartArray("probes");
            foreach (var probe in host.Probes)
            {
                w.WriteStartObject();
                w.WriteString("address", probe.Address);
                w.WriteString("outcome", Outcome(probe.Outcome));
                String(w, "detail", probe.Detail);
                w.WriteBoolean("startTlsOffered", probe.StartTlsOffered);
                String(w, "tlsProtocol", probe.Tls?.Protocol);
                Certificate(w, probe.Tls);
                w.WriteNumber("elapsedMs", probe.ElapsedMilliseconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        if (report.Fix is { } fix)
        {
            w.WriteStartObject("fix");
            w.WriteString("source", fix.Source);
            w.WriteString("policyUrl", fix.PolicyUrl);
            w.WriteString("policyText", fix.PolicyText);
            w.WriteStartObject("stsRecord");
            w.WriteString("name", fix.StsRecordName);
            w.WriteString("value", fix.StsRecordValue);
            w.WriteEndObject();
            if (fix.TlsRptRecordName is not null)
            {
                w.WriteStartObject("tlsRptRecord");
                w.WriteString("name", fix.TlsRptRecordName);
                w.WriteString("value", fix.TlsRptRecordValue);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("tlsRptRecord");
            }

            String(w, "yaml", fix.Yaml);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("fix");
        }

        w.WriteEndObject();
    }

    public static string Outcome(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Secure => "secure",
        ProbeOutcome.CertificateInvalid => "certificate-invalid",
        ProbeOutcome.NoStartTls => "no-starttls",
        ProbeOutcome.HandshakeFailed => "handshake-failed",
        ProbeOutcome.NotConnected => "not-connected",
        _ => "smtp-failed",
    };

    private static string Problem(CertificateProblem problem) => problem switch
    {
        CertificateProblem.None => "none",
        CertificateProblem.Expired => "expired",
        CertificateProblem.NotYetValid => "not-yet-valid",
        CertificateProblem.WrongName => "wrong-name",
        CertificateProblem.SelfSigned => "self-signed",
        CertificateProblem.UntrustedChain => "untrusted-chain",
        _ => "other",
    };

    private static void Certificate(Utf8JsonWriter w, TlsFacts? tls)
    {
        if (tls?.CertificateSubject is null)
        {
            w.WriteNull("certificate");
            return;
        }

        w.WriteStartObject("certificate");
        w.WriteString("subject", tls.CertificateSubject);
        String(w, "issuer", tls.CertificateIssuer);
        Strings(w, "names", tls.CertificateNames);
        String(w, "notAfter", tls.CertificateNotAfter?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Number(w, "daysUntilExpiry", tls.DaysUntilExpiry);
        w.WriteString("problem", Problem(tls.Problem));
        w.WriteEndObject();
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
