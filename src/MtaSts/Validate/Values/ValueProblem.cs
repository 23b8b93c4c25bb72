namespace MtaSts.Values;

/// <summary>
/// What is wrong with a value, as data: the kind, where (a 0-based offset into the value as given, before any
/// trimming), and the detail the message needs. Hosts map it to a diagnostic with <see cref="ValueMessages"/>.
/// </summary>
public sealed record ValueProblem(ValueProblemKind Kind, int Offset = 0, string Detail = "", ValueProblem? Inner = null)
{
    internal ValueProblem Shift(int by) => by == 0 ? this : this with { Offset = Offset + by };
}
