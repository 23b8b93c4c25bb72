using System.Text.Json;
using MtaSts.Serving;

namespace MtaSts.Build.Tests;

/// <summary>
/// The MSBuild property <c>MtaStsServers</c> in real in-process builds of an ASP.NET Core site: the static hosts' files
/// in wwwroot (static web assets, published once, left alone by clean), the web servers' next to the zone snippet (never
/// published), your own file kept with MTASTS4006 until it serves the policy, an unknown name MTASTS4004 on the project.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class ServerBuildTests
{
    private const string Task = nameof(GenerateMtaStsFiles);
    private const string AllServers = "nginx;caddy;apache;github-pages;azure-static-web-apps;netlify";

    private static readonly string[] SiteFiles = ["wwwroot/.nojekyll", "wwwroot/CNAME", "wwwroot/_headers", "wwwroot/staticwebapp.config.json"];
    private static readonly string[] ServerFiles = ["mta-sts.nginx.conf", "mta-sts.Caddyfile", "mta-sts.apache.conf"];

    private static Dictionary<string, string> Servers(string servers) => new() { ["MtaStsServers"] = servers };

    [Fact]
    public void Static_host_files_go_into_wwwroot_as_content_and_web_server_files_next_to_the_zone_snippet_and_a_second_build_is_a_no_op()
    {
        using var project = TestProject.Web();
        project.Restore();

        var first = project.BuildSucceeded(Servers(AllServers));

        Assert.Empty(first.Warnings);
        Assert.Contains(first.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.High
            && m.Message == $"MtaSts: to serve the policy without ASP.NET Core (MtaStsServers): {Path.Combine("bin", "Debug", "net10.0", "mta-sts.nginx.conf")}, {Path.Combine("bin", "Debug", "net10.0", "mta-sts.Caddyfile")}, {Path.Combine("bin", "Debug", "net10.0", "mta-sts.apache.conf")}, {Path.Combine("wwwroot", ".nojekyll")}, {Path.Combine("wwwroot", "CNAME")}, {Path.Combine("wwwroot", "staticwebapp.config.json")}, {Path.Combine("wwwroot", "_headers")}");
        var deployment = TestFiles.Deploy(TestFiles.Valid);
        var expected = ServerConfig.All
            .SelectMany(s => s.Write([deployment], _ => project.File("wwwroot"), project.File("bin/Debug/net10.0"), "mta-sts.yaml"))
            .ToDictionary(f => f.Path, f => f.Text);
        Assert.Equal(SiteFiles.Select(project.File).Concat(ServerFiles.Select(f => project.File("bin/Debug/net10.0/" + f))).Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, file => Assert.Equal(file.Value, File.ReadAllText(file.Key)));
        Assert.Contains($"root \"{project.File("wwwroot")}\";", File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts.nginx.conf")));
        Assert.All(ServerFiles, name => Assert.False(File.Exists(project.File("wwwroot/" + name))));

        // wwwroot files are the app's content (static web assets from the first build on, published); the servers'
        // files are build outputs.
        Assert.All(SiteFiles, file => Assert.DoesNotContain(project.File(file), first.Items("FileWrites")));
        Assert.All(ServerFiles, name => Assert.Contains(project.File("bin/Debug/net10.0/" + name), first.Items("FileWrites")));
        Assert.All(SiteFiles, file => Assert.Contains(project.File(file), first.Items("StaticWebAsset")));
        Assert.All(["_headers", "staticwebapp.config.json", "CNAME", ".nojekyll"], route => Assert.Contains(route, StaticAssetRoutes(project)));

        var times = expected.Keys.Select(TestFiles.Age).ToList();
        var second = project.BuildSucceeded(Servers(AllServers));
        Assert.False(second.Ran(Task));
        Assert.Equal(times, expected.Keys.Select(File.GetLastWriteTimeUtc));
        Assert.All(SiteFiles, file => Assert.Contains(project.File(file), second.Items("StaticWebAsset")));
        Assert.Contains(project.File("bin/Debug/net10.0/mta-sts.nginx.conf"), second.Items("FileWrites"));

        // A deleted output is written again; a dropped web server's file is deleted, the static hosts' files stay (wwwroot is yours).
        File.Delete(project.File("wwwroot/_headers"));
        Assert.True(project.BuildSucceeded(Servers(AllServers)).Ran(Task));
        Assert.True(File.Exists(project.File("wwwroot/_headers")));
        var dropped = project.BuildSucceeded(Servers("caddy"));
        Assert.True(dropped.Ran(Task), "a changed MtaStsServers regenerates (inputs cache)");
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.nginx.conf")));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.Caddyfile")));
        Assert.All(SiteFiles, file => Assert.True(File.Exists(project.File(file))));

        // dotnet clean removes the web server's file in bin/ and leaves wwwroot as it is (like the policy file).
        project.BuildSucceeded(Servers("caddy"), "Clean");
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.Caddyfile")));
        Assert.All(SiteFiles, file => Assert.True(File.Exists(project.File(file))));
    }

    [Fact]
    public void Publish_puts_the_static_host_files_in_the_web_root_once_and_no_web_server_file_anywhere()
    {
        using var project = TestProject.Web();
        project.Restore();
        using var publish = new TempDirectory();

        project.BuildSucceeded(new Dictionary<string, string>(Servers(AllServers)) { ["PublishDir"] = publish.Path + Path.DirectorySeparatorChar }, "Publish");

        foreach (var name in new[] { ".nojekyll", "CNAME", "_headers", "staticwebapp.config.json" })
        {
            Assert.Equal([publish.File("wwwroot/" + name)], Directory.GetFiles(publish.Path, name, SearchOption.AllDirectories));
        }

        Assert.Equal("mta-sts.example.com\n", File.ReadAllText(publish.File("wwwroot/CNAME")));
        Assert.All(ServerFiles, name => Assert.Empty(Directory.GetFiles(publish.Path, name, SearchOption.AllDirectories)));
    }

    [Fact]
    public void Your_own_staticwebapp_config_is_kept_with_MTASTS4006_until_it_has_the_route_then_the_build_is_quiet()
    {
        using var project = TestProject.Web();
        const string yours = "{\n  \"navigationFallback\": { \"rewrite\": \"/index.html\" },\n  \"routes\": [ { \"route\": \"/*\", \"headers\": { \"X-Frame-Options\": \"DENY\" } } ]\n}\n";
        project.Write("wwwroot/staticwebapp.config.json", yours);
        project.Restore();

        var first = project.Build(Servers("azure-static-web-apps;netlify"));

        Assert.Equal(yours, File.ReadAllText(project.File("wwwroot/staticwebapp.config.json")));
        var warning = Assert.Single(first.Warnings);
        Assert.Equal(("MTASTS4006", project.File("wwwroot/staticwebapp.config.json")), (warning.Code, warning.File));
        Assert.StartsWith("Your own staticwebapp.config.json is kept as it is (MtaSts.Build did not write it), but its first route that matches /.well-known/mta-sts.txt", warning.Message);
        Assert.EndsWith("Add this route first in its \"routes\" array: { \"route\": \"/.well-known/mta-sts.txt\", \"headers\": { \"Content-Type\": \"text/plain\" } }", warning.Message);
        Assert.True(File.Exists(project.File("wwwroot/_headers")), "the other host's file is written");
        Assert.Contains(project.File("wwwroot/staticwebapp.config.json"), first.Items("StaticWebAsset"));

        // Warnings come back on every build (the outputs stay stale), so -warnaserror keeps failing until it is fixed.
        Assert.Equal("MTASTS4006", Assert.Single(project.Build(Servers("azure-static-web-apps;netlify")).Warnings).Code);

        var fixedText = yours.Replace("\"routes\": [ ", "\"routes\": [ { \"route\": \"/.well-known/mta-sts.txt\", \"headers\": { \"Content-Type\": \"text/plain\" } }, ", StringComparison.Ordinal);
        project.Write("wwwroot/staticwebapp.config.json", fixedText);
        var quiet = project.BuildSucceeded(Servers("azure-static-web-apps;netlify"));
        Assert.Empty(quiet.Warnings);
        Assert.Equal(fixedText, File.ReadAllText(project.File("wwwroot/staticwebapp.config.json")));
        Assert.False(project.BuildSucceeded(Servers("azure-static-web-apps;netlify")).Ran(Task));
    }

    [Fact]
    public void An_unknown_name_is_MTASTS4004_on_the_project_file_naming_the_property_and_nothing_is_written()
    {
        using var project = TestProject.Web(properties: "<MtaStsServers>nginx;ngix</MtaStsServers>");
        project.Restore();

        var outcome = project.Build();

        Assert.False(outcome.Succeeded);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("MTASTS4004", project.ProjectFile), (error.Code, error.File));
        Assert.Equal("MtaStsServers: 'ngix' is not a web server or static host. Did you mean 'nginx'? The names are: nginx, caddy, apache, github-pages, azure-static-web-apps, netlify.", error.Message);
        Assert.False(File.Exists(project.File("wwwroot/.well-known/mta-sts.txt")));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.nginx.conf")));
    }

    [Fact]
    public void A_policy_file_outside_a_well_known_folder_is_MTASTS4007_on_the_project_file()
    {
        using var project = TestProject.Library(TestFiles.Valid, "<MtaStsServers>netlify</MtaStsServers>", usesPolicy: false);
        project.Restore();

        var outcome = project.Build();

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("MTASTS4007", project.ProjectFile), (error.Code, error.File));
        Assert.StartsWith("MtaStsServers: The web servers and static hosts (netlify) serve the policy from a site folder as /.well-known/mta-sts.txt", error.Message);
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.txt")));

        var moved = project.BuildSucceeded(new Dictionary<string, string> { ["MtaStsServers"] = "netlify", ["MtaStsPolicyFile"] = "site/.well-known/mta-sts.txt" });
        Assert.True(File.Exists(project.File("site/_headers")));
        Assert.Contains(project.File("site/_headers"), moved.Items("FileWrites"));
    }

    [Fact]
    public void Many_domains_put_the_web_server_file_in_the_zone_directory_and_the_static_host_files_in_wwwroot()
    {
        const string config = "defaults: {mode: testing, mx: [mx1.example.com]}\ndomains:\n  example.com: {}\n  example.org: {}\n";
        using var project = TestProject.Web(config, "<MtaStsServers>nginx;github-pages</MtaStsServers>");
        project.Restore();

        project.BuildSucceeded();

        var nginx = File.ReadAllText(project.File("bin/Debug/net10.0/mta-sts/mta-sts.nginx.conf"));
        Assert.Contains("server_name mta-sts.example.com;", nginx);
        Assert.Contains("server_name mta-sts.example.org;", nginx);
        Assert.True(File.Exists(project.File("wwwroot/.nojekyll")));
        Assert.False(File.Exists(project.File("wwwroot/CNAME")), "a Pages site has one custom domain");
        Assert.False(project.BuildSucceeded().Ran(Task));
    }

    [Fact]
    public void A_list_from_the_command_line_with_an_escaped_semicolon_reads_as_the_names()
    {
        // dotnet build -p:MtaStsServers=nginx%3Bcaddy (MSBuild's -p splits at an unescaped ';' or ',').
        using var project = TestProject.Web();
        project.Restore();

        var outcome = project.BuildSucceeded(new Dictionary<string, string> { ["MtaStsServers"] = "nginx%3Bcaddy", ["MtaStsDnsFormats"] = "zone%3Bbicep" });

        Assert.Empty(outcome.Warnings);
        Assert.All(["mta-sts.nginx.conf", "mta-sts.Caddyfile", "mta-sts.bicep", "mta-sts.zone"], name => Assert.True(File.Exists(project.File("bin/Debug/net10.0/" + name)), name));
    }

    private static List<string> StaticAssetRoutes(TestProject project)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.File("bin/Debug/net10.0/Site.staticwebassets.endpoints.json")));
        return manifest.RootElement.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("Route").GetString()!).ToList();
    }
}
