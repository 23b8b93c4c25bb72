using System.Globalization;
using System.Net;
using System.Text.Json;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using M = MtaSts.Diagnostics.DiagnosticMessages.Report;

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
            return Fail(M.TooLarge, source, default, json.Length, MaxReportBytes);
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
            return Fail(M.NotJson, source, span, FirstSentence(ex.Message));
        }

        using (document)
        {
            var reader = new Reader(source);
            if (invalidUtf8 >= 0)
            {
                reader.Warn(M.NotUtf8, invalidUtf8);
            }

            try
            {
                return reader.Read(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                // Not expected (the property tests feed arbitrary bytes); a report that trips the reader is still only that report's error.
                return Fail(M.CannotRead, source, default, ex.Message);
            }
        }
    }

    private static ReportParseResult Fail(DiagnosticMessage message, string? source, SourceSpan span, params object?[] args) =>
        new(null, [message.Create(span, source, null, args)]);

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
                return Refuse(M.NotReportObject, Describe(root.ValueKind));
            }

            var organization = OptionalString(root, "organization-name", "organization-name");
            if (organization is null)
            {
                organization = ContactDomain(root) ?? UnknownReporter;
                Warn(M.NoOrganizationName, organization);
            }

            reporter = organization.Trim();

            if (!root.TryGetProperty("date-range", out var range) || range.ValueKind != JsonValueKind.Object)
            {
                return Refuse(M.NoDateRange, reporter);
            }

            if (ReadDate(range, "start-datetime") is not { } start || ReadDate(range, "end-datetime") is not { } end)
            {
                return Refuse(M.NoDates, reporter);
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
                    Warn(M.ContactInfoNotString, Describe(contactElement.ValueKind));
                }
            }

            var reportId = OptionalString(root, "report-id", "report-id");
            if (reportId is null)
            {
                reportId = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root.GetRawText())))[..32].ToLowerInvariant();
                Warn(M.NoReportId);
            }

            if (!root.TryGetProperty("policies", out var policiesElement) || policiesElement.ValueKind != JsonValueKind.Array)
            {
                return Refuse(M.NoPolicies, reporter);
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

        private ReportParseResult Refuse(DiagnosticMessage message, params object?[] args)
        {
            diagnostics.Add(message.Create(default, source, null, args));
            return new ReportParseResult(null, diagnostics) { Reporter = reporter == UnknownReporter ? null : reporter };
        }

        private PolicyResult? ReadPolicy(JsonElement entry, string path)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                Warn(M.PolicyNotObject, path, Describe(entry.ValueKind));
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
                    Warn(M.UnknownPolicyType, path, UserText.Quote(type));
                }

                policyString = ReadPolicyString(policy, path + ".policy.policy-string");
                domain = NormalizeHost(OptionalString(policy, "policy-domain", path + ".policy.policy-domain"));
                if (domain is null)
                {
                    Warn(M.NoPolicyDomain, path);
                }

                mxHost = ReadMxHost(policy, path + ".policy.mx-host");
            }
            else
            {
                Warn(M.NoPolicy, path);
            }

            long successful = 0, failed = 0;
            if (entry.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                successful = Count(summary, "total-successful-session-count", path + ".summary");
                failed = Count(summary, "total-failure-session-count", path + ".summary");
            }
            else
            {
                Warn(M.NoSummary, path);
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
                    Warn(M.FailureDetailsNotArray, path, Describe(detailsElement.ValueKind));
                }
            }

            var detailed = details.Sum(d => d.FailedSessionCount);
            if (detailed > failed)
            {
                Warn(M.FailuresExceedTotal, path, detailed, failed);
            }

            return new PolicyResult(type, policyString, domain, mxHost, successful, failed, details);
        }

        private FailureDetail? ReadFailure(JsonElement detail, string path)
        {
            if (detail.ValueKind != JsonValueKind.Object)
            {
                Warn(M.FailureDetailNotObject, path, Describe(detail.ValueKind));
                return null;
            }

            var resultType = OptionalString(detail, "result-type", path + ".result-type")?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(resultType))
            {
                Warn(M.NoResultType, path);
                resultType = "unknown";
            }

            var mx = OptionalString(detail, "receiving-mx-hostname", path + ".receiving-mx-hostname");
            if (mx is null && detail.TryGetProperty("receiving-mx-host-name", out _))
            {
                Warn(M.MxHostNameVariant, path);
                mx = OptionalString(detail, "receiving-mx-host-name", path + ".receiving-mx-host-name");
            }

            var information = OptionalString(detail, "additional-information", path + ".additional-information");
            if (information is null && detail.TryGetProperty("additional-info-uri", out _))
            {
                Warn(M.AdditionalInfoUriVariant, path);
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
                Warn(M.PolicyStringIsString, path);
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
                        Warn(M.PolicyStringElementNotString, path, Describe(line.ValueKind));
                    }
                }
            }
            else
            {
                Warn(M.PolicyStringNotArray, path, Describe(element.ValueKind));
                return [];
            }

            if (lines.Count == 1 && lines[0].TrimStart().StartsWith('[') && TryDecodeStringArray(lines[0]) is { } decoded)
            {
                Warn(M.EncodedTwice, path, decoded.Count);
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
                Warn(M.MxHostIsString, path);
                return NormalizeHost(element.GetString()) is { } host ? [host] : [];
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                Warn(M.MxHostNotArray, path, Describe(element.ValueKind));
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
                Warn(M.NoTimeZone, name, UserText.Quote(text));
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
                Warn(M.NoCount, path, name);
                return 0;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                Warn(M.CountIsString, path, name, number);
                return number;
            }

            Warn(M.NotACount, path, name, value.ValueKind == JsonValueKind.Number ? M.QuotedNumber.Format(UserText.Quote(value.GetRawText())) : Describe(value.ValueKind));
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

            Warn(M.NotIpAddress, path, name, UserText.Quote(text));
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
                Warn(M.NumberNotString, path, UserText.Quote(value.GetRawText()));
                return value.GetRawText();
            }

            Warn(M.NotString, path, Describe(value.ValueKind));
            return null;
        }

        private static string? ContactDomain(JsonElement root) =>
            root.TryGetProperty("contact-info", out var contact) && contact.ValueKind == JsonValueKind.String && contact.GetString() is { } text && text.LastIndexOf('@') is var at and >= 0
                ? text[(at + 1)..]
                : null;

        /// <summary>A deviation the report is read despite, with the reporter that made it.</summary>
        public void Warn(DiagnosticMessage message, params object?[] args)
        {
            var words = message.Format(args);
            diagnostics.Add(words.StartsWith(reporter + ":", StringComparison.Ordinal)
                ? message.Create(default, source, null, args)
                : M.ByReporter.Create(message.Descriptor!, default, source, reporter, words));
        }
    }

    /// <summary>The core's host-name normalisation; an empty name is none.</summary>
    private static string? NormalizeHost(string? host) =>
        host is null || HostName.Normalize(host) is not { Length: > 0 } normalized ? null : normalized;

    private static string Describe(JsonValueKind kind) => (kind switch
    {
        JsonValueKind.Object => M.AnObject,
        JsonValueKind.Array => M.AnArray,
        JsonValueKind.String => M.AString,
        JsonValueKind.Number => M.ANumber,
        JsonValueKind.True or JsonValueKind.False => M.ABoolean,
        JsonValueKind.Null => M.Null,
        _ => M.Missing,
    }).Format();
}
