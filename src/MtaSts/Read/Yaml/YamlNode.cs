using MtaSts.Diagnostics;

namespace MtaSts.Configuration.Yaml;

/// <summary>A node of <see cref="YamlTree"/>: where it was written, and how a message names its kind.</summary>
internal abstract class YamlNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public abstract string Kind { get; }
}

internal sealed class YamlScalar(string value, bool isNull, SourceSpan span) : YamlNode(span)
{
    public string Value { get; } = value;

    public bool IsNull { get; } = isNull;

    public override string Kind => "value";
}

internal sealed class YamlSequence(List<YamlNode> items, SourceSpan span) : YamlNode(span)
{
    public List<YamlNode> Items { get; } = items;

    public override string Kind => "list";
}

internal sealed class YamlMap(List<(YamlNode Key, YamlNode Value)> entries, SourceSpan span) : YamlNode(span)
{
    public List<(YamlNode Key, YamlNode Value)> Entries { get; } = entries;

    public override string Kind => "mapping";
}
