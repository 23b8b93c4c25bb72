namespace MtaSts.Checking;

public enum ProbeOutcome
{
    /// <summary>STARTTLS negotiated, certificate valid for the MX host name.</summary>
    Secure,

    /// <summary>STARTTLS negotiated, but the certificate fails (see <see cref="TlsFacts.Problem"/>).</summary>
    CertificateInvalid,

    /// <summary>The server answered EHLO without STARTTLS.</summary>
    NoStartTls,

    /// <summary>
    /// STARTTLS was offered but no TLS session came of it: the handshake failed, or the server refused the command
    /// (<see cref="StartTlsProbe.StartTlsRefusal"/>).
    /// </summary>
    HandshakeFailed,

    /// <summary>No TCP connection to port 25 (refused, timed out, unreachable): may be a block on the checking side.</summary>
    NotConnected,

    /// <summary>Connected, but the SMTP dialogue broke before STARTTLS (greeting, EHLO, timeout).</summary>
    SmtpFailed,
}
