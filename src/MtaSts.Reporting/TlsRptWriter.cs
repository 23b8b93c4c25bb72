using System.Text.Json;

namespace MtaSts.Reporting;

/// <summary>Writes a report as RFC 8460 §4.4 JSON (with the Errata 6241 array form of <c>mx-host</c>).</summary>
public static class TlsRptWriter
{
    public static byte[] Write(TlsRptReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("organization-name", report.OrganizationName);
            json.WriteStartObject("date-range");
            json.WriteString("start-datetime", Rfc3339(report.StartDatetime));
            json.WriteString("end-datetime", Rfc3339(report.EndDatetime));
            json.WriteEndObject();
            if (report.ContactInfo is not null)
            {
                json.WriteString("contact-info", report.ContactInfo);
            }

            json.WriteString("report-id", report.ReportId);
            json.WriteStartArray("policies");
            foreach (var policy in report.Policies)
            {
                json.WriteStartObject();
                json.WriteStartObject("policy");
                json.WriteString("policy-type", policy.PolicyType);
                if (policy.PolicyString.Count > 0)
                {
                    WriteStrings(json, "policy-string", policy.PolicyString);
                }

                if (policy.PolicyDomain is not null)
                {
                    json.WriteString("policy-domain", policy.PolicyDomain);
                }

                if (policy.MxHost.Count > 0)
                {
                    WriteStrings(json, "mx-host", policy.MxHost);
                }

                json.WriteEndObject();
                json.WriteStartObject("summary");
                json.WriteNumber("total-successful-session-count", policy.TotalSuccessfulSessionCount);
                json.WriteNumber("total-failure-session-count", policy.TotalFailureSessionCount);
                json.WriteEndObject();
                if (policy.FailureDetails.Count > 0)
                {
                    json.WriteStartArray("failure-details");
                    foreach (var failure in policy.FailureDetails)
                    {
                        json.WriteStartObject();
                        json.WriteString("result-type", failure.ResultType);
                        WriteOptional(json, "sending-mta-ip", failure.SendingMtaIp);
                        WriteOptional(json, "receiving-mx-hostname", failure.ReceivingMxHostname);
                        WriteOptional(json, "receiving-mx-helo", failure.ReceivingMxHelo);
                        WriteOptional(json, "receiving-ip", failure.ReceivingIp);
                        json.WriteNumber("failed-session-count", failure.FailedSessionCount);
                        WriteOptional(json, "additional-information", failure.AdditionalInformation);
                        WriteOptional(json, "failure-reason-code", failure.FailureReasonCode);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>RFC 3339 in UTC with 'Z', as RFC 8460 §4.4 asks.</summary>
    public static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString(value.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
