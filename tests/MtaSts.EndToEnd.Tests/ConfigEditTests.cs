using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>Editing mta-sts.yaml (mode testing → enforce) and building again regenerates everything with a new id.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfigEditTests(ConfigEditTests.Site site) : IClassFixture<ConfigEditTests.Site>
{
    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public string ZoneBefore { get; private set; } = null!;

        public CommandResult BuildAfterEdit { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.Edit", Policies.Testing);
            var first = await Project.BuildAsync();
            Assert.True(first.Succeeded, first.Describe());
            ZoneBefore = File.ReadAllText(Project.ZoneFile());

            Project.WriteConfig(Policies.Enforce);
            BuildAfterEdit = await Project.BuildAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void The_build_after_the_edit_succeeds()
    {
        Assert.True(site.BuildAfterEdit.Succeeded, site.BuildAfterEdit.Describe());
        Assert.Equal(0, BuildLog.WarningCount(site.BuildAfterEdit));
    }

    [Fact]
    public void The_policy_file_has_the_new_mode()
    {
        Assert.Equal(Policies.Bytes(Policies.EnforcePolicyText), File.ReadAllBytes(site.Project.PolicyFile));
    }

    [Fact]
    public void The_zone_snippet_announces_a_new_id()
    {
        Assert.Contains(Policies.StsRecord(Policies.TestingPolicyText), site.ZoneBefore);
        var zone = File.ReadAllText(site.Project.ZoneFile());
        Assert.Contains($"\"{Policies.StsRecord(Policies.EnforcePolicyText)}\"", zone);
        Assert.DoesNotContain(Policies.AutoId(Policies.TestingPolicyText), zone);
    }

    [Fact]
    public void The_generated_code_has_the_new_policy()
    {
        var code = File.ReadAllText(Assert.Single(site.Project.GeneratedSources()));
        Assert.Contains($"\"{Policies.AutoId(Policies.EnforcePolicyText)}\"", code);
        Assert.Contains("\"enforce\"", code);
    }

    [Fact]
    public void The_static_assets_manifest_describes_the_new_file()
    {
        // MapStaticAssets answers with the manifest's Content-Length and ETag: a stale entry would serve wrong headers.
        var manifest = Path.Combine(site.Project.OutputDirectory(), "Contoso.Edit.staticwebassets.endpoints.json");
        var endpoint = StaticAssetEndpoints.Identity(manifest, ".well-known/mta-sts.txt");
        var bytes = Policies.Bytes(Policies.EnforcePolicyText);
        Assert.Equal((bytes.Length, StaticAssetEndpoints.ETagOf(bytes)), (endpoint.ContentLength ?? -1, endpoint.ETag));
    }

    [Fact]
    public async Task The_site_serves_the_new_policy_to_both_hosts()
    {
        var assembly = Path.Combine(site.Project.OutputDirectory(), "Contoso.Edit.dll");
        await using var running = await RunningSite.StartAsync(assembly, site.Project.Directory, "Development");
        foreach (var host in new[] { Policies.PolicyHost, "www." + Policies.Domain })
        {
            var response = await running.GetAsync(host, "/.well-known/mta-sts.txt");
            Assert.True(response.Status == System.Net.HttpStatusCode.OK, $"{host}: {(int)response.Status}\n{running.Output}");
            Assert.Equal(Policies.Bytes(Policies.EnforcePolicyText), response.Body);
        }
    }

    [Fact]
    public void The_build_log_shows_the_new_record()
    {
        Assert.Contains(site.BuildAfterEdit.Lines, line => line.Contains(Policies.StsRecord(Policies.EnforcePolicyText), StringComparison.Ordinal));
    }
}
