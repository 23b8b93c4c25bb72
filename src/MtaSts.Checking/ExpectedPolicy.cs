namespace MtaSts.Checking;

/// <summary>
/// What a build produced for one Policy Domain and a site serves: the policy id to publish in <c>_mta-sts</c>, the
/// exact policy text and, optionally, the TLS-RPT record to publish at <c>_smtp._tls</c>. Step 5 of a check
/// (<see cref="DomainChecker.CheckAsync(string, ExpectedPolicy?, CancellationToken)"/>) compares the live deployment with it.
/// </summary>
/// <param name="Id">The policy id the build announces (RFC 8461 §3.1).</param>
/// <param name="Text">The policy file exactly as built (RFC 8461 §3.2).</param>
/// <param name="Source">What produced it, as the findings name it, e.g. <c>this site's build</c>.</param>
public sealed record ExpectedPolicy(string Id, string Text, string Source = "the build")
{
    /// <summary>
    /// The TLS-RPT record the build generated, <c>v=TLSRPTv1; rua=…</c> (RFC 8460 §3), or null when it has none: then the
    /// <c>_smtp._tls</c> record is not compared. Its <c>rua</c> destinations are compared with the published ones as a set.
    /// </summary>
    public string? TlsRptRecord { get; init; }
}
