using System.Globalization;
using System.Net;
using System.Text.Json;
using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Reporting;

/// <summary>What reading one report gave: the report (null when it cannot be counted) and every diagnostic.</summary>
public sealed record ReportParseResult(TlsRptReport? Report, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The reporter named by the JSON, even when the report could not be counted; null when unknown.</summary>
    public string? Reporter { get; init; }
}

/// <summary>
/// Reads the JSON of one TLS-RPT aggregate report (RFC 8460 §4.4) the way a reasonable reader would: the deviations
/// real senders make are accepted and each is recorded as a warning naming the reporter; only a report that cannot be
/// placed on a day or has no <c>policies</c> is refused. Never throws for any input.
/// </summary>
public static class TlsRptParser
{
    /// <summary>Real reports are a few KB; anything over this is not a report (and may be a decompression bomb).</summary>
    public const int MaxReportBytes = 32 * 1024 * 1024;

    private const string UnknownReporter = "unknown reporter";

    public static ReportParseResult Parse(ReadOnlyMemory<byte> json, string? source = null)
    {
        if (json.Length > MaxReportBytes)
        {
            return Fail(DiagnosticDescriptors.ReportTooLarge, $"The report is {json.Length:N0} bytes; TLS-RPT reports are a few KB (at most {MaxReportBytes:N0} bytes are read).", source);
        }

        // JSON is UTF-8 (RFC 8259 §8.1). A sender's stray Latin-1 byte is no reason to lose the report: it is read as U+FFFD.
        var decoded = Utf8Text.Decode(json.ToArray(), out var invalidUtf8);
        if (invalidUtf8 >= 0)
        {
            json = System.Text.Encoding.UTF8.GetBytes(decoded);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var span = ex.LineNumber is { } line ? SourceSpan.At((int)line + 1, CharacterColumn(json.ToArray(), line, ex.BytePositionInLine ?? 0)) : default;
            return Fail(DiagnosticDescriptors.ReportNotJson, $"The report is not valid JSON: {FirstSentence(ex.Message)} Check that the file is a TLS-RPT report (RFC 8460 §4.4), uncompressed or gzip.", source, span);
        }

        using (document)
        {
            var reader = new Reader(source);
            if (invalidUtf8 >= 0)
            {
                reader.Warn(DiagnosticDescriptors.ReportFieldInvalid, $"the report has a byte that is not UTF-8 at offset {invalidUtf8} (JSON is UTF-8, RFC 8259 §8.1); read as U+FFFD.");
            }

            try
            {
                return reader.Read(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                // Not expected (the property tests feed arbitrary bytes); a report that trips the reader is still only that report's error.
                return Fail(DiagnosticDescriptors.ReportNotAggregateReport, $"The report cannot be read: {ex.Message}", source);
            }
        }
    }

    private static ReportParseResult Fail(DiagnosticDescriptor descriptor, string message, string? source, SourceSpan span = default) =>
        new(null, [descriptor.Create(message, span, source)]);

    /// <summary>
    /// System.Text.Json counts the position in a line in bytes; a diagnostic's column counts characters, as editors do.
    /// The column is at most one past the end of the line (the error may be the line break itself).
    /// </summary>
    private static int CharacterColumn(byte[] json, long line, long bytesInLine)
    {
        var start = 0;
        for (var i = 0L; i < line && start < json.Length; i++)
        {
            var next = Array.IndexOf(json, (byte)'\n', start);
            if (next < 0)
            {
                break;
            }

            start = next + 1;
        }

        var end = Array.IndexOf(json, (byte)'\n', start);
        var lineLength = (end < 0 ? json.Length : end) - start;
        return TextPosition.OfUtf8(json, start + (int)Math.Min(bytesInLine, lineLength)).Column;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.EndsWith('.') ? text : text + ".";
    }

    /// <summary>One report's reading: the reporter is known once organization-name is read, and every warning names it.</summary>
    private sealed class Reader(string? source)
    {
        private readonly List<Diagnostic> diagnostics = [];
        private string reporter = UnknownReporter;

        public ReportParseResult Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse($"The JSON is {Describe(root.ValueKind)}, not a report object with organization-name, date-range, report-id and policies (RFC 8460 §4.4).");
            }

            var organization = OptionalString(root, "organization-name", "organization-name");
            if (organization is null)
            {
                organization = ContactDomain(root) ?? UnknownReporter;
                Warn(DiagnosticDescriptors.ReportFieldMissing, $"the report has no organization-name (RFC 8460 §4.4); counted as '{organization}'.");
            }

            reporter = organization.Trim();

            if (!root.TryGetProperty("date-range", out var range) || range.ValueKind != JsonValueKind.Object)
            {
                return Refuse($"{reporter}: the report has no date-range object (RFC 8460 §4.4), so it cannot be placed on a day.");
            }

            if (ReadDate(range, "start-datetime") is not { } start || ReadDate(range, "end-datetime") is not { } end)
            {
                return Refuse($"{reporter}: date-range needs start-datetime and end-datetime as RFC 3339 dates (RFC 8460 §4.4), so the report cannot be placed on a day.");
            }

            string? contact = null;
            if (root.TryGetProperty("contact-info", out var contactElement))
            {
                if (contactElement.ValueKind == JsonValueKind.String)
                {
                    contact = contactElement.GetString();
                }
                else
                {
                    Warn(DiagnosticDescriptors.ReportFieldWrongType, $"contact-info is {Describe(contactElement.ValueKind)}, not a string (RFC 8460 §4.4); read as absent.");
                }
            }

            var reportId = OptionalString(root, "report-id", "report-id");
            if (reportId is null)
            {
                reportId = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root.GetRawText())))[..32].ToLowerInvariant();
                Warn(DiagnosticDescriptors.ReportFieldMissing, "the report has no report-id (RFC 8460 §4.4); the report is identified by a hash of its content, so a copy of it is still counted once.");
            }

            if (!root.TryGetProperty("policies", out var policiesElement) || policiesElement.ValueKind != JsonValueKind.Array)
            {
                return Refuse($"{reporter}: the report has no policies array (RFC 8460 §4.4): there are no sessions to count.");
            }

            var policies = new List<PolicyResult>();
            var index = 0;
            foreach (var entry in policiesElement.EnumerateArray())
            {
                if (ReadPolicy(entry, $"policies[{index}]") is { } policy)
                {
                    policies.Add(policy);
                }

                index++;
            }

            var report = new TlsRptReport(reporter, start, end, contact, reportId, policies);
            return new ReportParseResult(report, diagnostics) { Reporter = reporter };
        }

        private ReportParseResult Refuse(string message)
        {
            diagnostics.Add(DiagnosticDescriptors.ReportNotAggregateReport.Create(message, file: source));
            return new ReportParseResult(null, diagnostics) { Reporter = reporter == UnknownReporter ? null : reporter };
        }

        private PolicyResult? ReadPolicy(JsonElement entry, string path)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is {Describe(entry.ValueKind)}, not an object (RFC 8460 §4.4); skipped.");
                return null;
            }

            var type = "unknown";
            IReadOnlyList<string> policyString = [];
            string? domain = null;
            IReadOnlyList<string> mxHost = [];
            if (entry.TryGetProperty("policy", out var policy) && policy.ValueKind == JsonValueKind.Object)
            {
                type = OptionalString(policy, "policy-type", path + ".policy.policy-type")?.Trim().ToLowerInvariant() ?? "unknown";
                if (type is not (PolicyResult.Sts or PolicyResult.Tlsa or PolicyResult.NoPolicyFound))
                {
                    Warn(DiagnosticDescriptors.ReportFieldInvalid, $"{path}.policy.policy-type '{UserText.Quote(type)}' is not sts, tlsa or no-policy-found (RFC 8460 §4.3); its sessions are counted under that name.");
                }

                policyString = ReadPolicyString(policy, path + ".policy.policy-string");
                domain = NormalizeHost(OptionalString(policy, "policy-domain", path + ".policy.policy-domain"));
                if (domain is null)
                {
                    Warn(DiagnosticDescriptors.ReportFieldMissing, $"{path}.policy has no policy-domain (RFC 8460 §4.4); its sessions are counted under no domain.");
                }

                mxHost = ReadMxHost(policy, path + ".policy.mx-host");
            }
            else
            {
                Warn(DiagnosticDescriptors.ReportFieldMissing, $"{path} has no policy object (RFC 8460 §4.4); its sessions are counted under policy type 'unknown' and no domain.");
            }

            long successful = 0, failed = 0;
            if (entry.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                successful = Count(summary, "total-successful-session-count", path + ".summary");
                failed = Count(summary, "total-failure-session-count", path + ".summary");
            }
            else
            {
                Warn(DiagnosticDescriptors.ReportFieldMissing, $"{path} has no summary (RFC 8460 §4.4); counted as 0 sessions.");
            }

            var details = new List<FailureDetail>();
            if (entry.TryGetProperty("failure-details", out var detailsElement))
            {
                if (detailsElement.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var detail in detailsElement.EnumerateArray())
                    {
                        if (ReadFailure(detail, $"{path}.failure-details[{i}]") is { } failure)
                        {
                            details.Add(failure);
                        }

                        i++;
                    }
                }
                else if (detailsElement.ValueKind != JsonValueKind.Null)
                {
                    Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path}.failure-details is {Describe(detailsElement.ValueKind)}, not an array; ignored.");
                }
            }

            var detailed = details.Sum(d => d.FailedSessionCount);
            if (detailed > failed)
            {
                Warn(DiagnosticDescriptors.ReportFailuresExceedTotal,
                    $"{path}: failure-details add up to {detailed} sessions but total-failure-session-count is {failed}; the total counts the sessions, the details are listed as sent.");
            }

            return new PolicyResult(type, policyString, domain, mxHost, successful, failed, details);
        }

        private FailureDetail? ReadFailure(JsonElement detail, string path)
        {
            if (detail.ValueKind != JsonValueKind.Object)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is {Describe(detail.ValueKind)}, not an object; skipped.");
                return null;
            }

            var resultType = OptionalString(detail, "result-type", path + ".result-type")?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(resultType))
            {
                Warn(DiagnosticDescriptors.ReportFieldMissing, $"{path} has no result-type (RFC 8460 §4.4); counted as 'unknown'.");
                resultType = "unknown";
            }

            var mx = OptionalString(detail, "receiving-mx-hostname", path + ".receiving-mx-hostname");
            if (mx is null && detail.TryGetProperty("receiving-mx-host-name", out _))
            {
                Warn(DiagnosticDescriptors.ReportFieldVariant, $"{path} has receiving-mx-host-name instead of receiving-mx-hostname (RFC 8460 §4.4); read as the same field.");
                mx = OptionalString(detail, "receiving-mx-host-name", path + ".receiving-mx-host-name");
            }

            var information = OptionalString(detail, "additional-information", path + ".additional-information");
            if (information is null && detail.TryGetProperty("additional-info-uri", out _))
            {
                Warn(DiagnosticDescriptors.ReportFieldVariant, $"{path} has additional-info-uri instead of additional-information (RFC 8460 §4.4); read as the same field.");
                information = OptionalString(detail, "additional-info-uri", path + ".additional-info-uri");
            }

            return new FailureDetail(
                resultType,
                Ip(detail, "sending-mta-ip", path),
                NormalizeHost(mx),
                OptionalString(detail, "receiving-mx-helo", path + ".receiving-mx-helo"),
                Ip(detail, "receiving-ip", path),
                Count(detail, "failed-session-count", path),
                information,
                OptionalString(detail, "failure-reason-code", path + ".failure-reason-code"));
        }

        /// <summary>
        /// A list of strings (RFC 8460 §4.4). Microsoft's <c>tlsa</c> entries hold one string that is itself a JSON
        /// array of the records: that is unwrapped, with a warning.
        /// </summary>
        private IReadOnlyList<string> ReadPolicyString(JsonElement policy, string path)
        {
            if (!policy.TryGetProperty("policy-string", out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            List<string> lines = [];
            if (element.ValueKind == JsonValueKind.String)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is a string, not an array of strings (RFC 8460 §4.4); read as one line.");
                lines.Add(element.GetString()!);
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var line in element.EnumerateArray())
                {
                    if (line.ValueKind == JsonValueKind.String)
                    {
                        lines.Add(line.GetString()!);
                    }
                    else
                    {
                        Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} has an element that is {Describe(line.ValueKind)}, not a string; skipped.");
                    }
                }
            }
            else
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is {Describe(element.ValueKind)}, not an array of strings; ignored.");
                return [];
            }

            if (lines.Count == 1 && lines[0].TrimStart().StartsWith('[') && TryDecodeStringArray(lines[0]) is { } decoded)
            {
                Warn(DiagnosticDescriptors.ReportPolicyStringEncodedTwice, $"{path} is one string holding a JSON array of {decoded.Count} strings (encoded twice); read as that array.");
                return decoded;
            }

            return lines;
        }

        private static List<string>? TryDecodeStringArray(string text)
        {
            try
            {
                using var inner = JsonDocument.Parse(text);
                if (inner.RootElement.ValueKind != JsonValueKind.Array || inner.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    return null;
                }

                return inner.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>RFC 8460 Errata 6241: an array of strings. The RFC's own example has a string; both are read.</summary>
        private IReadOnlyList<string> ReadMxHost(JsonElement policy, string path)
        {
            if (!policy.TryGetProperty("mx-host", out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (element.ValueKind == JsonValueKind.String)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is a string, not an array (RFC 8460 Errata 6241); read as a list of one host.");
                return NormalizeHost(element.GetString()) is { } host ? [host] : [];
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is {Describe(element.ValueKind)}, not an array; ignored.");
                return [];
            }

            return element.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => NormalizeHost(e.GetString()))
                .OfType<string>()
                .ToList();
        }

        private DateTimeOffset? ReadDate(JsonElement range, string name)
        {
            var text = OptionalString(range, name, "date-range." + name)?.Trim();
            if (text is null || text.Length < 10 || !char.IsAsciiDigit(text[0]))
            {
                return null;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                return null;
            }

            if (!HasTimeZone(text))
            {
                // Microsoft (2023–24) wrote '2024-03-26T00:00:00'. Its days are UTC days like everyone's (RFC 8460 §4.1),
                // so the time is UTC, never the reader's local offset.
                Warn(DiagnosticDescriptors.ReportDateWithoutTimeZone, $"date-range.{name} '{UserText.Quote(text)}' has no time zone (RFC 3339 requires one, RFC 8460 §4.4); read as UTC.");
            }

            return value.ToUniversalTime();
        }

        private static bool HasTimeZone(string text)
        {
            if (text.EndsWith('Z') || text.EndsWith('z'))
            {
                return true;
            }

            var t = text.IndexOfAny(['T', 't', ' ']);
            if (t < 0)
            {
                return false;
            }

            var time = text[(t + 1)..];
            return time.Contains('+') || time.Contains('-');
        }

        private long Count(JsonElement element, string name, string path)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                Warn(DiagnosticDescriptors.ReportFieldMissing, $"{path} has no {name} (RFC 8460 §4.4); counted as 0.");
                return 0;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path}.{name} is a string, not a number; read as {number}.");
                return number;
            }

            Warn(DiagnosticDescriptors.ReportFieldInvalid, $"{path}.{name} is {(value.ValueKind == JsonValueKind.Number ? "'" + UserText.Quote(value.GetRawText()) + "'" : Describe(value.ValueKind))}, not a count of sessions; counted as 0.");
            return 0;
        }

        private string? Ip(JsonElement detail, string name, string path)
        {
            var text = OptionalString(detail, name, path + "." + name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (IPAddress.TryParse(text, out var address) && (text.Contains(':') || text.Count(c => c == '.') == 3))
            {
                return address.ToString();
            }

            Warn(DiagnosticDescriptors.ReportFieldInvalid, $"{path}.{name} '{UserText.Quote(text)}' is not an IP address; ignored.");
            return null;
        }

        /// <summary>A string field; null when absent or JSON null. Other types are warned about and read as absent.</summary>
        private string? OptionalString(JsonElement element, string name, string path)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString();
                return string.IsNullOrWhiteSpace(text) ? null : text;
            }

            if (value.ValueKind == JsonValueKind.Number)
            {
                Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is a number, not a string; read as '{UserText.Quote(value.GetRawText())}'.");
                return value.GetRawText();
            }

            Warn(DiagnosticDescriptors.ReportFieldWrongType, $"{path} is {Describe(value.ValueKind)}, not a string; read as absent.");
            return null;
        }

        private static string? ContactDomain(JsonElement root) =>
            root.TryGetProperty("contact-info", out var contact) && contact.ValueKind == JsonValueKind.String && contact.GetString() is { } text && text.LastIndexOf('@') is var at and >= 0
                ? text[(at + 1)..]
                : null;

        public void Warn(DiagnosticDescriptor descriptor, string message) =>
            diagnostics.Add(descriptor.Create(message.StartsWith(reporter + ":", StringComparison.Ordinal) ? message : $"{reporter}: {message}", file: source));
    }

    /// <summary>The core's host-name normalisation; an empty name is none.</summary>
    private static string? NormalizeHost(string? host) =>
        host is null || HostName.Normalize(host) is not { Length: > 0 } normalized ? null : normalized;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
