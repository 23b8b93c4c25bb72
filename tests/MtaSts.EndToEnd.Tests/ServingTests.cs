using System.Net;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The built and the published site on loopback, with real HTTP requests. RFC 8461 §3.3: senders fetch
/// <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>, need 200 and <c>text/plain</c>, and must not follow
/// redirects. Program.cs lets each run pick how static files are served (see <see cref="Programs.ChoosableStaticFiles"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ServingTests(ServingTests.Site site) : IClassFixture<ServingTests.Site>
{
    private const string WellKnownPath = "/.well-known/mta-sts.txt";
    private const string OtherHost = "www." + Policies.Domain;

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        private const string Name = "Contoso.Serving";

        public WebProject Project { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, Name, Policies.Testing, Programs.ChoosableStaticFiles(Name));
            var build = await Project.BuildAsync();
            Assert.True(build.Succeeded, build.Describe());
            var publish = await Project.PublishAsync();
            Assert.True(publish.Succeeded, publish.Describe());
        }

        public Task DisposeAsync() => Task.CompletedTask;

        /// <summary>As `dotnet run` would: Development, the project folder as content root.</summary>
        public Task<RunningSite> StartBuiltAsync(string serve) =>
            RunningSite.StartAsync(Path.Combine(Project.OutputDirectory(), Name + ".dll"), Project.Directory, "Development", $"--Serve={serve}");

        /// <summary>As deployed: Production, the publish folder as content root.</summary>
        public Task<RunningSite> StartPublishedAsync(string serve) =>
            RunningSite.StartAsync(Path.Combine(Project.PublishDirectory, Name + ".dll"), Project.PublishDirectory, "Production", $"--Serve={serve}");
    }

    [Theory]
    [InlineData("Nothing")]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    public async Task The_policy_host_gets_the_exact_policy_as_text_plain(string serve)
    {
        await using var running = await site.StartBuiltAsync(serve);
        AssertIsThePolicy(await running.GetAsync(Policies.PolicyHost, WellKnownPath), running);
    }

    [Fact]
    public async Task The_policy_host_matches_whatever_the_case_and_port_in_the_host_header()
    {
        await using var running = await site.StartBuiltAsync("Nothing");
        AssertIsThePolicy(await running.GetAsync("MTA-STS.Contoso.Example:443", WellKnownPath), running);
    }

    [Fact]
    public async Task HEAD_gets_the_headers_without_a_body()
    {
        await using var running = await site.StartBuiltAsync("Nothing");
        var response = await running.SendAsync(HttpMethod.Head, Policies.PolicyHost, WellKnownPath);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText).Length, response.ContentLength);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Other_hosts_fall_through_to_the_rest_of_the_app()
    {
        await using var running = await site.StartBuiltAsync("Nothing");
        var response = await running.GetAsync(OtherHost, WellKnownPath);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Contoso.Serving", (await running.GetAsync(OtherHost, "/")).BodyText);
    }

    [Theory]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    public async Task Other_hosts_get_the_generated_static_file(string serve)
    {
        await using var running = await site.StartBuiltAsync(serve);
        AssertIsThePolicy(await running.GetAsync(OtherHost, WellKnownPath), running);

        // A build manifest lets MapStaticAssets serve files it does not list, with only a logged warning; a file the
        // first build left out of the static web assets would be missing after publish. The log is written
        // asynchronously, hence the pause.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain("was not found in the built time manifest", running.Output);
    }

    [Fact]
    public async Task The_app_can_read_the_generated_policy_data()
    {
        await using var running = await site.StartBuiltAsync("Nothing");
        Assert.Equal(Policies.AutoId(Policies.TestingPolicyText), (await running.GetAsync(OtherHost, "/policy-id")).BodyText);
    }

    [Theory]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    public async Task The_published_site_serves_the_policy_to_the_policy_host(string serve)
    {
        await using var running = await site.StartPublishedAsync(serve);
        AssertIsThePolicy(await running.GetAsync(Policies.PolicyHost, WellKnownPath), running);
    }

    [Theory]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    public async Task The_published_site_serves_the_static_file_to_other_hosts(string serve)
    {
        await using var running = await site.StartPublishedAsync(serve);
        AssertIsThePolicy(await running.GetAsync(OtherHost, WellKnownPath), running);
    }

    private static void AssertIsThePolicy(RunningSite.Response response, RunningSite running)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{(int)response.Status} {response.Location}\n{running.Output}");
        Assert.Null(response.Location);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), response.Body);
    }
}
