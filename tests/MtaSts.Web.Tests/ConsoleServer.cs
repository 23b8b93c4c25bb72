using DnsClient;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MtaSts.Checking.Tests;

namespace MtaSts.Web.Tests;

/// <summary>
/// The web app (generator, check, reports) on a real Kestrel server on a free loopback port, in this process, with the
/// settings a test gives (configuration keys as an operator sets them) and, when given, a scripted resolver in place
/// of DNS: the check's steps then run against the test's own listeners.
/// </summary>
internal sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ConsoleServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ConsoleServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, ScriptedResolver? resolver = null)
    {
        var app = WebGeneratorApp.Create(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
                if (resolver is not null)
                {
                    builder.Services.AddSingleton(resolver.Query);
                }

                builder.Logging.ClearProviders();
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ConsoleServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
