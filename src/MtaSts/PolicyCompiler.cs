using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts;

/// <summary>
/// The whole pipeline in one call, for hosts: read <c>mta-sts.yaml</c>, validate, and return every diagnostic and the
/// <see cref="Deployment"/> (null on any error).
/// </summary>
public static class PolicyCompiler
{
    public static ValidationResult CompileFile(string path, ValidationOptions? options = null) =>
        Compile(ConfigReader.ReadFile(path), options);

    public static ValidationResult Compile(string yaml, string? file = null, ValidationOptions? options = null) =>
        Compile(ConfigReader.Read(yaml, file), options);

    public static ValidationResult Compile(ConfigDocument document, ValidationOptions? options = null)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (document.Policies.Count == 0)
        {
            return new ValidationResult(document.Diagnostics, null);
        }

        var result = Validator.Validate(document.Policies[0], options, document.File);

        // A key the reader already complained about (wrong type, control character) is not also "missing".
        var reported = new HashSet<string?>(document.Diagnostics.Select(d => d.Field?.Key));
        var validation = result.Diagnostics.Where(d =>
            !(d.Descriptor == DiagnosticDescriptors.MissingKey || d.Descriptor == DiagnosticDescriptors.MissingMx || d.Descriptor == DiagnosticDescriptors.MissingRua) ||
            !reported.Contains(d.Field?.Key));
        var diagnostics = document.Diagnostics.Concat(validation)
            .OrderBy(d => d.Span.IsNone ? int.MaxValue : d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToList();
        var deployment = document.HasErrors ? null : result.Deployment;
        return new ValidationResult(diagnostics, deployment);
    }
}
