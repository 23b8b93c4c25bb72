using MtaSts.Policy;

namespace MtaSts.Checking;

/// <summary>What a sending MTA does with the domain right now.</summary>
public sealed record SenderVerdict
{
    /// <summary>Senders that have no cached policy find a valid one.</summary>
    public bool HasPolicy { get; init; }

    public PolicyMode? Mode { get; init; }

    public IReadOnlyList<string> Mx { get; init; } = [];

    public long? MaxAge { get; init; }

    public string? PolicyId { get; init; }

    public required string Text { get; init; }
}
