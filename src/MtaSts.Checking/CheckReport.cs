using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Checking;

/// <summary>How one finding or one step came out.</summary>
public enum CheckStatus
{
    /// <summary>Checked and right.</summary>
    Pass,

    /// <summary>Worth knowing, nothing to fix (a CNAME target, DANE records).</summary>
    Info,

    /// <summary>Legal, but risky or different senders handle it differently.</summary>
    Warning,

    /// <summary>Wrong: senders fail, or see no policy.</summary>
    Error,

    /// <summary>The check could not run (DNS timeout, port 25 blocked here): not the domain's fault.</summary>
    NotChecked,

    /// <summary>Not run on purpose (<c>--no-smtp</c>, or an earlier step gave it nothing to work on).</summary>
    Skipped,
}

/// <summary>The steps of a check, in the order a sender performs them (RFC 8461 §3-§5).</summary>
public static class CheckSteps
{
    public const string Dns = "dns";
    public const string PolicyFetch = "policy";
    public const string Coverage = "coverage";
    public const string StartTls = "starttls";
    public const string Drift = "drift";

    public static readonly IReadOnlyList<string> All = [Dns, PolicyFetch, Coverage, StartTls, Drift];

    public static string Title(string step) => step switch
    {
        Dns => "DNS",
        PolicyFetch => "HTTPS policy fetch",
        Coverage => "MX coverage",
        StartTls => "STARTTLS on every MX",
        Drift => "Drift from mta-sts.yaml",
        _ => step,
    };
}

/// <summary>
/// One thing the check saw. Problems carry a <see cref="Diagnostic"/> (code, severity, message); passes and information
/// carry only a message. <see cref="Subject"/> names what was looked at: a DNS name, the policy URL, an MX host.
/// </summary>
public sealed class Finding
{
    public Finding(string step, CheckStatus status, string subject, string message, Diagnostic? diagnostic = null)
    {
        Step = step;
        Status = status;
        Subject = subject;
        Message = diagnostic?.Message ?? message;
        Diagnostic = diagnostic;
    }

    public string Step { get; }

    public CheckStatus Status { get; }

    public string Subject { get; }

    public string Message { get; }

    public Diagnostic? Diagnostic { get; }

    public string? Code => Diagnostic?.Code;

    /// <summary>A problem of the domain's deployment (an error or a warning), as opposed to a step that could not run.</summary>
    public bool IsProblem => Status is CheckStatus.Error or CheckStatus.Warning;

    public static Finding Pass(string step, string subject, string message) => new(step, CheckStatus.Pass, subject, message);

    public static Finding Info(string step, string subject, string message) => new(step, CheckStatus.Info, subject, message);

    public static Finding Skipped(string step, string subject, string message) => new(step, CheckStatus.Skipped, subject, message);

    /// <summary>A finding for a diagnostic: error or warning by its severity.</summary>
    public static Finding From(string step, string subject, Diagnostic diagnostic) =>
        new(step, diagnostic.IsError ? CheckStatus.Error : CheckStatus.Warning, subject, diagnostic.Message, diagnostic);

    /// <summary>A step that could not run; its diagnostic (a warning) says why in its own words.</summary>
    public static Finding NotChecked(string step, string subject, Diagnostic diagnostic) =>
        new(step, CheckStatus.NotChecked, subject, diagnostic.Message, diagnostic);

    public override string ToString() => $"{Step} {Status} {Subject}: {(Code is null ? "" : Code + " ")}{Message}";
}

/// <summary>One TLS connection attempt: to the policy host, or to one address of an MX host.</summary>
public sealed record TlsFacts
{
    public string? Protocol { get; init; }

    public string? CertificateSubject { get; init; }

    /// <summary>The DNS names of the certificate's subjectAltName.</summary>
    public IReadOnlyList<string> CertificateNames { get; init; } = [];

    public string? CertificateIssuer { get; init; }

    public DateTimeOffset? CertificateNotAfter { get; init; }

    /// <summary>Whole days from the check until the certificate expires (negative once expired).</summary>
    public int? DaysUntilExpiry { get; init; }

    public CertificateProblem Problem { get; init; }
}

