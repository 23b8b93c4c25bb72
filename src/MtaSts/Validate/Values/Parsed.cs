namespace MtaSts.Values;

/// <summary>The outcome of parsing a value: the value, or the problem.</summary>
public readonly struct Parsed<T>
{
    private Parsed(T value, ValueProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value; <c>default</c> when <see cref="Problem"/> is set.</summary>
    public T Value { get; }

    public ValueProblem? Problem { get; }

    public bool IsValid => Problem is null;

    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Fail(ValueProblem problem) => new(default!, problem ?? throw new ArgumentNullException(nameof(problem)));

    public static implicit operator Parsed<T>(ValueProblem problem) => Fail(problem);
}
