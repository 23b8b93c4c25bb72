namespace MtaSts.Checking;

/// <summary>
/// What a build produced for one Policy Domain and a site serves: the policy id to publish in <c>_mta-sts</c> and the
/// exact policy text. Step 5 of a check (<see cref="DomainChecker.CheckAsync(string, ExpectedPolicy?, CancellationToken)"/>)
/// compares the live deployment with it.
/// </summary>
/// <param name="Id">The policy id the build announces (RFC 8461 §3.1).</param>
/// <param name="Text">The policy file exactly as built (RFC 8461 §3.2).</param>
/// <param name="Source">What produced it, as the findings name it, e.g. <c>this site's build</c>.</param>
public sealed record ExpectedPolicy(string Id, string Text, string Source = "the build");
