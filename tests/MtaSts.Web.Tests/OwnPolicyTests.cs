using System.Net;

namespace MtaSts.Web.Tests;

/// <summary>The generator serves its own MTA-STS policy through the MtaSts.Build package (app.MapMtaStsPolicy()).</summary>
[Collection(GeneratorCollection.Name)]
public sealed class OwnPolicyTests(GeneratorServer server) : IDisposable
{
    private static readonly Deployment Configured =
        ConfigValidator.ValidateFile(Path.Combine(TestPaths.RepositoryRoot, "src", "MtaSts.Web", "mta-sts.yaml")).Deployment!;

    private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task The_policy_host_gets_the_policy_of_the_apps_mta_sts_yaml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/mta-sts.txt");
        request.Headers.Host = Configured.PolicyHost;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Configured.Policy.ToBytes(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Other_hosts_do_not_get_the_policy()
    {
        using var response = await client.GetAsync("/.well-known/mta-sts.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
