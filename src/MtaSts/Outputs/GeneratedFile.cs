using MtaSts.Output;

namespace MtaSts;

/// <summary>One output: where it goes and its exact bytes.</summary>
public sealed record GeneratedFile(GeneratedFileKind Kind, string Path, byte[] Content)
{
    /// <summary>
    /// Whether hosts flush it to the disk before it replaces the old file (<see cref="AtomicFile.WriteIfChanged(string, byte[], bool)"/>):
    /// true for the policy files, the single-domain form's zone snippet and the id state; false for the multi-domain
    /// form's zone snippets and the output list, derived build outputs the next build rewrites, where a flush per file
    /// would cost seconds for a thousand domains.
    /// </summary>
    public bool Durable { get; init; } = true;
}
