using MtaSts.Policy;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp;

namespace MtaSts.Build.Tests;

/// <summary>
/// The C# of the multi-domain form: it compiles without a diagnostic, and compiled and loaded it gives each domain's
/// data, and its <c>AddMtaSts()</c> hands MtaSts.AspNetCore every domain's own policy.
/// </summary>
public sealed class MultiDomainCodeTests
{
    /// <summary>The example and a parked domain (mode none, no MX).</summary>
    public const string Config = MtaSts.Testing.ValidConfig.MultiDomain + "\n  parked.example: { mode: none, mx: [] }\n";

    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        var app = builder.Build();
        app.MapStaticAssets();
        IEndpointConventionBuilder endpoint = app.MapMtaStsPolicy();
        MtaStsPolicy.DomainPolicy policy = MtaStsPolicy.Domains[0];
        System.Console.WriteLine(policy.Id + MtaStsPolicy.Domains.Count);
        app.Run();
        """;

    private static readonly PolicyDataWriter.Options Web = new() { Namespace = "Contoso.Web", Glue = Glue.RuntimeLibrary, ToolVersion = "1.2.3" };

    private static IReadOnlyList<Deployment> Deployments(string yaml)
    {
        var result = ConfigValidator.Validate(yaml, "mta-sts.yaml");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.True(result.IsMultiDomain);
        return result.Deployments;
    }

    private static string Generate(string yaml = Config, PolicyDataWriter.Options? options = null) =>
        PolicyDataWriter.Write(Deployments(yaml), multiDomain: true, options ?? Web);

    [Fact]
    public void The_web_code_compiles_cleanly_with_a_program_that_uses_the_data()
    {
        var compilation = GeneratedCodeCompiler.Compile(web: true, LanguageVersion.CSharp14,
            Generate(), GeneratedCodeCompiler.WebImplicitUsings, Program.Replace("MtaStsPolicy.", "Contoso.Web.MtaStsPolicy."));

        Assert.Empty(GeneratedCodeCompiler.Diagnostics(compilation));
    }

    [Fact]
    public void The_policy_class_alone_compiles_cleanly_as_csharp_7_3_without_nullable_annotations()
    {
        var code = Generate(options: Web with { Glue = Glue.None, NullableAnnotations = false });

        Assert.DoesNotContain("#nullable", code);
        Assert.Empty(GeneratedCodeCompiler.Diagnostics(GeneratedCodeCompiler.Compile(web: false, LanguageVersion.CSharp7_3, code)));
    }

    [Fact]
    public void In_the_global_namespace_the_web_code_compiles_cleanly() =>
        Assert.Empty(GeneratedCodeCompiler.Diagnostics(GeneratedCodeCompiler.Compile(web: true, LanguageVersion.CSharp14,
            Generate(options: Web with { Namespace = "" }), GeneratedCodeCompiler.WebImplicitUsings, Program)));

    [Fact]
    public void The_generated_file_is_ascii_and_stores_each_distinct_policy_text_once()
    {
        var code = Generate();

        Assert.All(code, c => Assert.True(c is '\n' || c is >= ' ' and <= '~', $"U+{(int)c:X4}"));
        Assert.Equal(1, CountOf(code, "version: STSv1\\r\\nmode: enforce\\r\\nmx: *.mail.protection.outlook.com\\r\\n"));
        Assert.Equal(4, CountOf(code, "new PolicyData("));
        Assert.Equal(1, CountOf(code, "\"v=TLSRPTv1; rua=mailto:tlsrpt@contoso.com\""));
        Assert.Equal(5, CountOf(code, "new DomainPolicy(\""));
    }

    [Fact]
    public void Each_domain_gives_its_data_with_the_single_domain_member_names()
    {
        var deployments = Deployments(Config);
        var type = Load(Generate(options: Web with { Glue = Glue.None }));

        var domains = ((System.Collections.IEnumerable)type.GetField("Domains")!.GetValue(null)!).Cast<object>().ToList();
        Assert.Equal(deployments.Count, domains.Count);
        foreach (var (deployment, domain) in deployments.Zip(domains))
        {
            Assert.Equal(deployment.PolicyDomain, Get(domain, "Domain"));
            Assert.Equal(deployment.UnicodeDomain, Get(domain, "UnicodeDomain"));
            Assert.Equal(deployment.PolicyHost, Get(domain, "PolicyHost"));
            Assert.Equal(deployment.PolicyUrl, Get(domain, "PolicyUrl"));
            Assert.Equal(deployment.Policy.Mode.ToKeyword(), Get(domain, "Mode"));
            Assert.Equal(deployment.Policy.Mx.Select(m => m.Value), (IEnumerable<string>)Get(domain, "MxPatterns")!);
            Assert.Equal(deployment.Policy.MaxAge, Get(domain, "MaxAge"));
            Assert.Equal(deployment.PolicyId, Get(domain, "Id"));
            Assert.Equal(deployment.PolicyText, Get(domain, "Text"));
            Assert.Equal(deployment.StsRecordName, Get(domain, "StsRecordName"));
            Assert.Equal(deployment.StsRecord.Value, Get(domain, "StsRecordValue"));
            Assert.Equal(deployment.TlsRptRecord is null ? null : deployment.TlsRptRecordName, Get(domain, "TlsRptRecordName"));
            Assert.Equal(deployment.TlsRptRecord?.Value, Get(domain, "TlsRptRecordValue"));
            Assert.Equal(deployment.Ttl, Get(domain, "Ttl"));
            Assert.Equal(deployment.Policy.ToBytes(), domain.GetType().GetMethod("GetBytes")!.Invoke(domain, null));
        }
    }

    [Fact]
    public void A_thousand_domains_with_three_policies_compile_cleanly_and_stay_a_line_each()
    {
        var modes = new[] { "{}", "{ mode: testing }", "{ max_age: 2w }" };
        var yaml = "defaults: {mode: enforce, mx: [mx.example.net]}\ndomains:\n"
            + string.Concat(Enumerable.Range(0, 1000).Select(i => $"  d{i}.example: {modes[i % 3]}\n"));
        var code = Generate(yaml, Web with { Glue = Glue.None });

        Assert.Equal(3, CountOf(code, "new PolicyData("));
        Assert.InRange(code.Split('\n').Length, 1000, 1250);
        var type = Load(code);
        Assert.Equal("d999.example", Get(((System.Collections.IList)type.GetField("Domains")!.GetValue(null)!)[999]!, "Domain"));
    }

    [Fact]
    public void Compiled_and_run_AddMtaSts_registers_every_domain_with_its_own_policy_and_shares_equal_bytes()
    {
        var deployments = Deployments(Config);

        var policies = PolicyDataWriterTests.AddMtaSts(Generate());

        Assert.Equal(
            deployments.Select(d => (d.PolicyDomain, d.PolicyHost, d.PolicyId, d.PolicyText, d.TlsRptRecord?.Value)),
            policies.Policies.Select(p => (p.PolicyDomain, p.PolicyHost, p.Id, p.Text, p.TlsRptRecord)));
        Assert.Equal("v=TLSRPTv1; rua=mailto:tls@fabrikam.com", policies.FindByHost("mta-sts.fabrikam.com")!.TlsRptRecord);
        Assert.All(policies.Policies.Zip(deployments), pair => Assert.Equal(pair.Second.Policy.ToBytes(), pair.First.Content.ToArray()));
        var sameText = policies.Policies.GroupBy(p => p.Text).First(group => group.Count() > 1).ToList();
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(sameText[0].Content, out var first));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(sameText[1].Content, out var second));
        Assert.Same(first.Array, second.Array);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static object? Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance);

    /// <summary>Compiles the policy class alone, loads it, and returns <c>MtaStsPolicy</c>.</summary>
    private static Type Load(string code)
    {
        var compilation = GeneratedCodeCompiler.Compile(web: false, LanguageVersion.CSharp14, code);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        return context.LoadFromStream(new MemoryStream(stream.ToArray())).GetType("Contoso.Web.MtaStsPolicy", throwOnError: true)!;
    }
}
