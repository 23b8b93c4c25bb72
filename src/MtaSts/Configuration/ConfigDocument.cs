using MtaSts.Diagnostics;

namespace MtaSts.Configuration;

/// <summary>
/// What <see cref="ConfigReader"/> read: the policies (one per Policy Domain; the single-domain form gives one) and the
/// problems found while reading. When <see cref="HasErrors"/> the policies may be incomplete.
/// </summary>
public sealed class ConfigDocument
{
    public ConfigDocument(string? file, IReadOnlyList<PolicyConfig> policies, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Policies = policies;
        Diagnostics = diagnostics;
    }

    public string? File { get; }

    public IReadOnlyList<PolicyConfig> Policies { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
