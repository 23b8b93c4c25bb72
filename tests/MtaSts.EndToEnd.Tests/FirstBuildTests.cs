using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// `dotnet add package MtaSts.Build` in a web project with a valid mta-sts.yaml, then the first `dotnet build`:
/// everything the package promises is there after that one build.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FirstBuildTests(FirstBuildTests.Site site, PackagedMtaStsBuild package) : IClassFixture<FirstBuildTests.Site>
{
    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public CommandResult Build { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.FirstBuild", Policies.Testing);
            // Minimal verbosity: what a user sees by default, so the records line must be high importance.
            Build = await Project.BuildAsync("-v:m");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void The_runtime_library_is_an_ordinary_reference_that_brings_the_build_package_with_its_build_assets()
    {
        var project = File.ReadAllText(site.Project.ProjectFile);
        Assert.Contains($"<PackageReference Include=\"{PackagedMtaStsBuild.RuntimePackageId}\" Version=\"{package.Version}\" />", project);
        var assets = File.ReadAllText(Path.Combine(site.Project.Directory, "obj", "project.assets.json"));
        Assert.Contains($"\"{PackagedMtaStsBuild.PackageId}/{package.Version}\"", assets);
        Assert.Contains("build/MtaSts.Build.targets", assets);
    }

    [Fact]
    public async Task The_build_package_alone_is_added_as_a_development_dependency()
    {
        var project = await WebProject.CreateAsync(package, "Contoso.DevDependency", Policies.Testing, packageId: PackagedMtaStsBuild.PackageId);

        Assert.Contains("<PrivateAssets>all</PrivateAssets>", File.ReadAllText(project.ProjectFile));
    }

    [Fact]
    public void The_build_succeeds_without_any_warning()
    {
        Assert.True(site.Build.Succeeded, site.Build.Describe());
        Assert.True(BuildLog.WarningCount(site.Build) == 0, site.Build.Describe());
    }

    [Fact]
    public void The_policy_file_is_written_to_wwwroot_well_known_as_exact_ascii_crlf_bytes()
    {
        Assert.True(File.Exists(site.Project.PolicyFile), site.Build.Describe());
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(site.Project.PolicyFile));
    }

    [Fact]
    public void Nothing_but_the_policy_file_is_left_in_the_well_known_folder()
    {
        var files = Directory.GetFileSystemEntries(site.Project.WellKnownDirectory).Select(Path.GetFileName);
        Assert.Equal(["mta-sts.txt"], files);
    }

    [Fact]
    public void The_zone_snippet_in_the_output_folder_has_both_txt_records()
    {
        var zone = File.ReadAllText(site.Project.ZoneFile());
        var records = zone.Split('\n').Where(line => line.Length > 0 && !line.StartsWith(';')).ToList();
        Assert.Equal(
            [
                $"_mta-sts.{Policies.Domain}. 3600 IN TXT \"{Policies.StsRecord(Policies.TestingPolicyText)}\"",
                $"_smtp._tls.{Policies.Domain}. 3600 IN TXT \"{Policies.TlsRptRecord}\"",
            ],
            records);
    }

    [Fact]
    public void The_build_log_shows_the_records_at_default_verbosity()
    {
        Assert.Contains(site.Build.Lines, line =>
            line.Contains($"_mta-sts.{Policies.Domain}", StringComparison.Ordinal)
            && line.Contains(Policies.StsRecord(Policies.TestingPolicyText), StringComparison.Ordinal));
        Assert.Contains(site.Build.Lines, line => line.Contains(Policies.TlsRptRecord, StringComparison.Ordinal));
    }

    [Fact]
    public void The_generated_code_goes_to_obj_and_carries_the_policy()
    {
        var source = Assert.Single(site.Project.GeneratedSources());
        var text = File.ReadAllText(source);
        Assert.Contains("class MtaStsPolicy", text);
        Assert.Contains($"\"{Policies.AutoId(Policies.TestingPolicyText)}\"", text);
        Assert.DoesNotContain(Directory.EnumerateFiles(site.Project.Directory, "*.cs", SearchOption.TopDirectoryOnly), file => file != Path.Combine(site.Project.Directory, "Program.cs"));
    }

    [Fact]
    public void The_policy_file_is_a_static_web_asset_of_the_first_build()
    {
        var manifest = Path.Combine(site.Project.OutputDirectory(), "Contoso.FirstBuild.staticwebassets.endpoints.json");
        var route = StaticAssetEndpoints.Identity(manifest, ".well-known/mta-sts.txt");
        Assert.Equal("text/plain", route.ContentType);
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText).Length, route.ContentLength);
    }
}
