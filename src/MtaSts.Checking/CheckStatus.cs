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

/// <summary>How the hosts name a status to people (the text report, the web page).</summary>
public static class CheckStatusText
{
    /// <summary>"pass", "info", "warning", "error", "not checked" or "skipped".</summary>
    public static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Info => "info",
        CheckStatus.Warning => "warning",
        CheckStatus.Error => "error",
        CheckStatus.NotChecked => "not checked",
        _ => "skipped",
    };
}
