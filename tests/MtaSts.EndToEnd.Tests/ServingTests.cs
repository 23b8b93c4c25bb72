using System.Net;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The built and the published site on loopback, with real HTTP requests. RFC 8461 §3.3: senders fetch
/// <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>, need 200 and <c>text/plain</c>, and must not follow
/// redirects. Program.cs lets each run pick how static files are served (see <see cref="Programs.ChoosableStaticFiles"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ServingTests(ServingTests.Site site) : IClassFixture<ServingTests.Site>
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
        public Task<RunningSite> StartBuiltAsync(string serve, params string[] settings) =>
            RunningSite.StartAsync(Path.Combine(Project.OutputDirectory(), Name + ".dll"), Project.Directory, "Development", [$"--Serve={serve}", .. settings]);

        /// <summary>As deployed: Production, the publish folder as content root.</summary>
        public Task<RunningSite> StartPublishedAsync(string serve, params string[] settings) =>
            RunningSite.StartAsync(Path.Combine(Project.PublishDirectory, Name + ".dll"), Project.PublishDirectory, "Production", [$"--Serve={serve}", .. settings]);
    }

    /// <summary>
    /// The policy endpoint owns the URL on the policy host: whichever static-file middleware the app also uses, with an
    /// authorization fallback policy that would challenge, with response compression, and whatever Accept-Encoding the
    /// sender sends (Go's net/http and aiohttp send gzip), GET and HEAD get 200, text/plain, the exact bytes and no
    /// Content-Encoding.
    /// </summary>
    [Theory]
    [InlineData("Nothing")]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    [InlineData("MapStaticAssets", "--Auth=Required")]
    [InlineData("UseStaticFiles", "--Auth=Required", "--Compress=true")]
    [InlineData("MapStaticAssets", "--Compress=true")]
    public async Task The_policy_host_gets_the_exact_policy_whatever_the_app_and_the_sender_ask(string serve, params string[] settings)
    {
        await using var running = await site.StartBuiltAsync(serve, settings);
        await AssertServesThePolicyToEverySenderAsync(running);
    }

    [Theory]
    [InlineData("UseStaticFiles")]
    [InlineData("MapStaticAssets")]
    [InlineData("MapStaticAssets", "--Auth=Required")]
    public async Task The_published_site_gets_the_exact_policy_whatever_the_app_and_the_sender_ask(string serve, params string[] settings)
    {
        // Publish compresses static assets with gzip and Brotli: the policy file must not be among them.
        await using var running = await site.StartPublishedAsync(serve, settings);
        await AssertServesThePolicyToEverySenderAsync(running);
    }

    /// <summary>An app that does not call MapMtaStsPolicy serves the generated file as a static file, uncompressed.</summary>
    [Theory]
    [InlineData(false, "UseStaticFiles")]
    [InlineData(false, "MapStaticAssets")]
    [InlineData(true, "MapStaticAssets")]
    public async Task Without_the_endpoint_the_static_file_is_served_uncompressed(bool published, string serve)
    {
        await using var running = published ? await site.StartPublishedAsync(serve, "--Map=false") : await site.StartBuiltAsync(serve, "--Map=false");
        foreach (var acceptEncoding in AcceptEncodings)
        {
            var response = await running.GetAsync(Policies.PolicyHost, WellKnownPath, acceptEncoding);
            AssertIsThePolicy(response, running);
            Assert.Null(response.Header("Content-Encoding"));
        }
    }

    [Fact]
    public async Task The_policy_host_matches_whatever_the_case_and_port_in_the_host_header()
    {
        await using var running = await site.StartBuiltAsync("Nothing");
        AssertIsThePolicy(await running.GetAsync("MTA-STS.Contoso.Example:443", WellKnownPath), running);
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
        // asynchronously and in order: once a later line shows, that warning would have too.
        var mark = running.OutputMark;
        Assert.Equal("ok", (await running.GetAsync(OtherHost, "/log-mark")).BodyText);
        await running.WaitForOutputAsync(mark, LogMark(), TimeSpan.FromSeconds(30));
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
    public async Task The_published_site_serves_the_static_file_to_other_hosts(string serve)
    {
        await using var running = await site.StartPublishedAsync(serve);
        AssertIsThePolicy(await running.GetAsync(OtherHost, WellKnownPath), running);
    }

    /// <summary>No Accept-Encoding, and what Go's net/http, aiohttp and browsers send.</summary>
    private static readonly (string, string)[][] AcceptEncodings = [[], [("Accept-Encoding", "gzip, br, zstd")], [("Accept-Encoding", "gzip;q=1.0, identity;q=0.5, *;q=0")]];

    private static async Task AssertServesThePolicyToEverySenderAsync(RunningSite running)
    {
        var bytes = Policies.Bytes(Policies.TestingPolicyText);
        foreach (var acceptEncoding in AcceptEncodings)
        {
            var get = await running.GetAsync(Policies.PolicyHost, WellKnownPath, acceptEncoding);
            var head = await running.SendAsync(HttpMethod.Head, Policies.PolicyHost, WellKnownPath, acceptEncoding);
            var sent = acceptEncoding.Length == 0 ? "no Accept-Encoding" : acceptEncoding[0].Item2;
            foreach (var (method, response) in new[] { ("GET", get), ("HEAD", head) })
            {
                Assert.True(response.Status == HttpStatusCode.OK, $"{method} with {sent}: {(int)response.Status} {response.Location}\n{running.Output}");
                Assert.Null(response.Location);
                Assert.Equal("text/plain", response.Header("Content-Type"));
                Assert.Equal(bytes.Length, response.ContentLength);
                Assert.True(response.Header("Content-Encoding") is null, $"{method} with {sent}: Content-Encoding {response.Header("Content-Encoding")}");
                Assert.Null(response.Header("WWW-Authenticate"));
            }

            Assert.Equal(bytes, get.Body);
            Assert.Empty(head.Body);
        }
    }

    private static void AssertIsThePolicy(RunningSite.Response response, RunningSite running)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{(int)response.Status} {response.Location}\n{running.Output}");
        Assert.Null(response.Location);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), response.Body);
    }

    [System.Text.RegularExpressions.GeneratedRegex("log mark")]
    private static partial System.Text.RegularExpressions.Regex LogMark();
}
