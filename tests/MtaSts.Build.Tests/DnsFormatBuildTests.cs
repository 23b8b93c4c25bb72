using MtaSts.Dns;

namespace MtaSts.Build.Tests;

/// <summary>
/// The MSBuild property <c>MtaStsDnsFormats</c> in real in-process builds: the formats' files next to the zone snippet,
/// a no-op build that stays a no-op, a dropped format's stale file deleted, an unknown name an error on the project.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class DnsFormatBuildTests
{
    private const string Task = nameof(GenerateMtaStsFiles);

    private static Dictionary<string, string> Formats(string formats) => new() { ["MtaStsDnsFormats"] = formats };

    [Fact]
    public void Bicep_and_azure_terraform_are_written_next_to_the_zone_snippet_and_a_second_build_is_a_no_op()
    {
        using var project = TestProject.Library(TestFiles.Valid, usesPolicy: false);
        project.Restore();

        var first = project.BuildSucceeded(Formats("bicep;terraform-azure"));

        var deployment = TestFiles.Deploy(TestFiles.Valid);
        var bicep = project.File("bin/Debug/net10.0/mta-sts.bicep");
        var terraform = project.File("bin/Debug/net10.0/mta-sts.azurerm.tf");
        Assert.Equal(DnsFormat.Bicep.Write([deployment], "mta-sts.yaml"), File.ReadAllText(bicep));
        Assert.Equal(DnsFormat.TerraformAzure.Write([deployment], "mta-sts.yaml"), File.ReadAllText(terraform));
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")), "zone is not among the formats");
        Assert.Contains(bicep, first.Items("FileWrites"));
        Assert.Contains(terraform, first.Items("FileWrites"));
        var outputs = new[] { bicep, terraform, project.File("bin/Debug/net10.0/mta-sts.txt"), project.File("obj/Debug/net10.0/MtaSts.g.cs") };
        var times = outputs.Select(TestFiles.Age).ToList();

        var second = project.BuildSucceeded(Formats("bicep;terraform-azure"));

        Assert.False(second.Ran(Task));
        Assert.Equal(times, outputs.Select(File.GetLastWriteTimeUtc));
        Assert.Contains(bicep, second.Items("FileWrites"));
    }

    [Fact]
    public void Dropping_a_format_deletes_its_file_and_a_deleted_file_is_written_again()
    {
        using var project = TestProject.Library(TestFiles.Valid, usesPolicy: false);
        project.Restore();
        project.BuildSucceeded(Formats("zone;bicep;terraform-azure"));
        var terraform = project.File("bin/Debug/net10.0/mta-sts.azurerm.tf");
        var bicep = project.File("bin/Debug/net10.0/mta-sts.bicep");
        Assert.True(File.Exists(terraform));

        File.Delete(bicep);
        Assert.True(project.BuildSucceeded(Formats("zone;bicep;terraform-azure")).Ran(Task));
        Assert.True(File.Exists(bicep));

        var dropped = project.BuildSucceeded(Formats("zone;bicep"));

        Assert.True(dropped.Ran(Task), "a changed MtaStsDnsFormats regenerates (inputs cache)");
        Assert.False(File.Exists(terraform));
        Assert.True(File.Exists(bicep));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
        Assert.False(project.BuildSucceeded(Formats("zone;bicep")).Ran(Task));

        project.BuildSucceeded();
        Assert.False(File.Exists(bicep), "the default is the zone snippet alone");
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void A_list_over_several_lines_reads_as_the_names_and_keeps_the_inputs_cache_stable()
    {
        using var project = TestProject.Library(TestFiles.Valid, "<MtaStsDnsFormats>\n      zone;\n      Bicep\n    </MtaStsDnsFormats>", usesPolicy: false);
        project.Restore();
        project.BuildSucceeded();
        var cache = project.File("obj/Debug/net10.0/MtaSts.inputs.cache");
        Assert.Contains("dnsformats=zone,Bicep" + Environment.NewLine, File.ReadAllText(cache));
        Assert.True(File.Exists(project.File("bin/Debug/net10.0/mta-sts.bicep")));
        var written = TestFiles.Age(cache);

        Assert.False(project.BuildSucceeded().Ran(Task));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache));
    }

    [Fact]
    public void The_policy_host_cname_property_puts_the_cname_in_the_zone_snippet_and_a_second_build_is_a_no_op()
    {
        using var project = TestProject.Library(TestFiles.Valid, usesPolicy: false);
        project.Restore();
        var properties = new Dictionary<string, string> { ["MtaStsPolicyHostCname"] = "policy.example.net." };

        project.BuildSucceeded(properties);

        var deployment = TestFiles.Deploy(TestFiles.Valid);
        var zone = project.File("bin/Debug/net10.0/mta-sts.zone");
        Assert.Equal(ZoneSnippetWriter.Write(deployment, "mta-sts.yaml", "policy.example.net"), File.ReadAllText(zone));
        Assert.Contains("\nmta-sts.example.com. 3600 IN CNAME policy.example.net.\n", File.ReadAllText(zone));
        var time = TestFiles.Age(zone);

        Assert.False(project.BuildSucceeded(properties).Ran(Task));
        Assert.Equal(time, File.GetLastWriteTimeUtc(zone));

        Assert.True(project.BuildSucceeded().Ran(Task), "a changed MtaStsPolicyHostCname regenerates (inputs cache)");
        Assert.DoesNotContain("IN CNAME", File.ReadAllText(zone));
    }

    [Fact]
    public void An_invalid_policy_host_cname_is_MTASTS4005_on_the_project_file_and_nothing_is_written()
    {
        using var project = TestProject.Library(TestFiles.Valid, "<MtaStsPolicyHostCname>policy.example.net:443</MtaStsPolicyHostCname>", usesPolicy: false);
        project.Restore();

        var outcome = project.Build();

        Assert.False(outcome.Succeeded);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("MTASTS4005", project.ProjectFile), (error.Code, error.File));
        Assert.StartsWith("MtaStsPolicyHostCname: The Policy Host CNAME target 'policy.example.net:443' is not a valid host name", error.Message);
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void An_unknown_format_is_MTASTS4003_on_the_project_file_and_nothing_is_written()
    {
        using var project = TestProject.Library(TestFiles.Valid, "<MtaStsDnsFormats>zone;terraform-route53</MtaStsDnsFormats>", usesPolicy: false);
        project.Restore();

        var outcome = project.Build();

        Assert.False(outcome.Succeeded);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("MTASTS4003", project.ProjectFile), (error.Code, error.File));
        Assert.StartsWith("MtaStsDnsFormats: 'terraform-route53' is not a DNS record format.", error.Message);
        Assert.Contains("The formats are: zone, bicep, terraform-azure, terraform-aws, terraform-cloudflare, dnscontrol, octodns.", error.Message);
        Assert.False(File.Exists(project.File("bin/Debug/net10.0/mta-sts.zone")));
    }

    [Fact]
    public void Many_domains_put_the_formats_in_the_zone_directory_with_an_octodns_file_per_domain()
    {
        const string config = "defaults: {mode: testing, mx: [mx1.example.com]}\ndomains:\n  example.com: {}\n  bücher.example: {}\n";
        using var project = TestProject.Library(config, "<MtaStsDnsFormats>zone;octodns;dnscontrol</MtaStsDnsFormats>", usesPolicy: false);
        project.Restore();

        project.BuildSucceeded();

        var directory = project.File("bin/Debug/net10.0/mta-sts");
        Assert.Equal(
            ["example.com.yaml", "example.com.zone", "mta-sts.dnscontrol.js", "xn--bcher-kva.example.yaml", "xn--bcher-kva.example.zone"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("D(\"xn--bcher-kva.example\", REG_NONE", File.ReadAllText(Path.Combine(directory, "mta-sts.dnscontrol.js")));
        Assert.False(project.BuildSucceeded().Ran(Task));
    }
}
