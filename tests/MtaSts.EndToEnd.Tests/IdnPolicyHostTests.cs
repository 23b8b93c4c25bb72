using System.Net;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// An internationalized Policy Domain in the single-domain form, served by the endpoint alone (no static files to fall
/// back on). Senders send the Policy Host as its A-label (RFC 8461 §3.3 via the URL's host); ASP.NET Core hands the app
/// <c>HttpRequest.Host.Host</c> decoded to Unicode, so the endpoint must match the A-label all the same.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class IdnPolicyHostTests(PackagedMtaStsBuild package)
{
    private const string Config = """
        domain: bücher.example
        mode: testing
        mx: [mx1.bücher.example]
        max_age: 1w

        """;

    private const string PolicyText = "version: STSv1\r\nmode: testing\r\nmx: mx1.xn--bcher-kva.example\r\nmax_age: 604800\r\n";

    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapGet("/", () => "IDN");
        app.Run();

        """;

    [Fact]
    public async Task The_endpoint_serves_the_a_label_policy_host_without_static_files()
    {
        var project = await WebProject.CreateAsync(package, "Buecher.Idn", Config, Program);
        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());

        await using var running = await RunningSite.StartAsync(Path.Combine(project.OutputDirectory(), "Buecher.Idn.dll"), project.Directory);
        foreach (var host in new[] { "mta-sts.xn--bcher-kva.example", "MTA-STS.XN--BCHER-KVA.EXAMPLE:443" })
        {
            var response = await running.GetAsync(host, "/.well-known/mta-sts.txt");
            Assert.True(response.Status == HttpStatusCode.OK, $"{host}: {(int)response.Status}\n{running.Output}");
            Assert.Equal("text/plain", response.MediaType);
            Assert.Equal(Policies.Bytes(PolicyText), response.Body);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await running.GetAsync("mta-sts.other.example", "/.well-known/mta-sts.txt")).Status);
    }
}
