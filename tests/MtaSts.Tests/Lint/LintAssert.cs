using MtaSts.Diagnostics;

namespace MtaSts.Tests.Lint;

/// <summary>Helpers that keep the lint tests reading like the rules they check.</summary>
internal static class LintAssert
{
    /// <summary>A policy from lines, each ended with CRLF as RFC 8461 §3.2 says.</summary>
    public static string PolicyText(params string[] lines) => string.Concat(lines.Select(l => l + "\r\n"));

    /// <summary>The RFC 8461 §3.2 example policy.</summary>
    public static readonly string[] Example =
    [
        "version: STSv1",
        "mode: enforce",
        "mx: mail.example.com",
        "mx: *.example.net",
        "mx: backupmx.example.com",
        "max_age: 604800",
    ];

    /// <summary>The example policy with one line replaced (1-based).</summary>
    public static string ExampleWith(int line, string replacement)
    {
        var lines = Example.ToArray();
        lines[line - 1] = replacement;
        return PolicyText(lines);
    }

    /// <summary>Exactly one diagnostic, with this code, at this line and column.</summary>
    public static Diagnostic Only(IReadOnlyList<Diagnostic> diagnostics, DiagnosticDescriptor descriptor, int line, int column)
    {
        var diagnostic = Assert.Single(diagnostics);
        At(diagnostic, descriptor, line, column);
        return diagnostic;
    }

    public static void At(Diagnostic diagnostic, DiagnosticDescriptor descriptor, int line, int column)
    {
        Assert.Equal(descriptor.Code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    public static void Clean(IReadOnlyList<Diagnostic> diagnostics) =>
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
}
