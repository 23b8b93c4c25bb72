using System.Reflection;
using MtaSts.Policy;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MtaSts.Build.Tests;

/// <summary>
/// The C# of the multi-domain form: it compiles without a diagnostic, and compiled and loaded it gives each domain's
/// data, finds every policy host in any case and with a port, and serves each host its own exact bytes.
/// </summary>
public sealed class MultiDomainCodeTests
{
    /// <summary>The example and a parked domain (mode none, no MX).</summary>
    public const string Config = MtaSts.Testing.ValidConfig.MultiDomain + "\n  parked.example: { mode: none, mx: [] }\n";

    private const string Program = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapStaticAssets();
        IEndpointConventionBuilder endpoint = app.MapMtaStsPolicy();
        MtaStsPolicy.DomainPolicy? policy = MtaStsPolicy.FindByPolicyHost("mta-sts.contoso.com");
        System.Console.WriteLine(policy?.Id + MtaStsPolicy.Domains.Count);
        app.Run();
        """;

    private static readonly CSharpEndpointWriter.Options Web = new() { Namespace = "Contoso.Web", GenerateEndpoint = true, ToolVersion = "1.2.3" };

    private static IReadOnlyList<Deployment> Deployments(string yaml)
    {
        var result = PolicyCompiler.Compile(yaml, "mta-sts.yaml");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.True(result.IsMultiDomain);
        return result.Deployments;
    }

    private static string Generate(string yaml = Config, CSharpEndpointWriter.Options? options = null) =>
        CSharpEndpointWriter.Write(Deployments(yaml), multiDomain: true, options ?? Web);

    [Fact]
    public void The_web_code_compiles_cleanly_with_a_program_that_uses_the_lookup()
    {
        var compilation = GeneratedCodeCompiler.Compile(web: true, LanguageVersion.CSharp14,
            Generate(), GeneratedCodeCompiler.WebImplicitUsings, Program.Replace("MtaStsPolicy.", "Contoso.Web.MtaStsPolicy."));

        Assert.Empty(GeneratedCodeCompiler.Diagnostics(compilation));
    }

    [Fact]
    public void The_policy_class_alone_compiles_cleanly_as_csharp_7_3_without_nullable_annotations()
    {
        var code = Generate(options: Web with { GenerateEndpoint = false, NullableAnnotations = false });

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
        var type = Load(Generate(options: Web with { GenerateEndpoint = false }));

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

    [Theory]
    [InlineData("mta-sts.contoso.com", "contoso.com")]
    [InlineData("MTA-STS.Contoso.CO.UK", "contoso.co.uk")]
    [InlineData("mta-sts.xn--mnchen-contoso-gsb.de", "xn--mnchen-contoso-gsb.de")]
    [InlineData("mta-sts.fabrikam.com:8443", "fabrikam.com")]
    [InlineData("contoso.com", null)]
    [InlineData("www.contoso.com", null)]
    [InlineData("mta-sts.contoso.com.evil.example", null)]
    [InlineData("mta-sts.münchen-contoso.de", "xn--mnchen-contoso-gsb.de")]
    [InlineData("MTA-STS.München-Contoso.DE", "xn--mnchen-contoso-gsb.de")]
    [InlineData("mta-sts.münchen-contoso.de.evil.example", null)]
    [InlineData("mta-sts.contoso.com\u00a0", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_lookup_by_policy_host_is_ascii_case_insensitive_ignores_the_port_takes_u_labels_and_finds_nothing_else(string? host, string? domain)
    {
        var type = Load(Generate(options: Web with { GenerateEndpoint = false }));

        var found = type.GetMethod("FindByPolicyHost")!.Invoke(null, [host]);

        Assert.Equal(domain, found is null ? null : Get(found, "Domain"));
    }

    [Fact]
    public void The_lookup_by_domain_takes_the_a_label_in_any_case()
    {
        var type = Load(Generate(options: Web with { GenerateEndpoint = false }));

        Assert.Equal("fabrikam.com", Get(type.GetMethod("FindByDomain")!.Invoke(null, ["FABRIKAM.com"])!, "Domain"));
        Assert.Null(type.GetMethod("FindByDomain")!.Invoke(null, ["example.com"]));
    }

    [Fact]
    public void A_thousand_domains_with_three_policies_compile_cleanly_and_stay_a_line_each()
    {
        var modes = new[] { "{}", "{ mode: testing }", "{ max_age: 2w }" };
        var yaml = "defaults: {mode: enforce, mx: [mx.example.net]}\ndomains:\n"
            + string.Concat(Enumerable.Range(0, 1000).Select(i => $"  d{i}.example: {modes[i % 3]}\n"));
        var code = Generate(yaml, Web with { GenerateEndpoint = false });

        Assert.Equal(3, CountOf(code, "new PolicyData("));
        Assert.InRange(code.Split('\n').Length, 1000, 1250);
        var type = Load(code);
        Assert.Equal("d999.example", Get(type.GetMethod("FindByPolicyHost")!.Invoke(null, ["MTA-STS.D999.EXAMPLE"])!, "Domain"));
    }

    [Fact]
    public void The_endpoint_requires_every_policy_host_and_serves_each_host_its_own_bytes_and_404_for_another()
    {
        var code = Generate();
        Assert.Contains("RequireHost(endpoint, global::Contoso.Web.MtaStsPolicy.GetPolicyHosts())", code);
        Assert.DoesNotContain("private static readonly byte[] policyBytes", code);

        using var site = new AspNetCoreLoad(code);
        foreach (var deployment in Deployments(Config))
        {
            // The Host header as senders send it: lower-case A-labels, which HttpRequest.Host decodes to U-labels (it
            // looks for "xn--" case-sensitively, so the upper-case spelling reaches the app undecoded); with a port.
            foreach (var host in new[] { deployment.PolicyHost, deployment.PolicyHost.ToUpperInvariant() + ":443" })
            {
                var (status, contentType, body) = site.Serve("GET", host);
                Assert.True((200, "text/plain") == (status, contentType), $"{host}: {status} {contentType}");
                Assert.Equal(deployment.Policy.ToBytes(), body);
            }
        }

        Assert.Equal(404, site.Serve("GET", "mta-sts.unknown.example").Status);
        var head = site.Serve("HEAD", "mta-sts.contoso.com");
        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
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

    /// <summary>
    /// The web code compiled and loaded beside ASP.NET Core's own assemblies (the installed shared framework), so that its
    /// request delegate runs on a real <c>DefaultHttpContext</c>.
    /// </summary>
    private sealed class AspNetCoreLoad : IDisposable
    {
        private readonly AssemblyLoadContext context;
        private readonly MethodInfo serve;
        private readonly Type httpContextType;

        public AspNetCoreLoad(string code)
        {
            var compilation = GeneratedCodeCompiler.Compile(web: true, LanguageVersion.CSharp14, code, GeneratedCodeCompiler.WebImplicitUsings, Program.Replace("MtaStsPolicy.", "Contoso.Web.MtaStsPolicy."));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            var shared = SharedFramework();
            context = new AssemblyLoadContext("site", isCollectible: true);
            context.Resolving += (alc, name) =>
                File.Exists(Path.Combine(shared, name.Name + ".dll")) ? alc.LoadFromAssemblyPath(Path.Combine(shared, name.Name + ".dll")) : null;
            var site = context.LoadFromStream(new MemoryStream(stream.ToArray()));
            serve = site.GetType("Microsoft.AspNetCore.Builder.MtaStsPolicyOwner", throwOnError: true)!
                .GetMethod("ServePolicy", BindingFlags.Static | BindingFlags.NonPublic)!;
            httpContextType = context.LoadFromAssemblyName(new AssemblyName("Microsoft.AspNetCore.Http")).GetType("Microsoft.AspNetCore.Http.DefaultHttpContext", throwOnError: true)!;
        }

        public (int Status, string? ContentType, byte[] Body) Serve(string method, string host)
        {
            dynamic http = Activator.CreateInstance(httpContextType)!;
            http.Request.Method = method;
            http.Request.Path = (dynamic)Activator.CreateInstance(PathString(), "/.well-known/mta-sts.txt")!;
            http.Request.Headers["Host"] = host;
            var body = new MemoryStream();
            http.Response.Body = body;
            ((Task)serve.Invoke(null, [http])!).GetAwaiter().GetResult();
            return ((int)http.Response.StatusCode, (string?)http.Response.ContentType, body.ToArray());
        }

        private Type PathString() => context.LoadFromAssemblyName(new AssemblyName("Microsoft.AspNetCore.Http.Abstractions")).GetType("Microsoft.AspNetCore.Http.PathString", true)!;

        public void Dispose() => context.Unload();

        /// <summary>&lt;dotnet root&gt;/shared/Microsoft.AspNetCore.App/&lt;the runtime's major version&gt;.*</summary>
        private static string SharedFramework()
        {
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));
            return Directory.GetDirectories(Path.Combine(root, "Microsoft.AspNetCore.App"), Environment.Version.Major + ".*")
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .First();
        }
    }
}
