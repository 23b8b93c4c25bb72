using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MtaSts.Checking.Tests;

/// <summary>The probe's waits are bounded: a silent server and a closed port end as steps that could not run.</summary>
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
        Assert.Equal(CheckStatus.NotChecked, Evaluation.Probe("mx1.example.com", probe, 21).Status);
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
