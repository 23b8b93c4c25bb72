using MtaSts.Diagnostics;

namespace MtaSts.Configuration;

/// <summary>
/// What <see cref="ConfigReader"/> read: the policies (one per Policy Domain; the single-domain form gives one) and the
/// problems found while reading. When <see cref="HasErrors"/> the policies may be incomplete.
/// </summary>
public sealed class ConfigDocument
{
    public ConfigDocument(string? file, IReadOnlyList<PolicyConfig> policies, IReadOnlyList<Diagnostic> diagnostics, bool isMultiDomain = false)
    {
        File = file;
        Policies = policies;
        Diagnostics = diagnostics;
        IsMultiDomain = isMultiDomain;
    }

    /// <summary>
    /// True for the multi-domain form (<c>defaults:</c> and <c>domains:</c>): <see cref="Policies"/> holds one entry per
    /// domain, in file order, each with the <c>defaults:</c> values it inherits and its own overrides. False for the
    /// single-domain form (<c>domain:</c> at the top).
    /// </summary>
    public bool IsMultiDomain { get; }

    public string? File { get; }

    public IReadOnlyList<PolicyConfig> Policies { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