/// <summary>What the HTTPS fetch of <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> saw.</summary>
public sealed record PolicyFetchFacts
{
    public required string Url { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public string? ConnectedAddress { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    /// <summary>Bytes read; at most the cap plus one (reading stops there).</summary>
    public long? BodyBytes { get; init; }

    /// <summary>The body as served, when it was read in full and is at most 64,000 bytes (RFC 8461 §3.3).</summary>
    public byte[]? Body { get; init; }

    public TlsFacts? Tls { get; init; }

    public long ElapsedMilliseconds { get; init; }
}

/// <summary>One STARTTLS probe of one MX address (RFC 8461 §4.2, §7.1: SNI and certificate for the MX host name).</summary>
public sealed record StartTlsProbe
{
    public required string Address { get; init; }

    public required ProbeOutcome Outcome { get; init; }

    /// <summary>The greeting or EHLO problem, a connect failure, a handshake error: in the words of the failure.</summary>
    public string? Detail { get; init; }

    public bool StartTlsOffered { get; init; }

    /// <summary>
    /// The server's reply when it advertised STARTTLS and then refused the command, e.g. Postfix's "454 4.7.0 TLS not
    /// available due to local problem" when it cannot load its own key or certificate (RFC 3207 §4); no handshake
    /// took place. Null otherwise.
    /// </summary>
    public string? StartTlsRefusal { get; init; }

    public TlsFacts? Tls { get; init; }

    public long ElapsedMilliseconds { get; init; }
}

public enum ProbeOutcome
{
    /// <summary>STARTTLS negotiated, certificate valid for the MX host name.</summary>
    Secure,

    /// <summary>STARTTLS negotiated, but the certificate fails (see <see cref="TlsFacts.Problem"/>).</summary>
    CertificateInvalid,

    /// <summary>The server answered EHLO without STARTTLS.</summary>
    NoStartTls,

    /// <summary>
    /// STARTTLS was offered but no TLS session came of it: the handshake failed, or the server refused the command
    /// (<see cref="StartTlsProbe.StartTlsRefusal"/>).
    /// </summary>
    HandshakeFailed,

    /// <summary>No TCP connection to port 25 (refused, timed out, unreachable): may be a block on the checking side.</summary>
    NotConnected,

    /// <summary>Connected, but the SMTP dialogue broke before STARTTLS (greeting, EHLO, timeout).</summary>
    SmtpFailed,
}

/// <summary>Why a certificate is not valid for a host name, as a sender's WebPKI check sees it.</summary>
public enum CertificateProblem
{
    None,
    Expired,
    NotYetValid,
    WrongName,
    SelfSigned,
    UntrustedChain,
    Other,
}

/// <summary>One MX host: the facts of steps 3 and 4, and what a sender under <c>enforce</c> would do with it.</summary>
public sealed record MxHostResult
{
    public required string Host { get; init; }

    public int Preference { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The first policy pattern that matches the host (RFC 8461 §4.1), or null.</summary>
    public string? MatchedPattern { get; init; }

    public IReadOnlyList<StartTlsProbe> Probes { get; init; } = [];

    /// <summary>True: delivered under enforce; false: would fail; null: not known (no policy, not probed, not reached).</summary>
    public bool? DeliverableUnderEnforce { get; init; }

    /// <summary>One line: "would be delivered to under enforce" or "would fail under enforce, because …".</summary>
    public required string Summary { get; init; }

    /// <summary>Whether <c>_25._tcp.&lt;host&gt;</c> has TLSA records (DANE senders use those instead, RFC 8461 §2).</summary>
    public bool HasTlsa { get; init; }
}

/// <summary>What a sending MTA does with the domain right now.</summary>
public sealed record SenderVerdict
{
    /// <summary>Senders that have no cached policy find a valid one.</summary>
    public bool HasPolicy { get; init; }

    public PolicyMode? Mode { get; init; }

    public IReadOnlyList<string> Mx { get; init; } = [];

    public long? MaxAge { get; init; }

    public string? PolicyId { get; init; }

    public required string Text { get; init; }
}

/// <summary>The corrected deployment: what to publish so the check passes (as far as DNS and the policy can fix it).</summary>
public sealed record CheckFix
{
    /// <summary>Where the values come from: "config" (mta-sts.yaml) or "live" (the live MX set and published values).</summary>
    public required string Source { get; init; }

    public required string PolicyUrl { get; init; }

    public required string PolicyText { get; init; }

    public required string StsRecordName { get; init; }

    public required string StsRecordValue { get; init; }

    public string? TlsRptRecordName { get; init; }

    public string? TlsRptRecordValue { get; init; }

    /// <summary>The mta-sts.yaml that generates these (null when the fix comes from the user's own file).</summary>
    public string? Yaml { get; init; }
}

/// <summary>The whole outcome of <c>mta-sts check DOMAIN</c>: data for hosts to render as text, JSON or HTML.</summary>
public sealed record CheckReport
{
    /// <summary>The version of the JSON shape (schema/mta-sts-check.schema.json); raised on incompatible changes.</summary>
    public const int SchemaVersion = 1;

    public required string Domain { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public long ElapsedMilliseconds { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The TXT value senders use for the policy id (null when there is no single v=STSv1 record).</summary>
    public string? StsRecord { get; init; }

    /// <summary>The CNAME chain followed from <c>_mta-sts.&lt;domain&gt;</c>: who hosts the record.</summary>
    public IReadOnlyList<string> StsRecordCnames { get; init; } = [];

    public string? TlsRptRecord { get; init; }

    public PolicyFetchFacts? PolicyFetch { get; init; }

    public IReadOnlyList<MxHostResult> MxHosts { get; init; } = [];

    public required SenderVerdict Verdict { get; init; }

    public CheckFix? Fix { get; init; }

    /// <summary>Steps not run on purpose (<c>--no-smtp</c>; drift without <c>--config</c>).</summary>
    public IReadOnlyList<string> SkippedSteps { get; init; } = [];

    public int ErrorCount => Findings.Count(f => f.Status == CheckStatus.Error);

    public int WarningCount => Findings.Count(f => f.Status == CheckStatus.Warning);

    public int NotCheckedCount => Findings.Count(f => f.Status == CheckStatus.NotChecked);

    /// <summary>No errors: the deployment works for senders (warnings and steps that could not run allowed).</summary>
    public bool Passed => ErrorCount == 0;

    /// <summary>The worst status of a step's findings, or <see cref="CheckStatus.Skipped"/> when it did not run.</summary>
    public CheckStatus StepStatus(string step)
    {
        if (SkippedSteps.Contains(step))
        {
            return CheckStatus.Skipped;
        }

        var statuses = Findings.Where(f => f.Step == step).Select(f => f.Status).ToList();
        return statuses.Contains(CheckStatus.Error) ? CheckStatus.Error
            : statuses.Contains(CheckStatus.Warning) ? CheckStatus.Warning
            : statuses.Contains(CheckStatus.NotChecked) ? CheckStatus.NotChecked
            : statuses.Count == 0 || statuses.All(s => s == CheckStatus.Skipped) ? CheckStatus.Skipped
            : CheckStatus.Pass;
    }
}
