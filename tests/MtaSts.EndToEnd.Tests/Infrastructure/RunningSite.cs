using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A built site running on a free loopback port (<c>dotnet App.dll --urls http://127.0.0.1:PORT</c>), stopped by its
/// process id on dispose. Requests are sent with an explicit Host header, without following redirects.
/// </summary>
public sealed class RunningSite : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient client;

    private RunningSite(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        // Redirects are failures for MTA-STS (RFC 8461 §3.3), so they must be seen, not followed. No proxy: loopback only.
        client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="assembly"/> with <paramref name="contentRoot"/> as working directory and waits until it answers.</summary>
    public static async Task<RunningSite> StartAsync(string assembly, string contentRoot, string environmentName, params string[] arguments)
    {
        Assert.True(File.Exists(assembly), $"{assembly} does not exist.");
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[assembly, "--urls", address.GetLeftPart(UriPartial.Authority), .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(n => n.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || n.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = startInfo };
        var site = new RunningSite(process, address);
        process.OutputDataReceived += (_, e) => site.Append(e.Data);
        process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await site.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        return site;
    }

    /// <summary>Sends <paramref name="method"/> for <paramref name="path"/> with the given Host header.</summary>
    public async Task<Response> SendAsync(HttpMethod method, string host, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Response(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet,
            response.Content.Headers.ContentLength,
            response.Headers.Location,
            body);
    }

    public Task<Response> GetAsync(string host, string path) => SendAsync(HttpMethod.Get, host, path);

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with {process.ExitCode} before it answered:\n{Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Address.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The site did not listen on {Address} within {timeout.TotalSeconds} s:\n{Output}");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    public sealed record Response(HttpStatusCode Status, string? MediaType, string? CharSet, long? ContentLength, Uri? Location, byte[] Body)
    {
        public string BodyText => Encoding.ASCII.GetString(Body);
    }
}
