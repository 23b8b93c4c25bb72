using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>`dotnet publish` straight after `dotnet add package`: the policy file ships once, as a static web asset.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PublishTests(PublishTests.Site site) : IClassFixture<PublishTests.Site>
{
    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public CommandResult Publish { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.Publish", Policies.Testing);
            Publish = await Project.PublishAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void Publish_succeeds_without_any_warning()
    {
        Assert.True(site.Publish.Succeeded, site.Publish.Describe());
        Assert.True(BuildLog.WarningCount(site.Publish) == 0, site.Publish.Describe());
    }

    [Fact]
    public void The_policy_file_is_published_exactly_once_under_wwwroot_well_known()
    {
        var published = Directory.EnumerateFiles(site.Project.PublishDirectory, "mta-sts.txt", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(site.Project.PublishDirectory, "wwwroot", ".well-known", "mta-sts.txt")], published);
    }

    [Fact]
    public void The_published_policy_file_has_the_exact_bytes()
    {
        var published = Path.Combine(site.Project.PublishDirectory, "wwwroot", ".well-known", "mta-sts.txt");
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(published));
    }

    [Fact]
    public void The_published_endpoints_manifest_serves_the_policy_as_text_plain()
    {
        var manifest = Path.Combine(site.Project.PublishDirectory, "Contoso.Publish.staticwebassets.endpoints.json");
        var endpoint = StaticAssetEndpoints.Identity(manifest, ".well-known/mta-sts.txt");
        Assert.Equal(("text/plain", (long?)Policies.Bytes(Policies.TestingPolicyText).Length), (endpoint.ContentType, endpoint.ContentLength));
    }

    [Fact]
    public void Only_the_runtime_library_ships_with_the_app_nothing_of_the_build_package()
    {
        // MtaSts.Build is a development dependency: the task and its YAML parser run in MSBuild, never in the site.
        var assemblies = Directory.EnumerateFiles(site.Project.PublishDirectory, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["Contoso.Publish.dll", "MtaSts.AspNetCore.dll"], assemblies);
        var deps = File.ReadAllText(Path.Combine(site.Project.PublishDirectory, "Contoso.Publish.deps.json"));
        Assert.DoesNotContain("MtaSts.Build.Tasks", deps);
        Assert.DoesNotContain("YamlDotNet", deps);
    }
}
