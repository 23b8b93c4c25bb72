using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// <c>MtaStsServers</c> from the package, in the case it is for: a Blazor WebAssembly standalone app published to a
/// static host. The static hosts' files land in the published web root next to <c>.well-known/</c>, your own
/// <c>staticwebapp.config.json</c> is kept byte for byte with MTASTS4006 until it has the route, the nginx file stays in
/// bin/ (never published, removed by clean).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StaticHostTests(PackagedMtaStsBuild package)
{
    private const string Program = """
        using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        await builder.Build().RunAsync();

        """;

    /// <summary>What a Blazor app on Azure Static Web Apps has already (the SPA fallback), without the policy's route.</summary>
    private const string YourConfig = """
        {
          "navigationFallback": { "rewrite": "/index.html", "exclude": ["/_framework/*"] }
        }

        """;

    private const string YourFixedConfig = """
        {
          "routes": [
            { "route": "/.well-known/mta-sts.txt", "headers": { "Content-Type": "text/plain" } }
          ],
          "navigationFallback": { "rewrite": "/index.html", "exclude": ["/_framework/*"] }
        }

        """;

    [Fact]
    public async Task A_blazor_webassembly_publish_puts_the_static_host_files_in_its_web_root_and_keeps_your_own_config_with_MTASTS4006()
    {
        var project = await WebProject.CreateAsync(package, "Contoso.StaticHost", Policies.Testing, Program,
            packageId: PackagedMtaStsBuild.PackageId,
            sdk: "Microsoft.NET.Sdk.BlazorWebAssembly",
            properties: "\n    <MtaStsServers>nginx;github-pages;azure-static-web-apps;netlify</MtaStsServers>",
            items: "\n    <PackageReference Include=\"Microsoft.AspNetCore.Components.WebAssembly\" Version=\"10.0.15\" />");
        var wwwroot = Path.Combine(project.Directory, "wwwroot");
        Directory.CreateDirectory(wwwroot);
        File.WriteAllText(Path.Combine(wwwroot, "index.html"), "<!DOCTYPE html>\n<html><body><div id=\"app\"></div><script src=\"_framework/blazor.webassembly.js\"></script></body></html>\n");
        var yourConfig = Path.Combine(wwwroot, "staticwebapp.config.json");
        File.WriteAllText(yourConfig, YourConfig);
        var webRoot = Path.Combine(project.PublishDirectory, "wwwroot");
        var nginx = Path.Combine(project.OutputDirectory(configuration: "Release"), "mta-sts.nginx.conf");

        var publish = await project.PublishAsync("-c", "Release");

        Assert.True(publish.Succeeded, publish.Describe());
        var warning = Assert.Single(BuildLog.Warnings(publish));
        Assert.Equal(("MTASTS4006", yourConfig), (warning.Code, warning.File));
        Assert.EndsWith("Add this route first in its \"routes\" array: { \"route\": \"/.well-known/mta-sts.txt\", \"headers\": { \"Content-Type\": \"text/plain\" } }", warning.Message);

        // The web root a static host deploys: the policy and, beside .well-known/, each host's file, once.
        Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), File.ReadAllBytes(Path.Combine(webRoot, ".well-known", "mta-sts.txt")));
        Assert.Equal("", File.ReadAllText(Path.Combine(webRoot, ".nojekyll")));
        Assert.Equal(Policies.PolicyHost + "\n", File.ReadAllText(Path.Combine(webRoot, "CNAME")));
        Assert.Contains("/.well-known/mta-sts.txt\n  # The media type text/plain without a charset (RFC 8461 §3.3).\n  Content-Type: text/plain\n", File.ReadAllText(Path.Combine(webRoot, "_headers")));
        Assert.Equal(YourConfig, File.ReadAllText(Path.Combine(webRoot, "staticwebapp.config.json")));
        Assert.Equal(YourConfig, File.ReadAllText(yourConfig));
        foreach (var name in new[] { "mta-sts.txt", ".nojekyll", "CNAME", "_headers" })
        {
            Assert.Single(Directory.EnumerateFiles(project.PublishDirectory, name, SearchOption.AllDirectories));
        }

        // The web server's file: beside the zone snippet, for the server's own configuration, never in what is published.
        Assert.Contains("server_name " + Policies.PolicyHost + ";", File.ReadAllText(nginx));
        Assert.Contains($"root \"{wwwroot}\";", File.ReadAllText(nginx));
        Assert.Empty(Directory.EnumerateFiles(project.PublishDirectory, "mta-sts.nginx.conf", SearchOption.AllDirectories));

        // Your file with the route: the warning is gone, your file is published as you wrote it.
        File.WriteAllText(yourConfig, YourFixedConfig);
        var again = await project.PublishAsync("-c", "Release");
        Assert.True(again.Succeeded, again.Describe());
        Assert.True(BuildLog.WarningCount(again) == 0, again.Describe());
        Assert.Equal(YourFixedConfig, File.ReadAllText(Path.Combine(webRoot, "staticwebapp.config.json")));

        // dotnet clean: the build's file in bin/ goes, the web root's files stay (they are the site's, like the policy).
        var clean = await project.DotNetAsync("clean", ["-c", "Release"]);
        Assert.True(clean.Succeeded, clean.Describe());
        Assert.False(File.Exists(nginx), "dotnet clean removes the nginx file (FileWrites)");
        Assert.All(new[] { ".nojekyll", "CNAME", "_headers", "staticwebapp.config.json", Path.Combine(".well-known", "mta-sts.txt") },
            name => Assert.True(File.Exists(Path.Combine(wwwroot, name)), name));
    }
}
