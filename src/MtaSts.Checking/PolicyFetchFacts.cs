namespace MtaSts.Checking;

/// <summary>What the HTTPS fetch of <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> saw.</summary>
public sealed record PolicyFetchFacts
{
    public required string Url { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public string? ConnectedAddress { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    /// <summary>Bytes read; at most the cap plus one (reading stops there).</summary>
    public long? BodyBytes { get; init; }

    /// <summary>The body as served, when it was read in full and is at most 64,000 bytes (RFC 8461 §3.3).</summary>
    public byte[]? Body { get; init; }

    public TlsFacts? Tls { get; init; }

    public long ElapsedMilliseconds { get; init; }
}
