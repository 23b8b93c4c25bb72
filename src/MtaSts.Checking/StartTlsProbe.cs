namespace MtaSts.Checking;

/// <summary>One STARTTLS probe of one MX address (RFC 8461 §4.2, §7.1: SNI and certificate for the MX host name).</summary>
public sealed record StartTlsProbe
{
    public required string Address { get; init; }

    public required ProbeOutcome Outcome { get; init; }

    /// <summary>The greeting or EHLO problem, a connect failure, a handshake error: in the words of the failure.</summary>
    public string? Detail { get; init; }

    public bool StartTlsOffered { get; init; }

    /// <summary>
    /// The server's reply when it advertised STARTTLS and then refused the command, e.g. Postfix's "454 4.7.0 TLS not
    /// available due to local problem" when it cannot load its own key or certificate (RFC 3207 §4); no handshake
    /// took place. Null otherwise.
    /// </summary>
    public string? StartTlsRefusal { get; init; }

    public TlsFacts? Tls { get; init; }

    public long ElapsedMilliseconds { get; init; }
}
