using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MtaSts.Checking.Tests;

/// <summary>
/// The probe against servers scripted in the test: its waits are bounded (a silent server and a closed port end as
/// steps that could not run), and a refused STARTTLS is told apart from a failed handshake.
/// </summary>
public class StartTlsProberTests
{
    private static readonly CheckOptions Options = new()
    {
        Resolver = CheckOptions.CreateResolver(null),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        SmtpTimeout = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task A_server_that_never_greets_is_an_SMTP_failure_after_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();
        var stopwatch = Stopwatch.StartNew();

        var probe = await new StartTlsProber(Options).ProbeAsync("mx1.example.com", IPAddress.Loopback, port, CancellationToken.None);

        Assert.Equal(ProbeOutcome.SmtpFailed, probe.Outcome);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        (await accept).Dispose();
        Assert.Equal(CheckStatus.NotChecked, CheckRules.Probe("mx1.example.com", probe, 21).Status);
    }

    [Fact]
    public async Task A_server_that_advertises_STARTTLS_and_refuses_it_is_a_refusal_not_a_handshake()
    {
        // What Postfix does when it cannot load its key or certificate (seen live in build/check-lab.sh).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = ServeAsync(listener, new Dictionary<string, string>
        {
            ["EHLO"] = "250-mx1.example.com\r\n250-PIPELINING\r\n250 STARTTLS\r\n",
            ["STARTTLS"] = "454 4.7.0 TLS not available due to local problem\r\n",
            ["QUIT"] = "221 2.0.0 Bye\r\n",
        });

        var probe = await new StartTlsProber(Options).ProbeAsync("mx1.example.com", IPAddress.Loopback, port, CancellationToken.None);
        await server;

        Assert.Equal(ProbeOutcome.HandshakeFailed, probe.Outcome);
        Assert.True(probe.StartTlsOffered);
        Assert.Equal("454 4.7.0 TLS not available due to local problem", probe.StartTlsRefusal);
        var finding = CheckRules.Probe("mx1.example.com", probe, 21);
        Assert.Equal("MTASTS7086", finding.Code);
        Assert.Equal(CheckStatus.Error, finding.Status);
        Assert.Contains("offers STARTTLS but refuses it: '454 4.7.0 TLS not available due to local problem'", finding.Message);
        Assert.DoesNotContain("handshake", finding.Message);
        Assert.Equal((false, "would fail under enforce, because it refuses STARTTLS (127.0.0.1)"),
            CheckRules.MxSummary("mx1.example.com", true, [probe], true, 1));
    }

    /// <summary>One SMTP session: a greeting, then the scripted reply to each verb (502 otherwise), at most 10 commands.</summary>
    private static async Task ServeAsync(TcpListener listener, Dictionary<string, string> replies)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        await using var writer = new StreamWriter(stream, System.Text.Encoding.ASCII) { AutoFlush = true };
        await writer.WriteAsync("220 mx1.example.com ESMTP\r\n");
        for (var i = 0; i < 10; i++)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return;
            }

            var verb = line.Split(' ')[0].ToUpperInvariant();
            await writer.WriteAsync(replies.GetValueOrDefault(verb, "502 5.5.2 Error: command not recognized\r\n"));
            if (verb == "QUIT")
            {
                return;
            }
        }
    }

    [Fact]
    public void A_failed_handshake_is_described_in_the_TLS_librarys_words_not_the_wrappers()
    {
        var openSsl = new System.Security.Cryptography.CryptographicException("error:0A000410:SSL routines::sslv3 alert handshake failure");
        var ssl = new IOException("SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL.", openSsl);
        var authentication = new System.Security.Authentication.AuthenticationException("Authentication failed, see inner exception.", ssl);
        var mailKit = new MailKit.Security.SslHandshakeException("An error occurred while attempting to establish an SSL or TLS connection.\nMore text.", authentication);

        Assert.Equal(
            "SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL: error:0A000410:SSL routines::sslv3 alert handshake failure",
            StartTlsProber.HandshakeFailure(mailKit));
        Assert.Equal("An error occurred", StartTlsProber.HandshakeFailure(new MailKit.Security.SslHandshakeException("An error occurred")));
    }

    [Fact]
    public async Task A_closed_port_is_not_connected()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var probe = await new StartTlsProber(Options).ProbeAsync("mx1.example.com", IPAddress.Loopback, port, CancellationToken.None);

        Assert.Equal(ProbeOutcome.NotConnected, probe.Outcome);
        Assert.Contains("ConnectionRefused", probe.Detail);
    }
}
