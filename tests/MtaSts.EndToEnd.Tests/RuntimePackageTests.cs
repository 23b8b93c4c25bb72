using System.IO.Compression;
using System.Net;
using System.Text;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The packed MtaSts.AspNetCore as users add it (<c>dotnet add package MtaSts.AspNetCore</c>, which brings
/// MtaSts.Build): every app model of ASP.NET Core serves the policy from one build, under real Kestrel, with the
/// conventional <c>builder.Services.AddMtaSts()</c> + <c>app.MapMtaStsPolicy()</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AppModelTests(AppModelTests.Site site) : IClassFixture<AppModelTests.Site>
{
    private const string Name = "Contoso.AppModels";

    /// <summary>One Program.cs, the app model picked by an argument; each builder as its template has it.</summary>
    private const string Program = """
        var model = args.FirstOrDefault(a => a.StartsWith("Create")) ?? "";
        var urls = args[Array.IndexOf(args, "--urls") + 1];
        var builder = model switch
        {
            "CreateSlimBuilder" => WebApplication.CreateSlimBuilder(args),
            "CreateEmptyBuilder" => WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args }),
            _ => WebApplication.CreateBuilder(args),
        };
        if (model == "CreateEmptyBuilder")
        {
            // The empty builder has no server, no logging and no configuration of its own.
            builder.WebHost.UseKestrelCore().UseUrls(urls);
            builder.Logging.AddConsole();
        }

        builder.Services.AddMtaSts();
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapGet("/", () => "home " + model);
        app.Run();

        """;

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, Name, Policies.Testing, Program);
            var build = await Project.BuildAsync();
            Assert.True(build.Succeeded, build.Describe());
            Assert.True(BuildLog.WarningCount(build) == 0, build.Describe());
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("CreateBuilder")]
    [InlineData("CreateSlimBuilder")]
    [InlineData("CreateEmptyBuilder")]
    public async Task Every_app_model_serves_the_exact_policy_for_get_and_head_and_leaves_other_hosts_to_the_app(string model)
    {
        await using var running = await RunningSite.StartAsync(Path.Combine(site.Project.OutputDirectory(), Name + ".dll"), site.Project.Directory, "Production", model);

        await AssertServesAsync(running, Policies.PolicyHost, Policies.TestingPolicyText);
        Assert.Equal("home " + model, (await running.GetAsync("www." + Policies.Domain, "/")).BodyText);
    }

    /// <summary>GET and HEAD: 200, text/plain, the exact bytes and their length, no redirect, no Content-Encoding.</summary>
    internal static async Task AssertServesAsync(RunningSite running, string host, string policyText)
    {
        var bytes = Policies.Bytes(policyText);
        var get = await running.GetAsync(host, "/.well-known/mta-sts.txt", ("Accept-Encoding", "gzip, br"));
        var head = await running.SendAsync(HttpMethod.Head, host, "/.well-known/mta-sts.txt");
        foreach (var response in new[] { get, head })
        {
            Assert.True(response.Status == HttpStatusCode.OK, $"{(int)response.Status} {response.Location}\n{running.Output}");
            Assert.Equal("text/plain", response.Header("Content-Type"));
            Assert.Equal(bytes.Length, response.ContentLength);
            Assert.Null(response.Header("Content-Encoding"));
        }

        Assert.Equal(bytes, get.Body);
        Assert.Empty(head.Body);
    }
}

