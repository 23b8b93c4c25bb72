using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Tests;

/// <summary>Helpers that keep the tests reading like the rules they check.</summary>
internal static class TestConfig
{
    public const string Valid = MtaSts.Testing.ValidConfig.Yaml;

    public static ValidationResult Compile(string yaml, ValidationOptions? options = null) =>
        ConfigValidator.Validate(yaml, "mta-sts.yaml", options);

    /// <summary>Compiles and returns the only diagnostic, failing if there is not exactly one.</summary>
    public static Diagnostic Single(string yaml)
    {
        var result = Compile(yaml);
        return Assert.Single(result.Diagnostics);
    }

    public static Deployment Deploy(string yaml, ValidationOptions? options = null)
    {
        var result = Compile(yaml, options);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Deployment!;
    }

    public static void AssertAt(Diagnostic diagnostic, DiagnosticDescriptor descriptor, int line, int column)
    {
        Assert.Equal(descriptor.Code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal("mta-sts.yaml", diagnostic.File);
    }
}
