using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MtaSts.Build.Tests;

/// <summary>
/// Compiles generated C# the way a user's project would: real reference assemblies (.NET 10, and ASP.NET Core's from
/// the installed targeting pack), nullable enabled, every warning reported.
/// </summary>
internal static class GeneratedCodeCompiler
{
    /// <summary>The global usings of a Microsoft.NET.Sdk.Web project with ImplicitUsings=enable.</summary>
    public const string WebImplicitUsings = """
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> aspNetCore = new(LoadAspNetCore);

    /// <summary>The runtime library, MtaSts.AspNetCore, that the generated glue calls.</summary>
    private static readonly MetadataReference runtimeLibrary = MetadataReference.CreateFromFile(typeof(MtaSts.AspNetCore.ServedPolicy).Assembly.Location);

    /// <summary>Compiles; a web project references ASP.NET Core and, unless <paramref name="runtimeLibrary"/> is false, MtaSts.AspNetCore.</summary>
    public static CSharpCompilation Compile(bool web, LanguageVersion languageVersion, params string[] sources) =>
        Compile(web, runtimeLibrary: web, languageVersion, sources);

    public static CSharpCompilation Compile(bool web, bool runtimeLibrary, LanguageVersion languageVersion, params string[] sources)
    {
        var parse = new CSharpParseOptions(languageVersion);
        IEnumerable<MetadataReference> references = web ? [.. Net100.References.All, .. aspNetCore.Value] : Net100.References.All;
        if (runtimeLibrary)
        {
            references = references.Append(GeneratedCodeCompiler.runtimeLibrary);
        }

        var options = new CSharpCompilationOptions(
            web ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: languageVersion >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable,
            warningLevel: 9999,
            generalDiagnosticOption: ReportDiagnostic.Error,
            // As the SDK does (NoWarn 1701;1702): a net8.0 library (MtaSts.AspNetCore) in a net10.0 app unifies.
            specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);
        return CSharpCompilation.Create(
            "Site",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parse, path: $"Source{i}.cs")),
            references,
            options);
    }

    /// <summary>
    /// Compiles and loads the code in a collectible context that shares the test's own ASP.NET Core and MtaSts.AspNetCore
    /// (the default context has them), so the generated glue can be called with real services.
    /// </summary>
    public static System.Reflection.Assembly Load(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary)).Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return new System.Runtime.Loader.AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(new MemoryStream(stream.ToArray()));
    }

    /// <summary>Every diagnostic (hidden ones aside), as text, for an assertion that there are none.</summary>
    public static IReadOnlyList<string> Diagnostics(CSharpCompilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .Select(d => d.ToString())
            .ToList();

    private static ImmutableArray<MetadataReference> LoadAspNetCore()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ → <dotnet root>/packs/Microsoft.AspNetCore.App.Ref/10.*/ref/net10.0
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(root, "packs", "Microsoft.AspNetCore.App.Ref"), "10.*")
            .Select(version => Path.Combine(version, "ref", "net10.0"))
            .Where(Directory.Exists)
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .First();
        return [.. Directory.GetFiles(pack, "*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
