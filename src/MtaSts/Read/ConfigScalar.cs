using MtaSts.Diagnostics;

namespace MtaSts.Configuration;

/// <summary>A configuration value as the user wrote it, with where it was written.</summary>
public sealed record ConfigScalar(string Value, SourceSpan Span = default)
{
    public static implicit operator ConfigScalar(string value) => new(value);
}

/// <summary>A list value (<c>mx</c>, <c>tls_rpt.rua</c>) with the position of its key.</summary>
public sealed record ConfigList(IReadOnlyList<ConfigScalar> Items, SourceSpan Span = default)
{
    public static ConfigList Of(params string[] values) => new(values.Select(v => new ConfigScalar(v)).ToList());
}
