using MtaSts.Dns;

namespace MtaSts.Cli.Tests;

/// <summary><c>mta-sts generate --dns-format NAME</c>: the DNS records in the formats asked for, next to the zone snippet.</summary>
public class DnsFormatCommandTests
{
    [Fact]
    public void Bicep_and_octodns_are_written_instead_of_the_zone_snippet()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        var deployment = ConfigValidator.Validate(Configs.Valid, "mta-sts.yaml").Deployment!;

        var run = workspace.Run("generate", "--dns-format", "bicep", "--dns-format", "octodns");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("wrote .well-known/mta-sts.txt\nwrote mta-sts.bicep\nwrote example.com.yaml\n", run.Out);
        Assert.Equal(DnsFormat.Bicep.Write([deployment], "mta-sts.yaml"), workspace.Read("mta-sts.bicep"));
        Assert.Equal(DnsFormat.OctoDns.Write([deployment], "mta-sts.yaml"), workspace.Read("example.com.yaml"));
        Assert.False(workspace.Exists("example.com.zone"));
        Assert.Contains("(also in mta-sts.bicep, example.com.yaml)", run.Out);
        Assert.Contains("_smtp._tls.example.com.  3600  IN TXT  \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"\n", run.Out);
    }

    [Fact]
    public void Zone_is_the_default_and_can_be_asked_for_with_the_others()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--dns-format", "zone", "--dns-format", "Terraform-AWS", "-o", "out");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote out/example.com.zone\nwrote out/mta-sts.aws.tf\n", run.Out);
        Assert.Contains("resource \"aws_route53_record\" \"mta_sts_example_com\"", workspace.Read("out/mta-sts.aws.tf"));
    }

    [Fact]
    public void An_unknown_format_is_MTASTS4003_on_the_option_and_nothing_is_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--dns-format", "zone", "--dns-format", "biceps");

        Assert.Equal(1, run.ExitCode);
        // The option, the code and the key phrase; the words are the core's (DnsFormatTests).
        Assert.Equal(2, run.ErrorLines.Length);
        Assert.StartsWith("--dns-format: error MTASTS4003: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("'biceps' is not a DNS record format. Did you mean 'bicep'?", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("mta-sts generate: 1 error; nothing was written.", run.ErrorLines[1]);
        Assert.False(workspace.Exists(".well-known/mta-sts.txt"));
        Assert.False(workspace.Exists("example.com.zone"));
    }

    [Fact]
    public void The_policy_host_cname_is_written_in_every_format_asked_for()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);
        var deployment = ConfigValidator.Validate(Configs.Valid, "mta-sts.yaml").Deployment!;

        var run = workspace.Run("generate", "--dns-format", "zone", "--dns-format", "terraform-cloudflare", "--policy-host-cname", "Example.GitHub.io.");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(ZoneSnippetWriter.Write(deployment, "mta-sts.yaml", "example.github.io"), workspace.Read("example.com.zone"));
        Assert.Contains("mta-sts.example.com. 3600 IN CNAME example.github.io.\n", workspace.Read("example.com.zone"));
        Assert.Equal(DnsFormat.TerraformCloudflare.Write([deployment], "mta-sts.yaml", "example.github.io"), workspace.Read("mta-sts.cloudflare.tf"));
    }

    [Fact]
    public void An_invalid_policy_host_cname_is_MTASTS4005_on_the_option_and_nothing_is_written()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Configs.Valid);

        var run = workspace.Run("generate", "--policy-host-cname", "example.github.io:443");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("--policy-host-cname: error MTASTS4005: The Policy Host CNAME target 'example.github.io:443' is not a valid host name", run.ErrorLines[0]);
        Assert.Equal("mta-sts generate: 1 error; nothing was written.", run.ErrorLines[1]);
        Assert.False(workspace.Exists(".well-known/mta-sts.txt"));
        Assert.False(workspace.Exists("example.com.zone"));
    }

    [Fact]
    public void Many_domains_get_one_file_for_every_domain_and_an_octodns_file_per_domain()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", MtaSts.Testing.ValidConfig.MultiDomain);
        var deployments = ConfigValidator.Validate(MtaSts.Testing.ValidConfig.MultiDomain, "mta-sts.yaml").Deployments;

        var run = workspace.Run("generate", "-o", "out", "--dns-format", "dnscontrol", "--dns-format", "octodns", "--dns-format", "zone");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(DnsFormat.DnsControl.Write(deployments, "mta-sts.yaml"), workspace.Read("out/mta-sts.dnscontrol.js"));
        Assert.Contains("(also in out/<domain>.zone, out/mta-sts.dnscontrol.js, out/<domain>.yaml)", run.Out.Replace("\n   ", " "));
        foreach (var deployment in deployments)
        {
            Assert.True(workspace.Exists($"out/{deployment.PolicyDomain}.zone"));
            Assert.Equal(DnsFormat.OctoDns.Write([deployment], "mta-sts.yaml"), workspace.Read($"out/{deployment.PolicyDomain}.yaml"));
        }
    }

    [Fact]
    public void Help_names_the_formats()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("generate", "--help");

        Assert.Contains("--dns-format <name>", run.Out);
        Assert.Contains("zone, bicep, terraform-azure, terraform-aws, terraform-cloudflare, dnscontrol, octodns", run.Out.Replace("\n", " ").Replace("  ", " "));
    }
}