/// <summary>
/// Native AOT, as the `webapiaot` template sets it up: the publish is warning-free (no trimming or AOT warning from
/// either package), and the native binary serves the exact policy, an IDN policy host included.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NativeAotTests(PackagedMtaStsBuild package)
{
    private const string Config = """
        domain: bücher.example
        mode: enforce
        mx: [mx1.bücher.example]
        max_age: 1d

        """;

    private const string PolicyText = "version: STSv1\r\nmode: enforce\r\nmx: mx1.xn--bcher-kva.example\r\nmax_age: 86400\r\n";

    private const string Program = """
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddMtaSts();
        builder.Services.AddTlsRptReceiver();
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapTlsRptReports();
        app.MapGet("/", () => "native");
        app.Run();

        """;

    /// <summary>The TLS-RPT receiver is in the same native binary (MtaSts.AspNetCore.TlsRpt brings MtaSts.AspNetCore).</summary>
    [Fact]
    public async Task A_native_aot_publish_has_no_warning_and_its_binary_serves_the_exact_policy()
    {
        const string name = "Buecher.Aot";
        var project = await WebProject.CreateAsync(package, name, Config, Program, packageId: "MtaSts.AspNetCore.TlsRpt", properties: """

                <InvariantGlobalization>true</InvariantGlobalization>
                <PublishAot>true</PublishAot>
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            """);
        var output = Path.Combine(project.Directory, "native");

        var publish = await project.PublishAsync("-c", "Release", "-o", output);

        Assert.True(publish.Succeeded, publish.Describe());
        Assert.True(BuildLog.WarningCount(publish) == 0, publish.Describe());
        Assert.False(File.Exists(Path.Combine(output, name + ".dll")), "not a native publish");
        await using var running = await RunningSite.StartProcessAsync(Path.Combine(output, name), ["--urls", RunningSite.AnyLoopbackPort], output, null, TimeSpan.FromSeconds(30));
        await AppModelTests.AssertServesAsync(running, "mta-sts.xn--bcher-kva.example", PolicyText);
        await AppModelTests.AssertServesAsync(running, "MTA-STS.XN--BCHER-KVA.EXAMPLE:443", PolicyText);
        Assert.Equal("native", (await running.GetAsync("www.xn--bcher-kva.example", "/")).BodyText);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var report = """{"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-12-01T00:00:00Z","end-datetime":"2026-12-01T23:59:59Z"},"report-id":"native-1","policies":[{"policy":{"policy-type":"sts","policy-domain":"bücher.example"},"summary":{"total-successful-session-count":3,"total-failure-session-count":0}}]}""";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(report));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/tlsrpt+json");
        using var posted = await client.PostAsync(new Uri(running.Address, "/tlsrpt"), content);
        Assert.True(posted.StatusCode == HttpStatusCode.OK, $"{posted.StatusCode}\n{running.Output}");
        Assert.Single(Directory.GetFiles(Path.Combine(output, "tlsrpt-reports"), "*.json.gz", SearchOption.AllDirectories));
    }
}

