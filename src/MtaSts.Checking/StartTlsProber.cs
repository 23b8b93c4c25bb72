using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace MtaSts.Checking;

/// <summary>
/// Probes one MX address as a sender connects to it (RFC 8461 §4.2, §7.1; RFC 3207): port 25, greeting, EHLO, STARTTLS
/// if advertised, the TLS handshake with SNI = the MX host name, then QUIT. MailKit speaks SMTP; the certificate is
/// judged by <see cref="CertificateCheck"/>. No mail is sent.
/// </summary>
internal sealed class StartTlsProber(CheckOptions options)
{
    public const int SmtpPort = 25;

    public async Task<StartTlsProbe> ProbeAsync(string mxHost, IPAddress address, int port, CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        StartTlsProbe Done(ProbeOutcome outcome, string? detail, bool offered = false, TlsFacts? tls = null, string? refusal = null) =>
            new() { Address = address.ToString(), Outcome = outcome, Detail = detail, StartTlsOffered = offered, StartTlsRefusal = refusal, Tls = tls, ElapsedMilliseconds = stopwatch.ElapsedMilliseconds };

        // The caller judged the address already; judged again where the connection is made, so no path skips it.
        if (options.AddressPolicy.WhyRefused(address) is { } notAllowed)
        {
            return Done(ProbeOutcome.NotConnected, notAllowed);
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            connectTimeout.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), connectTimeout.Token).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                return Done(ProbeOutcome.NotConnected, $"{ex.SocketErrorCode}: {ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                socket.Dispose();
                return Done(ProbeOutcome.NotConnected, $"no answer within {options.ConnectTimeout.TotalSeconds:0} s");
            }
        }

        TlsFacts? tls = null;
        using var client = new SmtpClient
        {
            Timeout = (int)options.SmtpTimeout.TotalMilliseconds,
            LocalDomain = options.HeloName,
            CheckCertificateRevocation = false,
            // Accept whatever is presented so the dialogue completes and the certificate can be named; the verdict is
            // CertificateCheck's. Nothing is sent over the connection.
            ServerCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                tls = CertificateCheck.Evaluate(certificate, chain, errors, options.TrustAnchors, options.Clock.GetUtcNow());
                return true;
            },
        };

        try
        {
            await client.ConnectAsync(socket, mxHost, port, SecureSocketOptions.StartTlsWhenAvailable, cancellation).ConfigureAwait(false);
        }
        catch (SslHandshakeException ex)
        {
            socket.Dispose();
            return Done(ProbeOutcome.HandshakeFailed, HandshakeFailure(ex), offered: true, tls);
        }
        catch (Exception ex) when (IsDialogueFailure(ex) && !cancellation.IsCancellationRequested)
        {
            socket.Dispose();
            var offered = client.Capabilities.HasFlag(SmtpCapabilities.StartTLS);
            if (offered && !client.IsSecure && ex is SmtpCommandException refused)
            {
                // EHLO advertised STARTTLS, so the command that failed is STARTTLS itself: refused, not a handshake.
                var reply = $"{(int)refused.StatusCode} {FirstLine(refused.Message)}";
                return Done(ProbeOutcome.HandshakeFailed, reply, offered: true, refusal: reply);
            }

            return offered
                ? Done(ProbeOutcome.HandshakeFailed, FirstLine(ex.Message), offered: true, tls)
                : Done(ProbeOutcome.SmtpFailed, FirstLine(ex.Message));
        }

        var secure = client.IsSecure;
        var protocol = ProtocolName(client.SslProtocol);
        try
        {
            await client.DisconnectAsync(quit: true, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDialogueFailure(ex) && !cancellation.IsCancellationRequested)
        {
            // QUIT is a courtesy; the facts are in.
        }

        socket.Dispose();
        if (!secure)
        {
            return Done(ProbeOutcome.NoStartTls, "the EHLO answer does not advertise STARTTLS");
        }

        tls = (tls ?? new TlsFacts { Problem = CertificateProblem.Other }) with { Protocol = protocol };
        return tls.Problem == CertificateProblem.None
            ? Done(ProbeOutcome.Secure, null, offered: true, tls)
            : Done(ProbeOutcome.CertificateInvalid, CertificateCheck.Describe(tls, mxHost), offered: true, tls);
    }

#pragma warning disable SYSLIB0039, CS0618 // naming old protocols is the point: a server that negotiates them is reported
    internal static string ProtocolName(System.Security.Authentication.SslProtocols protocol) => protocol switch
    {
        System.Security.Authentication.SslProtocols.Tls13 => "TLSv1.3",
        System.Security.Authentication.SslProtocols.Tls12 => "TLSv1.2",
        System.Security.Authentication.SslProtocols.Tls11 => "TLSv1.1",
        System.Security.Authentication.SslProtocols.Tls => "TLSv1.0",
        _ => protocol.ToString(),
    };
#pragma warning restore SYSLIB0039, CS0618

    /// <summary>What a server (or the network) can do to an SMTP dialogue: not a bug of the check.</summary>
    private static bool IsDialogueFailure(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or SocketException or TimeoutException
            or OperationCanceledException or System.Security.Authentication.AuthenticationException or MailKit.ServiceNotConnectedException;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>
    /// Why a handshake failed, in the TLS library's words: MailKit wraps .NET's "Authentication failed, see inner
    /// exception.", which wraps OpenSSL's reason (e.g. "error:0A000410:SSL routines::sslv3 alert handshake failure",
    /// what a server that only speaks TLS 1.1 or older causes). The wrappers' own messages say nothing.
    /// </summary>
    internal static string HandshakeFailure(Exception ex)
    {
        var messages = new List<string>();
        for (var inner = ex.InnerException ?? ex; inner is not null && messages.Count < 5; inner = inner.InnerException)
        {
            var message = FirstLine(inner.Message);
            if (message.Length > 0 && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !messages.Contains(message))
            {
                messages.Add(message.TrimEnd('.'));
            }
        }

        return messages.Count == 0 ? FirstLine(ex.Message) : string.Join(": ", messages);
    }
}
