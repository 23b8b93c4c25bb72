using System.Runtime.CompilerServices;
using static MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Diagnostics;

public static partial class DiagnosticMessages
{
    /// <summary>
    /// Reading TLS-RPT reports (8xxx, MtaSts.Reporting and MtaSts.Reporting.Mail; RFC 8460 §4, §5): 80xx an input that
    /// cannot be counted, 81xx a sender's deviation that is read anyway. A field is named by its JSON path
    /// (<c>policies[0].summary</c>); the warnings are prefixed with the reporter (<see cref="ByReporter"/>).
    /// </summary>
    public static class Report
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        private static DiagnosticMessage Part(DiagnosticDescriptor[] descriptors, string format, [CallerMemberName] string name = "") =>
            Entry(All, descriptors, format, name, nameof(Report));

        private static readonly DiagnosticDescriptor[] Deviations =
            [ReportDateWithoutTimeZone, ReportFieldVariant, ReportFieldWrongType, ReportFieldMissing, ReportFailuresExceedTotal, ReportPolicyStringEncodedTwice, ReportFieldInvalid];

        private static readonly DiagnosticDescriptor[] KindCodes = [ReportNotAggregateReport, ReportFieldWrongType, ReportFieldInvalid];

        // A deviation, with the reporter that made it. {0}: the reporter (organization-name); {1}: one of the 81xx words.
        public static readonly DiagnosticMessage ByReporter = Part(Deviations, "{0}: {1}");

        // A warning that repeated, said once (mta-sts reports). {0}: its first message; {1}: how many more; {2}: the
        // reporter, or UnknownReporters.
        public static readonly DiagnosticMessage MoreLikeIt = Part([ReportMessageWithoutReport, .. Deviations], "{0} (and {1} more like it from {2})");
        public static readonly DiagnosticMessage UnknownReporters = Part([ReportMessageWithoutReport, .. Deviations], "unknown reporters");

        // What a JSON value is, in "… is {n}, not …".
        public static readonly DiagnosticMessage AnObject = Part(KindCodes, "an object");
        public static readonly DiagnosticMessage AnArray = Part(KindCodes, "an array");
        public static readonly DiagnosticMessage AString = Part(KindCodes, "a string");
        public static readonly DiagnosticMessage ANumber = Part(KindCodes, "a number");
        public static readonly DiagnosticMessage ABoolean = Part(KindCodes, "a boolean");
        public static readonly DiagnosticMessage Null = Part(KindCodes, "null");
        public static readonly DiagnosticMessage Missing = Part(KindCodes, "missing");

        // MTASTS8001. {0}: the input as given.
        public static readonly DiagnosticMessage InputNotFound = Message(ReportInputNotFound,
            "'{0}' is neither a file nor a folder. Give report files, mbox files or folders (a Maildir folder is read from its cur/ and new/).");

        // MTASTS8002. {0}: the input; {1}: the system's words.
        public static readonly DiagnosticMessage StdinUnreadable = Message(ReportInputUnreadable,
            "Standard input cannot be read: {0}");
        public static readonly DiagnosticMessage FileUnreadable = Message(ReportInputUnreadable,
            "'{0}' cannot be read: {1}");
        public static readonly DiagnosticMessage FileUnreadableToEnd = Message(ReportInputUnreadable,
            "'{0}' cannot be read to the end: {1}");

        // {0}: the message's number; {1}: the mbox file; {2}: the line of its 'From ' line; {3}: MimeKit's words.
        public static readonly DiagnosticMessage MboxMessageUnparsable = Message(ReportInputUnreadable,
            "Message #{0} of '{1}' (its 'From ' line is line {2}) cannot be parsed: {3}. It is skipped; the next message is read.");

        // MTASTS8003. {0}: System.Text.Json's first sentence.
        public static readonly DiagnosticMessage NotJson = Message(ReportNotJson,
            "The report is not valid JSON: {0} Check that the file is a TLS-RPT report (RFC 8460 §4.4), uncompressed or gzip.");
        public static readonly DiagnosticMessage EmptyInput = Message(ReportNotJson,
            "The input is empty.");

