using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using MtaSts.AspNetCore;

namespace MtaSts.Build.Tests;

/// <summary>
/// The generated C#: data and one line of glue. It compiles without a single diagnostic, for awkward inputs too, in a
/// Program.cs of the conventional shape; compiled and run, its <c>AddMtaSts()</c> hands MtaSts.AspNetCore exactly the
/// policy of mta-sts.yaml. (What the library does with it is tested in MtaSts.AspNetCore.Tests.)
/// </summary>
public sealed class PolicyDataWriterTests
{
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        var app = builder.Build();
        app.MapStaticAssets();
        IEndpointConventionBuilder endpoint = app.MapMtaStsPolicy();
        app.Run();
        """;

    private static readonly PolicyDataWriter.Options Web = new() { Namespace = "Contoso.Web", Glue = Glue.RuntimeLibrary, ToolVersion = "1.2.3" };

    private static string Generate(string yaml, PolicyDataWriter.Options? options = null) =>
        PolicyDataWriter.Write(TestFiles.Deploy(yaml), options ?? Web);

    private static void AssertCompilesCleanly(string code, bool web = true, LanguageVersion languageVersion = LanguageVersion.CSharp14, params string[] more)
    {
        var sources = web ? new[] { code, GeneratedCodeCompiler.WebImplicitUsings, Program }.Concat(more) : new[] { code }.Concat(more);
        var compilation = GeneratedCodeCompiler.Compile(web, languageVersion, [.. sources]);
        Assert.Empty(GeneratedCodeCompiler.Diagnostics(compilation));
    }

    [Fact]
    public void The_web_code_compiles_cleanly_and_AddMtaSts_needs_no_using_in_a_default_Program_cs() =>
        AssertCompilesCleanly(Generate(TestFiles.Valid));

    [Fact]
    public void An_idn_domain_compiles_cleanly_and_serves_the_a_label_host()
    {
        var code = Generate("domain: bücher.example\nmode: testing\nmx: [mx.bücher.example]\n");

        AssertCompilesCleanly(code);
        Assert.Equal("mta-sts.xn--bcher-kva.example", Constant(code, "PolicyHost"));
        Assert.Equal("bücher.example", Constant(code, "UnicodeDomain"));
    }

    [Fact]
    public void Wildcard_patterns_compile_cleanly_and_keep_their_order()
    {
        var code = Generate(TestFiles.Valid);

        AssertCompilesCleanly(code);
        Assert.Contains("\"mx1.example.com\",\n", code);
        Assert.True(code.IndexOf("\"mx1.example.com\"", StringComparison.Ordinal) < code.IndexOf("\"*.mail.example.com\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_hundred_mx_patterns_compile_cleanly()
    {
        var mx = string.Join("\n", Enumerable.Range(1, 200).Select(i => $"  - mx{i}.example.com"));
        var code = Generate($"domain: example.com\nmode: enforce\nmx:\n{mx}\n");

        AssertCompilesCleanly(code);
        Assert.Equal(200, code.Split('\n').Count(line => line.TrimStart().StartsWith("\"mx", StringComparison.Ordinal)));
    }

    [Fact]
    public void Mode_none_without_mx_and_with_tls_rpt_compiles_cleanly() =>
        AssertCompilesCleanly(Generate("domain: example.com\nmode: none\ntls_rpt:\n  rua: [mailto:tls@example.com, https://r.example.com/v1]\n"));

    [Fact]
    public void The_policy_class_alone_compiles_cleanly_without_asp_net_core() =>
        AssertCompilesCleanly(Generate(TestFiles.Valid, Web with { Glue = Glue.None }), web: false);

    [Fact]
    public void Without_nullable_annotations_the_code_compiles_cleanly_as_csharp_7_3()
    {
        var code = Generate(TestFiles.Valid, Web with { Glue = Glue.None, NullableAnnotations = false });

        Assert.DoesNotContain("#nullable", code);
        AssertCompilesCleanly(code, web: false, LanguageVersion.CSharp7_3);
    }

    [Fact]
    public void In_the_global_namespace_the_code_compiles_cleanly() =>
        AssertCompilesCleanly(Generate(TestFiles.Valid, Web with { Namespace = "" }));

    [Theory]
    [InlineData("my-site", "my_site")]
    [InlineData("Contoso.2nd.class", "Contoso._2nd.@class")]
    [InlineData("Café.Web", "Caf\\u00e9.Web")]
    [InlineData(" Contoso..Web ", "Contoso.Web")]
    public void A_project_namespace_becomes_a_valid_csharp_namespace(string rootNamespace, string expected)
    {
        Assert.Equal(expected, CSharpText.ToNamespace(rootNamespace));
        AssertCompilesCleanly(Generate(TestFiles.Valid, Web with { Namespace = rootNamespace }));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("version: STSv1\r\nmode: testing\r\n")]
    [InlineData("tab\tnul\0bell\a")]
    [InlineData("bücher.example 例え.テスト \U0001F4E7")]
    public void String_literals_round_trip_exactly_through_the_compiler(string value)
    {
        var literal = CSharpText.Literal(value);
        var compilation = GeneratedCodeCompiler.Compile(web: false, LanguageVersion.CSharp7_3, $"static class C {{ public const string Value = {literal}; }}");

        Assert.Empty(GeneratedCodeCompiler.Diagnostics(compilation));
        Assert.All(literal, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(value, ((IFieldSymbol)compilation.GetTypeByMetadataName("C")!.GetMembers("Value").Single()).ConstantValue);
    }

    [Fact]
    public void The_generated_file_is_ascii_and_marked_generated()
    {
        var code = Generate("domain: bücher.example\nmode: testing\nmx: [mx.bücher.example]\n", Web with { Namespace = "Bücher.Web" });

        Assert.All(code, c => Assert.True(c is '\n' || c is >= ' ' and <= '~', $"U+{(int)c:X4}"));
        Assert.StartsWith("// <auto-generated/>\n", code);
        Assert.Contains("#nullable enable\n", code);
        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"MtaSts.Build\", \"1.2.3\")]", code);
    }

    [Fact]
    public void The_policy_class_holds_the_policy_and_the_records()
    {
        var deployment = TestFiles.Deploy(TestFiles.Valid + "\ntls_rpt:\n  rua: [mailto:tls@example.com]\n");
        var code = PolicyDataWriter.Write(deployment, Web);

        Assert.Equal(deployment.PolicyText, Constant(code, "Text"));
        Assert.Equal(deployment.PolicyId, Constant(code, "Id"));
        Assert.Equal("testing", Constant(code, "Mode"));
        Assert.Equal(604800L, Constant(code, "MaxAge"));
        Assert.Equal("v=STSv1; id=" + deployment.PolicyId + ";", Constant(code, "StsRecordValue"));
        Assert.Equal("https://mta-sts.example.com/.well-known/mta-sts.txt", Constant(code, "PolicyUrl"));
        Assert.Contains("TlsRptRecordValue = \"v=TLSRPTv1; rua=mailto:tls@example.com\";", code);
    }

    [Fact]
    public void Compiled_and_run_AddMtaSts_registers_the_policy_of_the_config_with_the_runtime_library()
    {
        var deployment = TestFiles.Deploy("domain: bücher.example\nmode: enforce\nmx: [mx.bücher.example]\n");
        var code = PolicyDataWriter.Write(deployment, Web);

        var policies = AddMtaSts(code);

        var policy = Assert.Single(policies.Policies);
        Assert.Equal(("xn--bcher-kva.example", "mta-sts.xn--bcher-kva.example", deployment.PolicyId, deployment.PolicyText),
            (policy.PolicyDomain, policy.PolicyHost, policy.Id, policy.Text));
        Assert.Equal(deployment.Policy.ToBytes(), policy.Content.ToArray());
        Assert.Null(policy.TlsRptRecord);
    }

    [Fact]
    public void Compiled_and_run_AddMtaSts_hands_the_runtime_library_the_TLS_RPT_record_of_the_config()
    {
        var deployment = TestFiles.Deploy(TestFiles.Valid + "\ntls_rpt:\n  rua: [mailto:tls@example.com, https://example.com/tlsrpt]\n");

        var policy = Assert.Single(AddMtaSts(PolicyDataWriter.Write(deployment, Web)).Policies);

        Assert.Equal("v=TLSRPTv1; rua=mailto:tls@example.com,https://example.com/tlsrpt", policy.TlsRptRecord);
        Assert.Equal(deployment.TlsRptRecord!.Value, policy.TlsRptRecord);
    }

    [Fact]
    public void Without_the_runtime_library_AddMtaSts_and_MapMtaStsPolicy_are_errors_that_name_the_package_to_add()
    {
        var code = Generate(TestFiles.Valid, Web with { Glue = Glue.MissingRuntimeLibrary });
        var compilation = GeneratedCodeCompiler.Compile(web: true, runtimeLibrary: false, LanguageVersion.CSharp14,
            code, GeneratedCodeCompiler.WebImplicitUsings, Program.Replace("IEndpointConventionBuilder endpoint = ", "", StringComparison.Ordinal));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.Equal(["CS0619", "CS0619"], errors.Select(e => e.Id));
        Assert.All(errors, e => Assert.Contains("dotnet add package MtaSts.AspNetCore", e.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void Data_only_has_no_glue_and_compiles_without_asp_net_core()
    {
        var code = Generate(TestFiles.Valid, Web with { Glue = Glue.None });

        Assert.DoesNotContain("namespace Microsoft.", code);
        AssertCompilesCleanly(code, web: false);
    }

    /// <summary>Compiles the web code, runs its generated <c>AddMtaSts()</c> on a service collection, and returns what it registered.</summary>
    internal static ServedPolicySet AddMtaSts(string code)
    {
        var assembly = GeneratedCodeCompiler.Load(GeneratedCodeCompiler.Compile(web: true, LanguageVersion.CSharp14, code, GeneratedCodeCompiler.WebImplicitUsings));
        var glue = assembly.GetType("Microsoft.Extensions.DependencyInjection." + PolicyDataWriter.GlueClassName, throwOnError: true)!;
        var services = new ServiceCollection();
        glue.GetMethod("AddMtaSts")!.Invoke(null, [services]);
        return services.BuildServiceProvider().GetRequiredService<ServedPolicySet>();
    }

    /// <summary>The compile-time value of a constant of <c>MtaStsPolicy</c>.</summary>
    private static object? Constant(string code, string name)
    {
        var compilation = GeneratedCodeCompiler.Compile(web: false, LanguageVersion.CSharp14, PolicyClassOnly(code));
        var type = compilation.GetSymbolsWithName("MtaStsPolicy", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        return ((IFieldSymbol)type.GetMembers(name).Single()).ConstantValue;
    }

    /// <summary>The generated code up to the glue: compiles without ASP.NET Core.</summary>
    private static string PolicyClassOnly(string code) => code.Split("\nnamespace Microsoft.Extensions.DependencyInjection")[0];
}
