namespace MtaSts.Diagnostics;

/// <summary>One entry of the diagnostic catalogue: a stable code, its default severity and a title.</summary>
public sealed class DiagnosticDescriptor
{
    public const string HelpLinkBase = "https://github.com/mtasts-build/MtaSts.Build/blob/main/docs/diagnostics/";

    internal DiagnosticDescriptor(int number, DiagnosticSeverity severity, string title)
    {
        Number = number;
        Severity = severity;
        Title = title;
    }

    public int Number { get; }

    /// <summary>The stable code, e.g. <c>MTASTS3002</c>. Never reused.</summary>
    public string Code => "MTASTS" + Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public DiagnosticSeverity Severity { get; }

    public string Title { get; }

    /// <summary>The page under docs/diagnostics that explains this code.</summary>
    public string HelpLink => HelpLinkBase + Code + ".md";

    public Diagnostic Create(string message, SourceSpan span = default, string? file = null, ConfigField? field = null) =>
        new(this, message, file, span, field);

    public override string ToString() => Code;
}