/// <summary>
/// The generated code and the runtime library are made for each other: another version of either is a build error
/// with both versions named, never a failure when the site runs. Older and newer MtaSts.AspNetCore packages are made
/// from the packed one (version, build/ props and dependency rewritten), as a release before or after this one would be.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageVersionTests(PackagedMtaStsBuild package)
{
    [Fact]
    public async Task An_older_MtaSts_AspNetCore_than_the_MtaSts_Build_it_gets_is_error_MTASTS4002_naming_both_versions()
    {
        var older = "0.0.1-e2e." + package.RunId;
        Repack(older, dependsOnBuild: package.Version);
        var project = await WebProject.CreateAsync(package, "Contoso.OlderRuntime", Policies.Testing, Programs.MapStaticAssets("Contoso.OlderRuntime"));
        var add = await project.DotNetAsync("add", ["package", PackagedMtaStsBuild.RuntimePackageId, "--version", older], binaryLog: false);
        Assert.True(add.Succeeded, add.Describe());

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        var error = Assert.Single(BuildLog.Errors(build));
        Assert.Equal(("MTASTS4002", project.ProjectFile), (error.Code, error.File));
        Assert.Contains($"MtaSts.Build {package.Version} generates code for MtaSts.AspNetCore {package.Version}, but the project references MtaSts.AspNetCore {older}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_MtaSts_AspNetCore_than_a_pinned_MtaSts_Build_is_nugets_downgrade_error_naming_both_versions()
    {
        var newer = "99.0.0-e2e." + package.RunId;
        Repack(newer, dependsOnBuild: newer);
        var project = await WebProject.CreateAsync(package, "Contoso.NewerRuntime", Policies.Testing, Programs.MapStaticAssets("Contoso.NewerRuntime"), packageId: PackagedMtaStsBuild.PackageId);

        // dotnet add package reports the downgrade and still writes the reference; the build's restore fails on it.
        await project.DotNetAsync("add", ["package", PackagedMtaStsBuild.RuntimePackageId, "--version", newer], binaryLog: false);
        var build = await project.DotNetAsync("build", []);

        Assert.False(build.Succeeded, build.Describe());
        Assert.Contains(build.Lines, line => line.Contains("error NU1605", StringComparison.Ordinal) && line.Contains(newer, StringComparison.Ordinal) && line.Contains(package.Version, StringComparison.Ordinal));
    }

    /// <summary>The packed MtaSts.AspNetCore as version <paramref name="version"/>, depending on MtaSts.Build <paramref name="dependsOnBuild"/>.</summary>
    private void Repack(string version, string dependsOnBuild)
    {
        var id = PackagedMtaStsBuild.RuntimePackageId;
        var target = Path.Combine(package.Feed, $"{id}.{version}.nupkg");
        File.Copy(Path.Combine(package.Feed, $"{id}.{package.Version}.nupkg"), target);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        Rewrite(zip, $"{id}.nuspec", text => text
            .Replace($"<version>{package.Version}</version>", $"<version>{version}</version>", StringComparison.Ordinal)
            .Replace($"id=\"{PackagedMtaStsBuild.PackageId}\" version=\"{package.Version}\"", $"id=\"{PackagedMtaStsBuild.PackageId}\" version=\"{dependsOnBuild}\"", StringComparison.Ordinal));
        Rewrite(zip, $"build/{id}.props", text => text.Replace(package.Version, version, StringComparison.Ordinal));
    }

    private static void Rewrite(ZipArchive zip, string entryName, Func<string, string> change)
    {
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in the package.");
        string text;
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var changed = change(text);
        Assert.NotEqual(text, changed);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
        writer.Write(changed);
    }
}

/// <summary>
/// MtaSts.Build on its own, for sites that only want the files and the data (static hosting): the policy file is a
/// static file of the app; and Program.cs lines that need the runtime library fail the build with a message naming the
/// package to add, not a "no such method".
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BuildPackageAloneTests(PackagedMtaStsBuild package)
{
    [Fact]
    public async Task The_build_package_alone_serves_the_static_file_and_asks_for_MtaSts_AspNetCore_where_its_api_is_used()
    {
        const string name = "Contoso.FilesOnly";
        var project = await WebProject.CreateAsync(package, name, Policies.Testing, """
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseStaticFiles();
            app.MapGet("/", () => "files only");
            app.Run();

            """, packageId: PackagedMtaStsBuild.PackageId);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.Describe());
        Assert.False(File.Exists(Path.Combine(project.OutputDirectory(), "MtaSts.AspNetCore.dll")));
        await using (var running = await RunningSite.StartAsync(Path.Combine(project.OutputDirectory(), name + ".dll"), project.Directory))
        {
            var response = await running.GetAsync(Policies.PolicyHost, "/.well-known/mta-sts.txt");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(Policies.Bytes(Policies.TestingPolicyText), response.Body);
        }

        File.WriteAllText(Path.Combine(project.Directory, "Program.cs"), Programs.MapStaticAssets(name));
        var withRuntimeApi = await project.BuildAsync();

        Assert.False(withRuntimeApi.Succeeded, withRuntimeApi.Describe());
        var errors = BuildLog.Errors(withRuntimeApi);
        Assert.Equal(["CS0619", "CS0619"], errors.Select(e => e.Code));
        Assert.All(errors, e => Assert.Contains("dotnet add package MtaSts.AspNetCore", e.Message, StringComparison.Ordinal));
    }
}
