using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MtaSts.Build.Watch;

namespace MtaSts.Build.Tests;

/// <summary>
/// The dotnet watch helper: a constant that follows the bytes of the file marked <c>MtaStsConfig</c>, and nothing for
/// other additional files. (That dotnet watch then rebuilds is tested end to end, in WatchTests.)
/// </summary>
public sealed class ConfigStampGeneratorTests
{
    private static string? Stamp(params (string Path, string Text, bool Marked)[] files)
    {
        var driver = CSharpGeneratorDriver.Create(
            generators: [new ConfigStampGenerator().AsSourceGenerator()],
            additionalTexts: files.Select(f => (AdditionalText)new Text(f.Path, f.Text)),
            optionsProvider: new Options(files.Where(f => f.Marked).Select(f => f.Path).ToHashSet()));
        var compilation = CSharpCompilation.Create("Site", [CSharpSyntaxTree.ParseText("class App { }")], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = output.SyntaxTrees.Skip(1).SingleOrDefault();
        return generated?.ToString();
    }

    [Fact]
    public void The_stamp_is_the_fnv1a_hash_of_the_config_and_changes_with_it()
    {
        var testing = Stamp(("/site/mta-sts.yaml", "mode: testing\n", true));
        var enforce = Stamp(("/site/mta-sts.yaml", "mode: enforce\n", true));

        Assert.NotNull(testing);
        Assert.Contains("internal const string Hash = \"" + Fnv1a64("mode: testing\n").ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "\";", testing);
        Assert.NotEqual(testing, enforce);
    }

    [Theory]
    [InlineData("", "cbf29ce484222325")]
    [InlineData("a", "af63dc4c8601ec8c")]
    [InlineData("foobar", "85944171f73967e8")]
    public void The_hash_is_fnv1a_64(string text, string expected) =>
        Assert.Equal(expected, ConfigStampGenerator.Hash(text));

    /// <summary>An independent FNV-1a (64-bit offset basis and prime), over the UTF-16 code units.</summary>
    private static ulong Fnv1a64(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 0x100000001b3UL;
        }

        return hash;
    }

    [Fact]
    public void Other_additional_files_generate_nothing() =>
        Assert.Null(Stamp(("/site/other.yaml", "mode: testing\n", false)));

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(HashSet<string> marked) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => new Values(false);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(false);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(marked.Contains(textFile.Path));

        private sealed class Values(bool marked) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = marked && key == ConfigStampGenerator.MetadataKey ? "true" : null;
                return value is not null;
            }
        }
    }
}
