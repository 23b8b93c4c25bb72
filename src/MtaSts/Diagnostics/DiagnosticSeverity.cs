namespace MtaSts.Diagnostics;

public enum DiagnosticSeverity
{
    /// <summary>Legal but risky, or handled differently by different senders.</summary>
    Warning,

    /// <summary>Not allowed by the RFC or by this tool: nothing is generated.</summary>
    Error,
}