        // MTASTS8004 (RFC 8460 §4.4). {0}: what the JSON is (AnObject…), the reader's words, or the reporter.
        public static readonly DiagnosticMessage CannotRead = Message(ReportNotAggregateReport,
            "The report cannot be read: {0}");
        public static readonly DiagnosticMessage NotReportObject = Message(ReportNotAggregateReport,
            "The JSON is {0}, not a report object with organization-name, date-range, report-id and policies (RFC 8460 §4.4).");
        public static readonly DiagnosticMessage NoDateRange = Message(ReportNotAggregateReport,
            "{0}: the report has no date-range object (RFC 8460 §4.4), so it cannot be placed on a day.");
        public static readonly DiagnosticMessage NoDates = Message(ReportNotAggregateReport,
            "{0}: date-range needs start-datetime and end-datetime as RFC 3339 dates (RFC 8460 §4.4), so the report cannot be placed on a day.");
        public static readonly DiagnosticMessage NoPolicies = Message(ReportNotAggregateReport,
            "{0}: the report has no policies array (RFC 8460 §4.4): there are no sessions to count.");

        // MTASTS8005. {0}: the decompressor's or decoder's words.
        public static readonly DiagnosticMessage GzipEmpty = Message(ReportBadCompression,
            "The gzip data decompresses to nothing: it is truncated or damaged. Save the attachment again from the original message.");
        public static readonly DiagnosticMessage GzipDamaged = Message(ReportBadCompression,
            "The gzip data is damaged: {0} Save the attachment again from the original message.");
        public static readonly DiagnosticMessage AttachmentNotDecodable = Message(ReportBadCompression,
            "The attachment cannot be decoded: {0}");

        // MTASTS8006. {0}: the size or the cap in bytes; {1}: the cap.
        public static readonly DiagnosticMessage TooLarge = Message(ReportTooLarge,
            "The report is {0:N0} bytes; TLS-RPT reports are a few KB (at most {1:N0} bytes are read).");
        public static readonly DiagnosticMessage LargerThan = Message(ReportTooLarge,
            "The report is larger than {0:N0} bytes; TLS-RPT reports are a few KB.");
        public static readonly DiagnosticMessage DecompressesToMore = Message(ReportTooLarge,
            "The report decompresses to more than {0:N0} bytes; TLS-RPT reports are a few KB.");

        // MTASTS8007 (RFC 8460 §5.3). {0}: MimeKit's words; in NoAttachment {0} the Subject part or empty.
        public static readonly DiagnosticMessage NeitherReportNorMessage = Message(ReportMessageWithoutReport,
            "The file is neither a TLS-RPT report (JSON, gzip) nor an e-mail message ({0}); skipped.");
        public static readonly DiagnosticMessage NoAttachment = Message(ReportMessageWithoutReport,
            "The message{0} has no application/tlsrpt+gzip or application/tlsrpt+json attachment (RFC 8460 §5.3); skipped.");
        public static readonly DiagnosticMessage Subject = Message(ReportMessageWithoutReport,
            " '{0}'");

        // MTASTS8101 (RFC 3339, RFC 8460 §4.4). {0}: start-datetime or end-datetime; {1}: the value.
        public static readonly DiagnosticMessage NoTimeZone = Message(ReportDateWithoutTimeZone,
            "date-range.{0} '{1}' has no time zone (RFC 3339 requires one, RFC 8460 §4.4); read as UTC.");

        // MTASTS8102. {0}: the path.
        public static readonly DiagnosticMessage MxHostNameVariant = Message(ReportFieldVariant,
            "{0} has receiving-mx-host-name instead of receiving-mx-hostname (RFC 8460 §4.4); read as the same field.");
        public static readonly DiagnosticMessage AdditionalInfoUriVariant = Message(ReportFieldVariant,
            "{0} has additional-info-uri instead of additional-information (RFC 8460 §4.4); read as the same field.");

