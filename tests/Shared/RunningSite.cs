using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MtaSts.Testing;

/// <summary>
/// An ASP.NET Core site in a child process, listening on a loopback port the server chose itself (<c>--urls
/// http://127.0.0.1:0</c>, read back from Kestrel's "Now listening on:" line, so no port is picked and released before
/// the server binds it). Stopped with its whole process tree on dispose. Requests are sent with an explicit Host
/// header, without following redirects (RFC 8461 §3.3 senders do not follow them) and without decompressing.
/// </summary>
public sealed partial class RunningSite : IAsyncDisposable
{
    /// <summary>The <c>--urls</c> value that lets Kestrel choose a free loopback port.</summary>
    public const string AnyLoopbackPort = "http://127.0.0.1:0";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly SemaphoreSlim outputChanged = new(0);
    private readonly HttpClient client;
    private Uri? address;

    private RunningSite(Process process)
    {
        this.process = process;
        client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    /// <summary>Where the site listens now; a restarted app (dotnet watch) moves to its new port.</summary>
    public Uri Address => address ?? throw new InvalidOperationException("The site is not listening yet.");

    /// <summary>Everything the process wrote, stdout and stderr interleaved.</summary>
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

    public int ProcessId => process.Id;

    /// <summary>
    /// Runs <c>dotnet <paramref name="assembly"/> --urls http://127.0.0.1:0 [arguments]</c> from
    /// <paramref name="contentRoot"/> in <paramref name="environmentName"/> and waits until it listens.
    /// </summary>
    public static Task<RunningSite> StartAsync(string assembly, string contentRoot, string environmentName = "Development", params string[] arguments)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} does not exist.", assembly);
        }

        return StartProcessAsync("dotnet", [assembly, "--urls", AnyLoopbackPort, .. arguments], contentRoot, new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = environmentName }, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Starts any command that ends up running a site (e.g. <c>dotnet watch run</c>) and waits, at most
    /// <paramref name="startTimeout"/>, for its first "Now listening on:" line. The command must pass
    /// <see cref="AnyLoopbackPort"/> to the site.
    /// </summary>
    public static async Task<RunningSite> StartProcessAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan startTimeout)
    {
        var startInfo = Command.StartInfo(fileName, arguments, workingDirectory, environment);

        var process = new Process { StartInfo = startInfo };
        var site = new RunningSite(process);
        process.OutputDataReceived += (_, e) => site.Append(e.Data);
        process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await site.WaitForListeningAsync(0, startTimeout);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        return site;
    }

    /// <summary>Sends <paramref name="method"/> for <paramref name="path"/> with the Host header and any other headers.</summary>
    public async Task<Response> SendAsync(HttpMethod method, string host, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(Address, path));
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Response(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet,
            response.Content.Headers.ContentLength,
            response.Headers.Location,
            all,
            body);
    }

    public Task<Response> GetAsync(string host, string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, host, path, headers);

    /// <summary>The length of <see cref="Output"/> now: a mark to wait for lines written after it.</summary>
    public int OutputMark
    {
        get
        {
            lock (output)
            {
                return output.Length;
            }
        }
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, for output after <paramref name="mark"/> that matches <paramref name="pattern"/>.</summary>
    public async Task<Match> WaitForOutputAsync(int mark, Regex pattern, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var match = pattern.Match(Output, mark);
            if (match.Success)
            {
                return match;
            }

            if (process.HasExited)
            {
                // The last lines may still be on their way from the pipes.
                process.WaitForExit();
                match = pattern.Match(Output, mark);
                return match.Success
                    ? match
                    : throw new InvalidOperationException($"The process exited with {process.ExitCode} before writing /{pattern}/:\n{Output}");
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No output matching /{pattern}/ within {timeout.TotalSeconds:F0} s:\n{Output}");
            }

            await outputChanged.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Waits for a "Now listening on:" line after <paramref name="mark"/> and takes its address.</summary>
    public async Task WaitForListeningAsync(int mark, TimeSpan timeout)
    {
        var match = await WaitForOutputAsync(mark, ListeningLine(), timeout);
        address = new Uri(match.Groups["address"].Value.TrimEnd('/') + "/");
    }

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

        outputChanged.Release();
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public sealed record Response(
        HttpStatusCode Status,
        string? MediaType,
        string? CharSet,
        long? ContentLength,
        Uri? Location,
        IReadOnlyDictionary<string, string> Headers,
        byte[] Body)
    {
        public string BodyText => Encoding.ASCII.GetString(Body);

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
