using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts;

/// <summary>
/// Validates a whole <c>mta-sts.yaml</c> (read → validate in one call, for hosts): reads it with
/// <see cref="ConfigReader"/>, validates each domain's <see cref="PolicyConfig"/> with <see cref="Validator"/>, and
/// returns every diagnostic and the <see cref="Deployment"/> (null on any error), or in the multi-domain form every
/// domain's (none on any error in any domain). <see cref="OutputPlanner"/> then turns the deployments into files.
/// </summary>
public static class ConfigValidator
{
    public static ValidationResult ValidateFile(string path, ValidationOptions? options = null) =>
        Validate(ConfigReader.ReadFile(path), options);

    public static ValidationResult Validate(string yaml, string? file = null, ValidationOptions? options = null) =>
        Validate(ConfigReader.Read(yaml, file), options);

    public static ValidationResult Validate(ConfigDocument document, ValidationOptions? options = null)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (document.Policies.Count == 0)
        {
            return new ValidationResult(document.Diagnostics, [], document.IsMultiDomain);
        }

        if (document.IsMultiDomain)
        {
            return ValidateDomains(document, options);
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

    /// <summary>
    /// The multi-domain form: every domain validated on its own, its diagnostics naming it; a domain listed twice (also
    /// in another spelling of the same name) is an error. A problem of a <c>defaults:</c> value that several domains
    /// inherit is one diagnostic at that value, naming those domains.
    /// </summary>
    private static ValidationResult ValidateDomains(ConfigDocument document, ValidationOptions? options)
    {
        var found = new List<(string Label, Diagnostic Diagnostic)>();
        var deployments = new List<Deployment>();
        var seen = new Dictionary<string, ConfigScalar>(StringComparer.Ordinal);

        // Each domain is given only its own id: timestamp state (or the unnamed one of a single-domain file), so that a
        // thousand domains do not each search a thousand states.
        var states = options?.PreviousStates ?? [];
        var ownState = states.Where(s => s.Domain is not null).GroupBy(s => s.Domain!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<Output.PolicyIdState> unnamed = states.Where(s => s.Domain is null).Take(1).ToList();
        var autoIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var config in document.Policies)
        {
            var domain = config.Domain!;
            var label = ConfigReader.Label(domain.Value);
            var parsed = PolicyDomain.Parse(domain.Value);
            if (parsed.IsValid && seen.TryGetValue(parsed.Value, out var first))
            {
                var same = ConfigReader.Label(first.Value) == label ? "" : DiagnosticMessages.Validate.SameDomainAs.Format(UserText.Quoted(ConfigReader.Label(first.Value)));
                found.Add((label, DiagnosticMessages.Validate.ListedTwice.Create(
                    domain.Span, document.File, ConfigField.Domain, UserText.Quoted(label), same, first.Span.Line, parsed.Value)));
                continue;
            }

            if (parsed.IsValid)
            {
                seen.Add(parsed.Value, domain);
            }

            var domainOptions = options is null || states.Count == 0 || !parsed.IsValid ? options
                : options with { PreviousStates = ownState.TryGetValue(parsed.Value, out var own) ? [own] : unnamed };
            var result = Validator.Validate(config, domainOptions, document.File, autoIds);
            found.AddRange(result.Diagnostics.Select(d => (label, d)));
            if (result.Deployment is { } deployment)
            {
                deployments.Add(deployment);
            }
        }

        // A key the reader already complained about, in this domain's block or in defaults, is not also "missing"; nor is
        // anything of a domain whose block is not a mapping.
        var reported = new HashSet<(string?, string?)>(document.Diagnostics.Select(d => (d.Field?.PolicyDomain, d.Field?.Key)));
        var validation = found
            .Where(f => !IsMissing(f.Diagnostic) || !(reported.Contains((f.Label, f.Diagnostic.Field?.Key)) || reported.Contains((null, f.Diagnostic.Field?.Key))
                || reported.Contains((f.Label, ConfigReader.DomainsKey))))
            .GroupBy(f => (f.Diagnostic.Descriptor, f.Diagnostic.Span, f.Diagnostic.Message, f.Diagnostic.Field?.Key, f.Diagnostic.Field?.Index))
            .Select(group => ConfigReader.NameDomain(group.First().Diagnostic, Names(group.Select(f => f.Label).ToList())) is var named && group.Count() > 1
                ? new Diagnostic(named.Descriptor, named.Message, named.File, named.Span, named.Field?.ForDomain(group.First().Label))
                : named);
        var diagnostics = document.Diagnostics.Concat(validation)
            .OrderBy(d => d.Span.IsNone ? int.MaxValue : d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToList();
        var ok = !diagnostics.Any(d => d.IsError);
        return new ValidationResult(diagnostics, ok ? deployments : [], isMultiDomain: true);
    }

    private static bool IsMissing(Diagnostic d) =>
        d.Descriptor == DiagnosticDescriptors.MissingKey || d.Descriptor == DiagnosticDescriptors.MissingMx || d.Descriptor == DiagnosticDescriptors.MissingRua;

    /// <summary>"a.example", "a.example, b.example and c.example", or the first three and how many more.</summary>
    internal static string Names(IReadOnlyList<string> labels)
    {
        const int Shown = 3;
        if (labels.Count == 1)
        {
            return labels[0];
        }

        return labels.Count <= Shown
            ? string.Join(", ", labels.Take(labels.Count - 1)) + " and " + labels[labels.Count - 1]
            : string.Join(", ", labels.Take(Shown)) + $" and {labels.Count - Shown} more domains";
    }
}
