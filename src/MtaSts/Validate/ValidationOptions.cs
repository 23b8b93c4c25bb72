namespace MtaSts.Policy;

/// <summary>Inputs to validation that do not come from the configuration file.</summary>
public sealed record ValidationOptions
{
    /// <summary>The clock for <c>id: timestamp</c>. Defaults to the current UTC time.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// Replaces the configured <c>id</c> (for example from the MSBuild property <c>MtaStsPolicyId</c> or
    /// <c>mta-sts generate --id</c>): <c>auto</c>, <c>timestamp</c> or a literal id.
    /// </summary>
    public string? IdOverride { get; init; }

    /// <summary>
    /// The policy text and id generated last time, if known. With <c>id: timestamp</c> an unchanged policy keeps its
    /// previous id, so rebuilding does not announce a new policy to every sender.
    /// </summary>
    public string? PreviousPolicyText { get; init; }

    /// <inheritdoc cref="PreviousPolicyText"/>
    public string? PreviousPolicyId { get; init; }

    /// <summary>
    /// The committed state of <c>id: timestamp</c> (see <see cref="Output.PolicyIdState"/>): when it was made for the same
    /// policy text, its id is kept.
    /// </summary>
    public Output.PolicyIdState? PreviousState { get; init; }

    /// <summary>
    /// Every committed state of <c>id: timestamp</c> (<see cref="Output.PolicyIdState.ReadAll"/>), for a configuration of
    /// any form: each domain keeps the id of its own state (<see cref="Output.PolicyIdState.Find"/>) while its policy
    /// text is unchanged. <see cref="PreviousState"/>, when set, is used first.
    /// </summary>
    public IReadOnlyList<Output.PolicyIdState>? PreviousStates { get; init; }

    public static ValidationOptions Default { get; } = new();
}
