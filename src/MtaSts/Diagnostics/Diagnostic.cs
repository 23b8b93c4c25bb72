using System.Globalization;

namespace MtaSts.Diagnostics;

/// <summary>
/// One problem found in an input: which rule (<see cref="Descriptor"/>), where (<see cref="File"/>, <see cref="Span"/>,
/// and for hosts without a text file, the config <see cref="Field"/> such as <c>mode</c> or <c>mx[1]</c>), and a message
/// that says what is wrong and how to fix it.
/// </summary>
public sealed class Diagnostic
{
    public Diagnostic(DiagnosticDescriptor descriptor, string message, string? file, SourceSpan span, ConfigField? field)
    {
        Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        Message = Printable(message ?? throw new ArgumentNullException(nameof(message)));
        File = file;
        Span = span;
        Field = field;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public string Message { get; }

    public string? File { get; }

    public SourceSpan Span { get; }

    /// <summary>The configuration key (and list item) the problem belongs to, or null.</summary>
    public ConfigField? Field { get; }

    public string HelpLink => Descriptor.HelpLink;

    /// <summary>
    /// The second line of defence behind <see cref="UserText"/>, which every message quotes user input with: control
    /// characters (CR, LF, …) and Unicode line separators left in a message are shown as U+XXXX, so a crafted value can
    /// never print a line of its own that looks like another diagnostic.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(IsLineBreaking))
        {
            return text;
        }

        var printable = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsLineBreaking(c))
            {
                printable.Append(UserText.CodePoint(c));
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    /// <summary>Control characters and the Unicode line and paragraph separators: what can start a new line.</summary>
    internal static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    public Diagnostic WithFile(string? file) => new(Descriptor, Message, file, Span, Field);

    /// <summary>The MSBuild canonical form: <c>file(line,col): error CODE: message</c>.</summary>
    public override string ToString()
    {
        var severity = IsError ? "error" : "warning";
        var location = File ?? "";
        if (!Span.IsNone)
        {
            location += string.Format(CultureInfo.InvariantCulture, "({0},{1})", Span.Line, Span.Column);
        }

        return location.Length == 0
            ? $"{severity} {Code}: {Message}"
            : $"{location}: {severity} {Code}: {Message}";
    }
}
