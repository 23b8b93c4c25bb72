using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MtaSts.AspNetCore.Tests;

/// <summary>The app models of ASP.NET Core that a site can be built with.</summary>
public enum AppModel
{
    CreateBuilder,
    CreateSlimBuilder,
    CreateEmptyBuilder,
}

/// <summary>
/// A real ASP.NET Core app on TestServer, configured as a user's Program.cs would be: <paramref name="services"/> before
/// <c>Build()</c>, <paramref name="pipeline"/> after it. Requests name their Host header, as senders do.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    public const string WellKnownPath = "/.well-known/mta-sts.txt";

    private readonly WebApplication app;
    private readonly HttpClient client;

    private TestSite(WebApplication app)
    {
        this.app = app;
        client = app.GetTestClient();
    }

    /// <summary>contoso.example's testing policy.</summary>
    public static readonly ServedPolicy Contoso = new("contoso.example", "mta-sts.contoso.example", "20261206T000000Z",
        "version: STSv1\r\nmode: testing\r\nmx: mail.contoso.example\r\nmax_age: 604800\r\n");

    /// <summary>An IDN domain, bücher.example, in enforce mode.</summary>
    public static readonly ServedPolicy Buecher = new("xn--bcher-kva.example", "mta-sts.xn--bcher-kva.example", "b1",
        "version: STSv1\r\nmode: enforce\r\nmx: mx.xn--bcher-kva.example\r\nmax_age: 86400\r\n");

    public static Task<TestSite> StartAsync(
        Action<WebApplicationBuilder>? services = null,
        Action<WebApplication>? pipeline = null,
        AppModel model = AppModel.CreateBuilder,
        ServedPolicySet? policies = null,
        bool https = true)
    {
        var builder = model switch
        {
            AppModel.CreateSlimBuilder => WebApplication.CreateSlimBuilder(),
            AppModel.CreateEmptyBuilder => WebApplication.CreateEmptyBuilder(new WebApplicationOptions()),
            _ => WebApplication.CreateBuilder(),
        };
        builder.WebHost.UseTestServer(o => o.BaseAddress = new Uri(https ? "https://localhost/" : "http://localhost/"));
        builder.Logging.ClearProviders();
        builder.Services.AddMtaSts(policies ?? new ServedPolicySet([Contoso]));
        services?.Invoke(builder);
        return StartAsync(builder, pipeline ?? (app => app.MapMtaStsPolicy()));
    }

    public static async Task<TestSite> StartAsync(WebApplicationBuilder builder, Action<WebApplication> pipeline)
    {
        var app = builder.Build();
        pipeline(app);
        await app.StartAsync();
        return new TestSite(app);
    }

    public IServiceProvider Services => app.Services;

    public async Task<Response> SendAsync(string host, string path = WellKnownPath, HttpMethod? method = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Response(
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentLength,
            response.Content.Headers.ContentEncoding.Count == 0 ? null : string.Join(",", response.Content.Headers.ContentEncoding),
            response.Headers.Location,
            response.Headers.WwwAuthenticate.Count > 0,
            body);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Response(HttpStatusCode Status, string? ContentType, long? ContentLength, string? ContentEncoding, Uri? Location, bool Challenged, byte[] Body)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>Exactly what RFC 8461 §3.3 senders accept: 200, text/plain, the exact bytes, nothing else in the way.</summary>
        public void AssertIsThePolicy(ServedPolicy policy, bool head = false)
        {
            Assert.True(Status == HttpStatusCode.OK, $"{(int)Status} {Location} {BodyText}");
            Assert.Null(Location);
            Assert.Equal("text/plain", ContentType);
            Assert.Null(ContentEncoding);
            Assert.False(Challenged);
            Assert.Equal(policy.Content.Length, ContentLength);
            Assert.Equal(head ? [] : policy.Content.ToArray(), Body);
        }
    }
}