        // MTASTS8103. {0}: the path; {1}: what the value is (AnObject…) or what it is read as.
        public static readonly DiagnosticMessage ContactInfoNotString = Message(ReportFieldWrongType,
            "contact-info is {0}, not a string (RFC 8460 §4.4); read as absent.");
        public static readonly DiagnosticMessage PolicyNotObject = Message(ReportFieldWrongType,
            "{0} is {1}, not an object (RFC 8460 §4.4); skipped.");
        public static readonly DiagnosticMessage FailureDetailsNotArray = Message(ReportFieldWrongType,
            "{0}.failure-details is {1}, not an array; ignored.");
        public static readonly DiagnosticMessage FailureDetailNotObject = Message(ReportFieldWrongType,
            "{0} is {1}, not an object; skipped.");
        public static readonly DiagnosticMessage PolicyStringIsString = Message(ReportFieldWrongType,
            "{0} is a string, not an array of strings (RFC 8460 §4.4); read as one line.");
        public static readonly DiagnosticMessage PolicyStringElementNotString = Message(ReportFieldWrongType,
            "{0} has an element that is {1}, not a string; skipped.");
        public static readonly DiagnosticMessage PolicyStringNotArray = Message(ReportFieldWrongType,
            "{0} is {1}, not an array of strings; ignored.");
        public static readonly DiagnosticMessage MxHostIsString = Message(ReportFieldWrongType,
            "{0} is a string, not an array (RFC 8460 Errata 6241); read as a list of one host.");
        public static readonly DiagnosticMessage MxHostNotArray = Message(ReportFieldWrongType,
            "{0} is {1}, not an array; ignored.");
        public static readonly DiagnosticMessage CountIsString = Message(ReportFieldWrongType,
            "{0}.{1} is a string, not a number; read as {2}.");
        public static readonly DiagnosticMessage NumberNotString = Message(ReportFieldWrongType,
            "{0} is a number, not a string; read as '{1}'.");
        public static readonly DiagnosticMessage NotString = Message(ReportFieldWrongType,
            "{0} is {1}, not a string; read as absent.");

        // MTASTS8104 (RFC 8460 §4.4). {0}: the path, or what the report is counted as.
        public static readonly DiagnosticMessage NoOrganizationName = Message(ReportFieldMissing,
            "the report has no organization-name (RFC 8460 §4.4); counted as '{0}'.");
        public static readonly DiagnosticMessage NoReportId = Message(ReportFieldMissing,
            "the report has no report-id (RFC 8460 §4.4); the report is identified by a hash of its content, so a copy of it is still counted once.");
        public static readonly DiagnosticMessage NoPolicyDomain = Message(ReportFieldMissing,
            "{0}.policy has no policy-domain (RFC 8460 §4.4); its sessions are counted under no domain.");
        public static readonly DiagnosticMessage NoPolicy = Message(ReportFieldMissing,
            "{0} has no policy object (RFC 8460 §4.4); its sessions are counted under policy type 'unknown' and no domain.");
        public static readonly DiagnosticMessage NoSummary = Message(ReportFieldMissing,
            "{0} has no summary (RFC 8460 §4.4); counted as 0 sessions.");
        public static readonly DiagnosticMessage NoResultType = Message(ReportFieldMissing,
            "{0} has no result-type (RFC 8460 §4.4); counted as 'unknown'.");
        public static readonly DiagnosticMessage NoCount = Message(ReportFieldMissing,
            "{0} has no {1} (RFC 8460 §4.4); counted as 0.");

        // MTASTS8105. {0}: the path; {1}: the sessions the details add up to; {2}: the total.
        public static readonly DiagnosticMessage FailuresExceedTotal = Message(ReportFailuresExceedTotal,
            "{0}: failure-details add up to {1} sessions but total-failure-session-count is {2}; the total counts the sessions, the details are listed as sent.");

        // MTASTS8106. {0}: the path; {1}: how many strings.
        public static readonly DiagnosticMessage EncodedTwice = Message(ReportPolicyStringEncodedTwice,
            "{0} is one string holding a JSON array of {1} strings (encoded twice); read as that array.");

        // MTASTS8107. {0}: the offset or the path; then the field and the value, quoted.
        public static readonly DiagnosticMessage NotUtf8 = Message(ReportFieldInvalid,
            "the report has a byte that is not UTF-8 at offset {0} (JSON is UTF-8, RFC 8259 §8.1); read as U+FFFD.");
        public static readonly DiagnosticMessage UnknownPolicyType = Message(ReportFieldInvalid,
            "{0}.policy.policy-type '{1}' is not sts, tlsa or no-policy-found (RFC 8460 §4.3); its sessions are counted under that name.");
        public static readonly DiagnosticMessage NotACount = Message(ReportFieldInvalid,
            "{0}.{1} is {2}, not a count of sessions; counted as 0.");
        public static readonly DiagnosticMessage QuotedNumber = Message(ReportFieldInvalid,
            "'{0}'");
        public static readonly DiagnosticMessage NotIpAddress = Message(ReportFieldInvalid,
            "{0}.{1} '{2}' is not an IP address; ignored.");
    }
}
