using System.Globalization;

namespace MtaSts.Diagnostics;

/// <summary>
/// One message of the catalogue (<see cref="DiagnosticMessages"/>): the code it is reported under, a name that is stable
/// within that code, and its words as a composite format (<c>{0}</c>, <c>{1}</c>, … for the values of the input, as
/// <see cref="string.Format(IFormatProvider, string, object[])"/> and .resx files take them). A message either is
/// reported as a <see cref="Diagnostic"/> (<see cref="Create"/>), or is a part (a fix hint, a reason) that another
/// message of the same code takes as an argument (<see cref="Format"/>).
/// </summary>
public sealed class DiagnosticMessage
{
    internal DiagnosticMessage(DiagnosticDescriptor? descriptor, string name, string format, int arguments)
    {
        Descriptor = descriptor;
        Name = name;
        Text = format;
        Arguments = arguments;
    }

    /// <summary>The code the message is reported under; null for the words about a value, which every host reports under a code of its own.</summary>
    public DiagnosticDescriptor? Descriptor { get; }

    /// <summary>Unique in the catalogue, e.g. <c>MTASTS2003.Suggestion</c> or <c>Value.Mode.WrongCase</c>.</summary>
    public string Name { get; }

    /// <summary>The composite format, with its arguments numbered from 0.</summary>
    public string Text { get; }

    /// <summary>How many arguments <see cref="Text"/> takes.</summary>
    public int Arguments { get; }

    /// <summary>The words with <paramref name="args"/> in place, formatted with the invariant culture.</summary>
    public string Format(params object?[] args)
    {
        if (args.Length != Arguments)
        {
            throw new ArgumentException($"{Name} takes {Arguments} argument(s), not {args.Length}.", nameof(args));
        }

        return string.Format(CultureInfo.InvariantCulture, Text, args);
    }

    /// <summary>The diagnostic this message reports, at <paramref name="span"/> of <paramref name="file"/>.</summary>
    public Diagnostic Create(SourceSpan span, string? file, ConfigField? field, params object?[] args) =>
        (Descriptor ?? throw new InvalidOperationException($"{Name} is not reported on its own."))
            .Create(Format(args), span, file, field);

    public override string ToString() => Name;
}
