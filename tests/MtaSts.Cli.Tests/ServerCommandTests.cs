namespace MtaSts.Cli.Tests;

/// <summary><c>mta-sts generate --server NAME</c>: the configuration that serves the policy, next to the policy folder.</summary>
public class ServerCommandTests
{
    [Fact]
    public void Nginx_and_github_pages_files_are_written_with_the_policy()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "-o", "out", "--server", "nginx", "--server", "GitHub-Pages");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("wrote out/.well-known/mta-sts.txt\nwrote out/example.com.zone\nwrote out/mta-sts.nginx.conf\nwrote out/.nojekyll\nwrote out/CNAME\n", run.Out);
        Assert.Contains("server_name mta-sts.example.com;", workspace.Read("out/mta-sts.nginx.conf"));
        Assert.Equal("mta-sts.example.com\n", workspace.Read("out/CNAME"));
    }

    [Fact]
    public void An_unknown_server_is_MTASTS4004_on_the_option_and_nothing_is_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--server", "ngix");

        Assert.Equal(1, run.ExitCode);
        // The option, the code and the key phrase; the words are the core's (ServerConfigTests).
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith("--server: error MTASTS4004: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("'ngix' is not a web server or static host. Did you mean 'nginx'?", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("mta-sts generate: 1 error; nothing was written.", run.ErrorLines[1]);
        Assert.False(workspace.Exists(".well-known/mta-sts.txt"));
    }

    [Fact]
    public void Many_domains_get_the_static_files_in_each_domains_folder()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", MtaSts.Testing.ValidConfig.MultiDomain);

        var run = workspace.Run("generate", "-o", "out", "--server", "netlify", "--server", "caddy");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote out/mta-sts.Caddyfile\n", run.Out);
        foreach (var domain in new[] { "contoso.com", "contoso.co.uk", "xn--mnchen-contoso-gsb.de", "fabrikam.com" })
        {
            Assert.Contains("Content-Type: text/plain", workspace.Read($"out/{domain}/_headers"));
            Assert.Contains($"https://mta-sts.{domain} {{", workspace.Read("out/mta-sts.Caddyfile"));
        }
    }

    [Fact]
    public void Your_own_static_host_file_is_kept_with_MTASTS4006_and_the_rest_is_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        const string yours = "{ \"navigationFallback\": { \"rewrite\": \"/index.html\" } }\n";
        workspace.Write("out/staticwebapp.config.json", yours);

        var run = workspace.Run("generate", "-o", "out", "--server", "azure-static-web-apps", "--server", "netlify");

        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("out/staticwebapp.config.json: warning MTASTS4006: Your own staticwebapp.config.json is kept as it is (MtaSts.Build did not write it)", warning);
        Assert.Equal(yours, workspace.Read("out/staticwebapp.config.json"));
        Assert.Contains("wrote out/_headers\n", run.Out);
        Assert.DoesNotContain("staticwebapp.config.json", run.Out);
    }
}
