using System.Globalization;
using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Values;

/// <summary>The values of a deployment that have a grammar of their own.</summary>
public enum ValueSubject
{
    /// <summary>The Policy Domain (RFC 8461 §1.1).</summary>
    Domain,

    /// <summary><c>mode</c> (RFC 8461 §3.2, §5).</summary>
    Mode,

    /// <summary>An <c>mx</c> pattern (RFC 8461 §3.2, §4.1).</summary>
    Mx,

    /// <summary><c>max_age</c> (RFC 8461 §3.2).</summary>
    MaxAge,

    /// <summary>The policy id (RFC 8461 §3.1).</summary>
    Id,

    /// <summary>A TLS-RPT destination (RFC 8460 §3).</summary>
    Rua,
}

/// <summary>
/// The message table: the words for every <see cref="ValueProblem"/>, so that the build, the command line, the web page
/// and the linters say the same thing about the same mistake. Hosts choose the diagnostic code and the position.
/// </summary>
public static class ValueMessages
{
    /// <summary>
    /// The whole message for a problem with <paramref name="value"/>: what is wrong, how to fix it, and the RFC section.
    /// <paramref name="name"/> replaces how the value is introduced where that reads better (e.g. "The id override").
    /// </summary>
    public static string Describe(ValueSubject subject, string value, ValueProblem problem, Strictness strictness, string? name = null)
    {
        var quoted = UserText.Quoted(value);
        var trimmed = strictness == Strictness.Config ? value.Trim() : value;
        switch (subject)
        {
            case ValueSubject.Mode:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => "'mode' has no value. Write 'testing', 'enforce' or 'none' (RFC 8461 §3.2).",
                    ValueProblemKind.WrongCase => $"Mode {quoted} must be written in lower case: '{problem.Detail}'. Senders compare it case-sensitively (RFC 8461 §3.2).",
                    _ => $"{quoted} is not a policy mode. {(problem.Detail.Length > 0 ? $"Did you mean '{problem.Detail}'?" : "Use 'testing', 'enforce' or 'none'.")}",
                };

            case ValueSubject.MaxAge:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => "'max_age' has no value. Write a number of seconds, e.g. 604800 (one week) (RFC 8461 §3.2).",
                    ValueProblemKind.NotDigits when problem.Detail.Length > 0 => $"{quoted} is not a number of seconds: write {problem.Detail} (RFC 8461 §3.2).",
                    ValueProblemKind.NotDigits => $"{quoted} is not a number of seconds: max_age is digits only (RFC 8461 §3.2).",
                    ValueProblemKind.TooManyDigits => $"{quoted} has {problem.Detail} digits; the grammar allows at most {MtaSts.Policy.MaxAge.MaxDigits} (RFC 8461 §3.2).",
                    ValueProblemKind.OutOfRange => $"max_age {Number(problem.Detail)} seconds is more than the maximum of {Number(MtaSts.Policy.MaxAge.Maximum)} (about one year, RFC 8461 §3.2). {(strictness == Strictness.Config ? "Use at most '365d'." : $"Use at most {MtaSts.Policy.MaxAge.Maximum.ToString(CultureInfo.InvariantCulture)}.")}",
                    _ => $"{quoted} is not a duration. Write seconds ('604800') or a number with a unit: s, m, h, d or w ('1w', '30d').",
                };

            case ValueSubject.Id:
                var reason = problem.Kind switch
                {
                    ValueProblemKind.Empty => "it is empty",
                    ValueProblemKind.TooLong => $"it is {problem.Detail} characters long; at most {MtaSts.Policy.PolicyId.MaxLength} are allowed",
                    _ => $"{UserText.Show(problem.Detail[0])} is not a letter or digit",
                };
                var keywords = strictness == Strictness.Config
                    ? "; use 'auto' (hash of the policy) or 'timestamp' (e.g. 20261128T102900Z)"
                    : ", e.g. a timestamp like 20260101T000000Z or a hash";
                return $"{name ?? "The id"} {quoted} is not valid: {reason}. An id is 1 to 32 letters and digits (RFC 8461 §3.1){keywords}.";

