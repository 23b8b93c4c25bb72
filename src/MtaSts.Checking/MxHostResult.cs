namespace MtaSts.Checking;

/// <summary>One MX host: the facts of steps 3 and 4, and what a sender under <c>enforce</c> would do with it.</summary>
public sealed record MxHostResult
{
    public required string Host { get; init; }

    public int Preference { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The first policy pattern that matches the host (RFC 8461 §4.1), or null.</summary>
    public string? MatchedPattern { get; init; }

    public IReadOnlyList<StartTlsProbe> Probes { get; init; } = [];

    /// <summary>True: delivered under enforce; false: would fail; null: not known (no policy, not probed, not reached).</summary>
    public bool? DeliverableUnderEnforce { get; init; }

    /// <summary>One line: "would be delivered to under enforce" or "would fail under enforce, because …".</summary>
    public required string Summary { get; init; }

    /// <summary>Whether <c>_25._tcp.&lt;host&gt;</c> has TLSA records (DANE senders use those instead, RFC 8461 §2).</summary>
    public bool HasTlsa { get; init; }

    /// <summary>Whether <see cref="CheckOptions.AddressPolicy"/> refused an address of the host, so it was not contacted (MTASTS7192).</summary>
    public bool Refused { get; init; }
}
