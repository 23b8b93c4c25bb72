using System.Globalization;

namespace MtaSts.Diagnostics;

/// <summary>
/// One message of the catalogue (<see cref="DiagnosticMessages"/>): the codes it is reported under, a name that is unique
/// in the table, and its words as a composite format (<c>{0}</c>, <c>{1}</c>, … for the values of the input, as
/// <see cref="string.Format(IFormatProvider, string, object[])"/> and .resx files take them). A message is either
/// reported as a <see cref="Diagnostic"/> (<see cref="Create(SourceSpan, string?, ConfigField?, object?[])"/>), or is a
/// part (a fix hint, a reason) that another message takes as an argument (<see cref="Format"/>).
/// </summary>
public sealed class DiagnosticMessage
{
    internal DiagnosticMessage(IReadOnlyList<DiagnosticDescriptor> descriptors, string name, string format, int arguments)
    {
        Descriptors = descriptors;
        Name = name;
        Text = format;
        Arguments = arguments;
    }

    /// <summary>
    /// The codes the message is reported under: one for most; several for words two linters share (the
    /// <c>_mta-sts</c> and <c>_smtp._tls</c> records); none for the words about a value, which every host reports under
    /// a code of its own.
    /// </summary>
    public IReadOnlyList<DiagnosticDescriptor> Descriptors { get; }

    /// <summary>The one code the message is reported under, or null.</summary>
    public DiagnosticDescriptor? Descriptor => Descriptors.Count == 1 ? Descriptors[0] : null;

    /// <summary>Unique in the catalogue, e.g. <c>MTASTS2003.UnknownSuggestion</c> or <c>Value.ModeWrongCase</c>.</summary>
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
        (Descriptor ?? throw new InvalidOperationException($"{Name} is reported under one of several codes: name it."))
            .Create(Format(args), span, file, field);

    /// <summary>The diagnostic this message reports under <paramref name="descriptor"/>, one of <see cref="Descriptors"/>.</summary>
    public Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, string? file, params object?[] args) =>
        Descriptors.Contains(descriptor)
            ? descriptor.Create(Format(args), span, file)
            : throw new ArgumentException($"{Name} is not reported under {descriptor.Code}.", nameof(descriptor));

    public override string ToString() => Name;
}
