using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// The packed MtaSts.AspNetCore.TlsRpt as users add it (<c>dotnet add package MtaSts.AspNetCore.TlsRpt</c>, which
/// brings MtaSts.AspNetCore and MtaSts.Build): the published site has no MIME parser in it, and receives a report
/// into the folder <c>mta-sts reports</c> reads.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TlsRptReceiverTests(PackagedMtaStsBuild package)
{
    private const string Name = "Contoso.TlsRpt";

    private const string Config = """
        domain: contoso.example
        mode: testing
        mx: [mx1.contoso.example]
        max_age: 1w
        tls_rpt:
          rua: [https://www.contoso.example/tlsrpt]

        """;

    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        builder.Services.AddTlsRptReceiver();
        var app = builder.Build();
        app.MapMtaStsPolicy();
        app.MapTlsRptReports();
        app.Run();

        """;

    [Fact]
    public async Task A_published_site_with_the_receiver_has_no_MimeKit_or_BouncyCastle_and_stores_a_posted_report()
    {
        var project = await WebProject.CreateAsync(package, Name, Config, Program, packageId: "MtaSts.AspNetCore.TlsRpt");
        var publish = await project.PublishAsync("-c", "Release");
        Assert.True(publish.Succeeded, publish.Describe());
        Assert.True(BuildLog.WarningCount(publish) == 0, publish.Describe());

        var assemblies = Directory.EnumerateFiles(project.PublishDirectory, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Contoso.TlsRpt.dll", "MtaSts.AspNetCore.TlsRpt.dll", "MtaSts.AspNetCore.dll", "MtaSts.Reporting.dll", "MtaSts.dll", "YamlDotNet.dll"], assemblies);
        var deps = File.ReadAllText(Path.Combine(project.PublishDirectory, Name + ".deps.json"));
        Assert.DoesNotContain("MimeKit", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("BouncyCastle", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MtaSts.Build.Tasks", deps, StringComparison.Ordinal);

        // The rua of mta-sts.yaml reaches the TXT record the build wrote.
        Assert.Contains("rua=https://www.contoso.example/tlsrpt", File.ReadAllText(project.ZoneFile("net10.0", "Release")), StringComparison.Ordinal);

        await using var running = await RunningSite.StartAsync(Path.Combine(project.PublishDirectory, Name + ".dll"), project.PublishDirectory, "Production");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var report = """{"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-12-01T00:00:00Z","end-datetime":"2026-12-01T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com","report-id":"2026-12-01T00:00:00Z_contoso.example","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: mx1.contoso.example","max_age: 604800"],"policy-domain":"contoso.example"},"summary":{"total-successful-session-count":12,"total-failure-session-count":0}}]}""";
        using var gzip = new MemoryStream();
        using (var writer = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
        {
            writer.Write(Encoding.UTF8.GetBytes(report));
        }

        var content = new ByteArrayContent(gzip.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/tlsrpt+gzip");
        using var response = await client.PostAsync(new Uri(running.Address, "/tlsrpt"), content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}\n{running.Output}");

        var stored = Assert.Single(Directory.GetFiles(Path.Combine(project.PublishDirectory, "tlsrpt-reports"), "*.json.gz", SearchOption.AllDirectories));
        using var read = new GZipStream(File.OpenRead(stored), CompressionMode.Decompress);
        Assert.Equal(report, new StreamReader(read).ReadToEnd());
        Assert.Contains("TLS-RPT report 2026-12-01T00:00:00Z_contoso.example from Google Inc. for contoso.example stored", running.Output, StringComparison.Ordinal);
    }
}