            case ValueSubject.Rua:
                return $"{quoted} is not a valid TLS-RPT destination: {Why(subject, problem)}";

            case ValueSubject.Domain:
                // The domain is the part of an address after '@' (RFC 8461 §1.1): what to write instead, where it can be said.
                var write = problem.Detail.Length > 0 ? $": write {UserText.Quoted(problem.Detail)}" : ", e.g. 'example.com'";
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => "The domain is empty. Give the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).",
                    ValueProblemKind.Url => $"{quoted} is a URL, not a domain. Give the mail domain alone, the part of an address after '@'{write} (RFC 8461 §1.1).",
                    ValueProblemKind.MailAddress => $"{quoted} is an e-mail address, not a domain. Give the part after '@'{write} (RFC 8461 §1.1).",
                    ValueProblemKind.IpAddress => $"{quoted} is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).",
                    ValueProblemKind.HasPort => $"{quoted} is not a valid domain: it ends with the port {UserText.Quoted(problem.Detail)}, and a port does not belong in a domain name: write {UserText.Quoted(trimmed.Substring(0, trimmed.Length - problem.Detail.Length))}.",
                    _ => $"{quoted} is not a valid domain: {HostWhy(problem)}.",
                };

            default:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => "'mx' has no value. Write a host name such as 'mail.example.com' or a pattern such as '*.example.net' (RFC 8461 §3.2).",
                    ValueProblemKind.PartialWildcard => $"{quoted}: a wildcard may only be the whole left-most label, as in '*.example.com'; partial ('mx*.example.com') and inner wildcards are not allowed (RFC 8461 §3.2, §4.1).",
                    ValueProblemKind.TrailingDot => $"{quoted} ends with a dot. mx values are written without the root dot: {UserText.Quoted(trimmed.TrimEnd('.'))} (RFC 8461 §3.2).",
                    ValueProblemKind.IpAddress => $"{quoted} is an IP address. mx patterns match the host names of MX records, and certificates are checked against those names (RFC 8461 §3.2, §3.4, §4.1).",
                    ValueProblemKind.HasPort => $"{quoted} ends with the port {UserText.Quoted(problem.Detail)}. An mx pattern is a host name and has no port: write {UserText.Quoted(trimmed.Substring(0, trimmed.Length - problem.Detail.Length))} (RFC 8461 §3.2).",
                    ValueProblemKind.NotAscii => $"{quoted} is not ASCII. Write internationalized names as A-labels: {UserText.Quoted(problem.Detail)} (RFC 8461 §3.2).",
                    ValueProblemKind.LabelTooLong or ValueProblemKind.NameTooLong => $"{quoted} is too long: {HostWhy(problem)} (RFC 1035 §2.3.4).",
                    ValueProblemKind.InvalidCharacter when problem.Detail == "_" => $"{quoted} is not a valid mx pattern: {HostWhy(problem)}. Underscores are not allowed in host names (RFC 8461 §3.2).",
                    _ => $"{quoted} is not a valid mx pattern: {HostWhy(problem)} (RFC 8461 §3.2).",
                };
        }
    }

    /// <summary>Why a value is wrong, as the part of a sentence after "is not valid: ".</summary>
    public static string Why(ValueSubject subject, ValueProblem problem)
    {
        if (subject != ValueSubject.Rua)
        {
            return HostWhy(problem);
        }

        return problem.Kind switch
        {
            ValueProblemKind.Empty => "it is empty.",
            ValueProblemKind.UriSpace => "it contains a space; percent-encode it as %20.",
            ValueProblemKind.UriNotAscii => $"it contains {UserText.Show(problem.Detail[0])}; a URI is ASCII only (percent-encode it, or use the A-label of a domain).",
            ValueProblemKind.UriMustBeEncoded => $"'{problem.Detail}' must be percent-encoded as {Percent(problem.Detail)} (RFC 8460 §3).",
            ValueProblemKind.UriInvalidCharacter => $"'{problem.Detail}' is not allowed in a URI; percent-encode it as {Percent(problem.Detail)} (RFC 3986 §2).",
            ValueProblemKind.UriNoScheme when problem.Detail.Length > 0 => $"it has no scheme. Write {UserText.Quoted(problem.Detail)}.",
            ValueProblemKind.UriNoScheme => "it has no scheme. Use 'mailto:' or 'https:' (RFC 8460 §3).",
            ValueProblemKind.UriBadPercent => "it has a '%' that does not start a percent-encoded octet (%XX).",
            ValueProblemKind.UriHttp => "reports must be posted over 'https:', not 'http:' (RFC 8460 §3).",
            ValueProblemKind.UriUnsupportedScheme => $"the scheme {UserText.Quoted(problem.Detail + ":")} is not supported. Use 'mailto:' or 'https:' (RFC 8460 §3).",
            ValueProblemKind.MailtoNoAddress => "a mailto: destination needs an address like 'mailto:tlsrpt@example.com'.",
            ValueProblemKind.MailtoSeveralAt => "it has more than one '@'; percent-encode an '@' in the local part as %40 (RFC 6068 §2).",
            ValueProblemKind.MailtoInvalidDomain => $"the domain {UserText.Quoted(problem.Detail)} is not valid: {HostWhy(problem.Inner!)}.",
            ValueProblemKind.HttpsNoHost => "an https: destination needs '//' and a host, e.g. 'https://reports.example.com/v1/tlsrpt'.",
            ValueProblemKind.HttpsInvalidHost => $"the host {UserText.Quoted(problem.Detail)} is not valid: {HostWhy(problem.Inner!)}.",
            _ => "it is not a valid https: URL, e.g. 'https://reports.example.com/v1/tlsrpt'.",
        };
    }

    /// <summary>Why a host name is wrong (RFC 1035 §2.3.4, RFC 5890), for "… is not valid: ".</summary>
    internal static string HostWhy(ValueProblem problem) => problem.Kind switch
    {
        ValueProblemKind.Empty => "it is empty",
        ValueProblemKind.TrailingDot => "it ends with a dot",
        ValueProblemKind.EmptyLabel => "it has an empty label ('..' or a leading dot)",
        ValueProblemKind.LabelTooLong => $"the label {UserText.Quoted(problem.Detail)} is longer than {HostName.MaxLabelLength} characters",
        ValueProblemKind.NameTooLong => $"it is {problem.Detail} characters long; at most {HostName.MaxNameLength} are allowed",
        ValueProblemKind.InvalidCharacter => $"{(problem.Detail.Length == 1 ? UserText.Show(problem.Detail[0]) : UserText.Quoted(problem.Detail))} is not allowed; only letters, digits, hyphens and dots are",
        ValueProblemKind.HyphenAtLabelEdge => $"the label {UserText.Quoted(problem.Detail)} starts or ends with a hyphen",
        ValueProblemKind.InvalidIdn => $"it is not a valid internationalized name ({UserText.Quote(problem.Detail)})",
        ValueProblemKind.IpAddress => "it is an IP address, not a host name",
        ValueProblemKind.SingleLabel => "it has a single label; use a fully qualified name such as example.com",
        ValueProblemKind.HasPort => $"it ends with the port {UserText.Quoted(problem.Detail)}; a host name has no port, remove it",
        ValueProblemKind.NotAscii => $"it is not ASCII; write the A-label {UserText.Quoted(problem.Detail)}",
        ValueProblemKind.PartialWildcard => "a '*' is not allowed in a host name",
        _ => "it is not a valid host name",
    };

    private static string Percent(string c) => "%" + ((int)c[0]).ToString("X2", CultureInfo.InvariantCulture);

    private static string Number(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Number(n) : digits;

    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
