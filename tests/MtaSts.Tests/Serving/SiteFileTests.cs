using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Serving;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests.Serving;

/// <summary>
/// A static host's file that is already in the site folder (<see cref="SiteFileRule"/>): the generator's own is
/// replaced, yours is never replaced, and MTASTS4006 says exactly what to add when yours does not serve the policy.
/// Also where the web servers' files go for the build (<see cref="OutputOptions.WebServerFilesWithRecords"/>),
/// MTASTS4007, and the output list.
/// </summary>
public sealed class SiteFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "mtasts-sitefile-" + Guid.NewGuid().ToString("N")[..12]);

    public SiteFileTests() => Directory.CreateDirectory(Path.Combine(directory, "site", ".well-known"));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Site(string name) => Path.Combine(directory, "site", name);

    private OutputPlan Plan(params string[] servers) => Plan(new OutputOptions(), servers);

    private OutputPlan Plan(OutputOptions options, params string[] servers)
    {
        var config = Path.Combine(directory, "mta-sts.yaml");
        File.WriteAllText(config, Valid);
        return OutputPlanner.Plan(config, options with { PolicyFile = Site(".well-known/mta-sts.txt"), Servers = servers });
    }

    private static List<string> Written(OutputPlan plan) =>
        plan.Files.Where(f => f.Kind == GeneratedFileKind.ServerConfig).Select(f => Path.GetFileName(f.Path)).ToList();

    [Theory]
    [InlineData("""{"routes":[{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain"}}]}""")]
    [InlineData("{\n\t\"routes\": [\n\t\t{ \"route\": \"/.well-known/*\", \"headers\": { \"content-type\": \"text/plain\" } },\n\t\t{ \"route\": \"/*\", \"redirect\": \"https://www.example.com/\" }\n\t]\n}")]
    [InlineData("""{"navigationFallback":{"rewrite":"/index.html"},"routes":[{"route":"/api/*","allowedRoles":["authenticated"]},{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":" TEXT/PLAIN "}}]}""")]
    public void Azure_static_web_apps_config_that_serves_the_policy(string json) =>
        Assert.True(StaticHostRules.AzureStaticWebAppsServesPolicy(json));

    [Theory]
    [InlineData("{}")]
    [InlineData("not json at all: [")]
    [InlineData("""{"routes":[{"route":"/*","redirect":"https://www.example.com/"},{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain"}}]}""")]
    [InlineData("""{"routes":[{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain; charset=utf-8"}}]}""")]
    [InlineData("""{"routes":[{"route":"/.well-known/mta-sts.txt","rewrite":"/policy.txt","headers":{"Content-Type":"text/plain"}}]}""")]
    [InlineData("""{"routes":[{"route":"/.well-known/mta-sts.txt","statusCode":404,"headers":{"Content-Type":"text/plain"}}]}""")]
    [InlineData("""{"routes":[{"route":"/.well-known/mta-sts.txt"}]}""")]
    [InlineData("""{"routes":[{"Route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain"}}]}""")]
    [InlineData("""[{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain"}}]""")]
    public void Azure_static_web_apps_config_that_does_not(string json) =>
        Assert.False(StaticHostRules.AzureStaticWebAppsServesPolicy(json));

    [Theory]
    [InlineData("/.well-known/mta-sts.txt\n  Content-Type: text/plain\n", true)]
    [InlineData("/*\n  X-Frame-Options: DENY\n\n# policy\n/.well-known/*\r\n\tcontent-type:   text/plain\r\n", true)]
    [InlineData("/*\n  X-Frame-Options: DENY\n", false)]
    [InlineData("/.well-known/mta-sts.txt\n  Cache-Control: no-store\n/other\n  Content-Type: text/plain\n", false)]
    [InlineData("/.well-known/mta-sts.txt\n  Content-Type: text/plain; charset=utf-8\n", false)]
    [InlineData("# /.well-known/mta-sts.txt\n#  Content-Type: text/plain\n", false)]
    public void Netlify_headers_serve_the_policy_only_with_a_matching_rule_for_text_plain(string text, bool serves) =>
        Assert.Equal(serves, StaticHostRules.NetlifyServesPolicy(text));

    [Fact]
    public void Your_own_static_host_files_are_never_replaced_and_MTASTS4006_says_what_to_add_where_one_does_not_serve_the_policy()
    {
        const string config = """{ "routes": [ { "route": "/*", "headers": { "X-Frame-Options": "DENY" } } ] }""";
        const string headers = "/*\n  X-Frame-Options: DENY\n";
        File.WriteAllText(Site("staticwebapp.config.json"), config);
        File.WriteAllText(Site("_headers"), headers);
        File.WriteAllText(Site("CNAME"), "www.example.com\n");
        File.WriteAllText(Site(".nojekyll"), "yours");

        var plan = Plan("azure-static-web-apps", "netlify", "github-pages");

        Assert.NotNull(plan.Deployment);
        Assert.Empty(Written(plan));
        Assert.Equal(
            [("MTASTS4006", Site("CNAME")), ("MTASTS4006", Site("staticwebapp.config.json")), ("MTASTS4006", Site("_headers"))],
            plan.Diagnostics.Select(d => (d.Code, d.File)));
        Assert.All(plan.Diagnostics, d => Assert.False(d.IsError));
        Assert.Equal(
            "Your own CNAME is kept as it is (MtaSts.Build did not write it), but it does not name the Policy Host mta-sts.example.com, and a GitHub Pages site answers only for the one custom domain in its CNAME: GitHub Pages would not serve the policy right. Put mta-sts.example.com in it, alone on its line, or serve the policy from another Pages site (a repository of its own) with that custom domain.",
            plan.Diagnostics[0].Message);
        Assert.EndsWith("Add this route first in its \"routes\" array: { \"route\": \"/.well-known/mta-sts.txt\", \"headers\": { \"Content-Type\": \"text/plain\" } }", plan.Diagnostics[1].Message);
        Assert.EndsWith("Netlify would not serve the policy right. " + DiagnosticMessages.Outputs.NetlifyFix.Format(), plan.Diagnostics[2].Message);
    }

    [Fact]
    public void Your_own_files_that_serve_the_policy_are_kept_without_a_word()
    {
        File.WriteAllText(Site("staticwebapp.config.json"), """{"routes":[{"route":"/.well-known/mta-sts.txt","headers":{"Content-Type":"text/plain"}},{"route":"/*","redirect":"/"}]}""");
        File.WriteAllText(Site("_headers"), "/.well-known/mta-sts.txt\n  Content-Type: text/plain\n/*\n  X-Frame-Options: DENY\n");
        File.WriteAllText(Site("CNAME"), "MTA-STS.example.com.\n");

        var plan = Plan("azure-static-web-apps", "netlify", "github-pages");

        Assert.Empty(plan.Diagnostics);
        Assert.Equal([".nojekyll"], Written(plan));
    }

    [Fact]
    public void The_generators_own_files_are_replaced_when_they_change_and_a_rule_added_by_hand_makes_headers_yours()
    {
        var first = Plan("netlify");
        var generated = Encoding.UTF8.GetString(Assert.Single(first.Files, f => f.Kind == GeneratedFileKind.ServerConfig).Content);
        File.WriteAllText(Site("_headers"), generated.Replace("mta-sts.example.com", "mta-sts.old.example", StringComparison.Ordinal));
        Assert.Contains("mta-sts.old.example", File.ReadAllText(Site("_headers")));

        var again = Plan("netlify");
        Assert.Empty(again.Diagnostics);
        Assert.Equal(["_headers"], Written(again));

        File.WriteAllText(Site("_headers"), generated + "/*\n  X-Frame-Options: DENY\n");
        var edited = Plan("netlify");
        Assert.Empty(edited.Diagnostics);
        Assert.Empty(Written(edited));
    }

    [Fact]
    public void The_build_puts_web_server_files_next_to_the_zone_snippet_and_lists_every_server_file_it_writes()
    {
        var bin = Path.Combine(directory, "bin");
        var list = Path.Combine(directory, "obj", "MtaSts.outputs");
        var options = new OutputOptions { ZoneFile = Path.Combine(bin, "mta-sts.zone"), OutputListFile = list, WebServerFilesWithRecords = true };

        var plan = Plan(options, "nginx", "netlify");

        Assert.Equal([Path.Combine(bin, "mta-sts.nginx.conf"), Site("_headers")], plan.Files.Where(f => f.Kind == GeneratedFileKind.ServerConfig).Select(f => f.Path));
        Assert.Contains($"root \"{Path.Combine(directory, "site")}\";", Encoding.UTF8.GetString(plan.Files[2].Content));
        var listed = Encoding.UTF8.GetString(Assert.Single(plan.Files, f => f.Kind == GeneratedFileKind.OutputList).Content).Split(';');
        Assert.Contains(Path.Combine(bin, "mta-sts.nginx.conf"), listed);
        Assert.Contains(Site("_headers"), listed);

        // Written and listed; then nginx dropped: its file is stale (deleted), a static host's file never is.
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);
        foreach (var file in plan.Files)
        {
            File.WriteAllBytes(file.Path, file.Content);
        }

        Assert.Equal([Path.Combine(bin, "mta-sts.nginx.conf")], Plan(options, "caddy").StaleFiles);
        Assert.DoesNotContain(Site("_headers"), Plan(options).StaleFiles);
    }

    [Fact]
    public void Servers_need_the_policy_file_in_a_well_known_folder_MTASTS4007()
    {
        var config = Path.Combine(directory, "mta-sts.yaml");
        File.WriteAllText(config, Valid);

        var plan = OutputPlanner.Plan(config, new OutputOptions { PolicyFile = Path.Combine(directory, "bin", "mta-sts.txt"), Servers = ["nginx", "netlify"] });

        var error = Assert.Single(plan.Diagnostics);
        Assert.Equal("MTASTS4007", error.Code);
        Assert.True(error.IsError);
        Assert.StartsWith($"The web servers and static hosts (nginx, netlify) serve the policy from a site folder as /.well-known/mta-sts.txt, but the policy file '{Path.Combine(directory, "bin", "mta-sts.txt")}' is not in a folder named .well-known", error.Message);
        Assert.Empty(plan.Files);
        Assert.Null(plan.Deployment);
    }
}
