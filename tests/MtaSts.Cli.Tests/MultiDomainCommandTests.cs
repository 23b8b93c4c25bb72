using MtaSts.Configuration;
using MtaSts.Dns;

namespace MtaSts.Cli.Tests;

/// <summary><c>mta-sts init</c> with several <c>--domain</c> and <c>mta-sts generate</c> with the multi-domain form.</summary>
public class MultiDomainCommandTests
{
    private const string Config = MtaSts.Testing.ValidConfig.MultiDomain;

    [Fact]
    public void Generate_writes_a_policy_folder_and_a_zone_snippet_per_domain_and_prints_every_record()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config);
        var deployments = ConfigValidator.Validate(Config, "mta-sts.yaml").Deployments;

        var run = workspace.Run("generate", "--output", "out");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (var deployment in deployments)
        {
            Assert.Equal(deployment.Policy.ToBytes(), workspace.ReadBytes($"out/{deployment.PolicyDomain}/.well-known/mta-sts.txt"));
            Assert.Equal(ZoneSnippetWriter.Write(deployment, "mta-sts.yaml"), workspace.Read($"out/{deployment.PolicyDomain}.zone"));
            Assert.Contains($"wrote out/{deployment.PolicyDomain}/.well-known/mta-sts.txt\n", run.Out);
            Assert.Contains($"{deployment.PolicyUrl}\n", run.Out);
            Assert.Contains($"_mta-sts.{deployment.PolicyDomain}.", run.Out);
            Assert.Contains($"\"v=STSv1; id={deployment.PolicyId};\"\n", run.Out);
        }

        Assert.False(workspace.Exists("out/.well-known/mta-sts.txt"));
        Assert.Contains("münchen-contoso.de: Policy id", run.Out);
        Assert.Contains("mode testing", run.Out);
        Assert.Contains("Each host mta-sts.<domain> needs", run.Out);
        Assert.Contains("out/<domain>.zone", run.Out);
    }

    [Fact]
    public void Generate_fails_on_an_error_in_any_domain_naming_it_and_writes_nothing()
    {
        using var workspace = new Workspace();
        workspace.Write("mta-sts.yaml", Config.Replace("{ mode: testing }", "{ mode: Testing }"));

        var run = workspace.Run("generate");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta-sts.yaml(9,31): error MTASTS3003: münchen-contoso.de: ", run.ErrorLines[0]);
        Assert.False(workspace.Exists("contoso.com.zone"));
    }

    [Fact]
    public void Init_with_several_domains_writes_the_multi_domain_form_that_generate_accepts()
    {
        using var workspace = new Workspace();

        var init = workspace.Run("init", "-d", "contoso.com", "-d", "münchen-contoso.de", "--mode", "enforce", "--mx", "*.mail.protection.outlook.com", "--rua", "mailto:tlsrpt@contoso.com");
        var document = ConfigReader.ReadFile(workspace.PathOf("mta-sts.yaml"));
        var generate = workspace.Run("generate");

        Assert.Equal(0, init.ExitCode);
        Assert.Empty(document.Diagnostics);
        Assert.True(document.IsMultiDomain);
        Assert.Equal(["contoso.com", "münchen-contoso.de"], document.Policies.Select(p => p.Domain!.Value));
        Assert.All(document.Policies, p => Assert.Equal(("enforce", "1w"), (p.Mode!.Value, p.MaxAge!.Value)));
        Assert.Contains("\ndefaults:\n  # What sending servers do", workspace.Read("mta-sts.yaml"));
        Assert.Contains("\ndomains:\n  contoso.com: {}\n  \"münchen-contoso.de\": {}\n", workspace.Read("mta-sts.yaml"));
        Assert.Equal(0, generate.ExitCode);
        Assert.True(workspace.Exists("xn--mnchen-contoso-gsb.de/.well-known/mta-sts.txt"));
    }

    [Fact]
    public void Init_with_one_domain_still_writes_the_single_domain_form()
    {
        using var workspace = new Workspace();

        workspace.Run("init", "-d", "example.com", "--mx", "mx.example.com");

        Assert.False(ConfigReader.ReadFile(workspace.PathOf("mta-sts.yaml")).IsMultiDomain);
        Assert.Contains("\ndomain: example.com\n", workspace.Read("mta-sts.yaml"));
        Assert.DoesNotContain("domains:", workspace.Read("mta-sts.yaml"));
    }

    [Fact]
    public void Init_refuses_a_domain_given_twice_in_another_spelling_and_names_the_option()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "-d", "münchen.de", "-d", "XN--MNCHEN-3YA.DE", "--mx", "mx.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("--domain: error MTASTS3017: XN--MNCHEN-3YA.DE: ", run.ErrorLines[0]);
        Assert.False(workspace.Exists("mta-sts.yaml"));
    }

    [Fact]
    public void Init_reports_a_bad_shared_value_once_for_all_domains_at_its_option()
    {
        using var workspace = new Workspace();

        var run = workspace.Run("init", "-d", "a.example", "-d", "b.example", "--mode", "Enforce", "--mx", "mx.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("--mode: error MTASTS3003: a.example and b.example: ", run.ErrorLines[0]);
    }
}
