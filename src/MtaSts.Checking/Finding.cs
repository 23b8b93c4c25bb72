using MtaSts.Diagnostics;

namespace MtaSts.Checking;

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
