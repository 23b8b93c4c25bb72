using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace MtaSts.Checking;

/// <summary>
/// Fetches the policy as a sender does (RFC 8461 §3.3): HTTPS GET with SNI for the Policy Host, redirects not followed,
/// no HTTP cache, the body read up to <see cref="MaxBodyBytes"/> and no further. Addresses come from the check's resolver.
/// </summary>
internal sealed class PolicyFetcher(DnsLookup dns, CheckOptions options)
{
    /// <summary>The body cap (RFC 8461 §3.3, the core's rule); the fetch reads one byte more to know a body is longer.</summary>
    private const int MaxBodyBytes = Policy.StsPolicy.MaxPolicyBytes;

    public sealed record Result(PolicyFetchFacts Facts, FetchFailure? Failure, string? FailureDetail);

    public enum FetchFailure
    {
        NoAddress,
        DnsFailed,
        ConnectFailed,
        Certificate,
        TlsFailed,
        Timeout,
        TooLarge,

        /// <summary>An address of the Policy Host is refused by <see cref="CheckOptions.AddressPolicy"/>: nothing was contacted.</summary>
        AddressRefused,
    }

    public async Task<Result> FetchAsync(string policyDomain, CancellationToken cancellation)
    {
        var policyHost = Deployment.PolicyHostFor(policyDomain);
        var url = Deployment.PolicyUrlFor(policyDomain);
        var stopwatch = Stopwatch.StartNew();
        var facts = new PolicyFetchFacts { Url = url };

        var (addresses, dnsFailure) = await dns.AddressesAsync(policyHost, cancellation).ConfigureAwait(false);
        facts = facts with { Addresses = addresses.Select(a => a.ToString()).ToList() };
        if (addresses.Count == 0)
        {
            return dnsFailure is not null
                ? new Result(facts, FetchFailure.DnsFailed, dnsFailure.Reason)
                : new Result(facts, FetchFailure.NoAddress, null);
        }

        // Every address is judged before any is contacted, and only these vetted IPAddress values are connected to
        // below: the name is not resolved again, so a second DNS answer cannot point the connection elsewhere.
        var refusals = options.AddressPolicy.Refusals(addresses);
        if (refusals.Count > 0)
        {
            return new Result(facts, FetchFailure.AddressRefused, string.Join("; ", refusals));
        }

        TlsFacts? tls = null;
        string? connected = null;
        string? connectError = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,   // RFC 8461 §3.3: senders MUST NOT follow redirects
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = Timeout.InfiniteTimeSpan,   // per address, in ConnectCallback
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                // RFC 8461 §7.2: senders support TLS 1.2 or newer; a host that offers only older versions fails here,
                // as MTASTS7029's message says.
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    tls = CertificateCheck.Evaluate(certificate, chain, errors, options.TrustAnchors, options.Clock.GetUtcNow());
                    return tls.Problem == CertificateProblem.None;
                },
            },
            ConnectCallback = async (context, token) =>
            {
                // The addresses from the check's resolver, in order; the first that accepts wins.
                foreach (var address in addresses)
                {
                    if (!options.AddressPolicy.Allows(address))
                    {
                        throw new HttpRequestException($"{address} is refused by the address policy");
                    }

                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    connectTimeout.CancelAfter(options.ConnectTimeout);
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), connectTimeout.Token).ConfigureAwait(false);
                        connected = address.ToString();
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch (SocketException ex)
                    {
                        connectError = $"{address}:{context.DnsEndPoint.Port}: {ex.Message}";
                        socket.Dispose();
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        connectError = $"{address}:{context.DnsEndPoint.Port}: no answer within {options.ConnectTimeout.TotalSeconds:0} s";
                        socket.Dispose();
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                }

                throw new HttpRequestException(connectError ?? "no address accepted the connection");
            },
        };

        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(options.HttpTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("mta-sts-check", "1"));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            facts = facts with
            {
                ConnectedAddress = connected,
                Tls = tls,
                StatusCode = (int)response.StatusCode,
                ContentType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(", ", types) : null,
                Location = response.Headers.Location?.OriginalString,
            };
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new Result(facts with { ElapsedMilliseconds = stopwatch.ElapsedMilliseconds }, null, null);
            }

            var (body, total) = await ReadCappedAsync(response, timeout.Token).ConfigureAwait(false);
            facts = facts with { BodyBytes = total, Body = total > MaxBodyBytes ? null : body, ElapsedMilliseconds = stopwatch.ElapsedMilliseconds };
            return total > MaxBodyBytes ? new Result(facts, FetchFailure.TooLarge, null) : new Result(facts, null, null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new Result(facts with { ConnectedAddress = connected, Tls = tls, ElapsedMilliseconds = stopwatch.ElapsedMilliseconds },
                FetchFailure.Timeout, $"no complete answer within {options.HttpTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            facts = facts with { ConnectedAddress = connected, Tls = tls, ElapsedMilliseconds = stopwatch.ElapsedMilliseconds };
            if (tls is { Problem: not CertificateProblem.None })
            {
                return new Result(facts, FetchFailure.Certificate, null);
            }

            if (connected is null)
            {
                return new Result(facts, FetchFailure.ConnectFailed, connectError ?? Innermost(ex));
            }

            return new Result(facts, ex.InnerException is AuthenticationException or IOException ? FetchFailure.TlsFailed : FetchFailure.ConnectFailed, Innermost(ex));
        }
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> + 1 bytes: enough to know the body is too large, never more.</summary>
    private static async Task<(byte[] Body, long Total)> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        var buffer = new byte[MaxBodyBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return (buffer.AsSpan(0, Math.Min(total, MaxBodyBytes)).ToArray(), total);
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }
}
