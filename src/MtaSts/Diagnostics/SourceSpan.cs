namespace MtaSts.Diagnostics;

/// <summary>A 1-based line/column range in an input file. <see cref="None"/> when the input has no text position.</summary>
public readonly record struct SourceSpan(int Line, int Column, int EndLine, int EndColumn)
{
    public static readonly SourceSpan None = default;

    public bool IsNone => Line <= 0;

    public static SourceSpan At(int line, int column, int length = 0) =>
        new(line, column, line, column + Math.Max(length, 0));

    public override string ToString() => IsNone ? "" : $"({Line},{Column})";
}
