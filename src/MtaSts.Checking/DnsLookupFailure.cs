namespace MtaSts.Checking;

/// <summary>A lookup that did not get an answer (timeout, SERVFAIL, REFUSED): nothing is known about the name.</summary>
public sealed record DnsLookupFailure(string Reason);
