using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MtaSts.Web.Tests;

/// <summary>
/// The real generator app on a real Kestrel server on a free loopback port, in this process, with a fixed clock so
/// timestamp ids are predictable.
/// </summary>
public sealed class GeneratorServer : IAsyncLifetime
{
    /// <summary>The clock the app sees: ids from <c>id: timestamp</c> are <see cref="ExpectedTimestampId"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 29, 0, TimeSpan.Zero);

    public const string ExpectedTimestampId = "20261128T102900Z";

    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = WebGeneratorApp.Create(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
                builder.Logging.ClearProviders();
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
