using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Configuration.Yaml;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.Config;

namespace MtaSts.Configuration;

/// <summary>
/// The schema reader of <c>mta-sts.yaml</c>: checks the input (size, UTF-8), builds the <see cref="YamlTree"/> and reads
/// the keys of the single-domain or the multi-domain form from it into <see cref="PolicyConfig"/> values that keep their source positions. Reading never
/// throws for user mistakes: YAML errors, unknown keys, duplicate keys, wrong types, aliases and oversized input all
/// become diagnostics with a line and column.
/// </summary>
public static class ConfigReader
{
    /// <summary>Larger configuration files are refused unread: a policy is a few hundred bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    internal static readonly string[] KnownKeys = ["domain", "mode", "mx", "max_age", "id", "tls_rpt", "ttl"];

    /// <summary>The keys of the multi-domain form's top level.</summary>
    internal const string DefaultsKey = "defaults";

    /// <inheritdoc cref="DefaultsKey"/>
    internal const string DomainsKey = "domains";

    /// <summary>What a <c>defaults:</c> block and a domain's block may set: everything but the domain.</summary>
    internal static readonly string[] BlockKeys = ["mode", "mx", "max_age", "id", "tls_rpt", "ttl"];

    /// <summary>The single-domain form reads <c>defaults</c> only to say that it needs <c>domains</c>.</summary>
    private static readonly string[] SingleDomainKeys = [.. KnownKeys, DefaultsKey];

    /// <summary>The multi-domain form's top level; the policy keys are read only to say where they belong.</summary>
    private static readonly string[] MultiDomainKeys = [DefaultsKey, DomainsKey, .. KnownKeys];
    internal static readonly string[] KnownTlsRptKeys = ["rua"];

    /// <summary>Reads a file. Missing, unreadable, oversized, non-UTF-8 and empty files become diagnostics.</summary>
    public static ConfigDocument ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return Fail(path, Messages.IsDirectory.Create(default, path, null, path));
            }

            if (!info.Exists)
            {
                return Fail(path, Messages.FileNotFound.Create(default, path, null, path));
            }

            if (info.Length > MaxFileBytes)
            {
                return Fail(path, Messages.FileTooLarge.Create(default, path, null, Bytes(info.Length), Bytes(MaxFileBytes)));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            return Fail(path, Messages.Unreadable.Create(default, path, null, path, ex.Message));
        }

        return Read(bytes, path);
    }

    /// <summary>Reads UTF-8 bytes (a BOM is allowed).</summary>
    public static ConfigDocument Read(byte[] bytes, string? file = null)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Fail(file, Messages.BytesTooLarge.Create(default, file, null, Bytes(bytes.Length), Bytes(MaxFileBytes)));
        }

        var text = Utf8Text.Decode(bytes, out var invalid);
        if (invalid >= 0)
        {
            var (line, column) = TextPosition.OfUtf8(bytes, invalid);
            return Fail(file, Messages.NotUtf8.Create(SourceSpan.At(line, column), file, null));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        return Read(text, file);
    }

    /// <summary>Reads YAML text.</summary>
    public static ConfigDocument Read(string text, string? file = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var document = ReadText(text, file);
        return document.Diagnostics.Any(d => !d.Span.IsNone)
            ? new ConfigDocument(document.File, document.Policies, YamlTree.WithSpansInside(document.Diagnostics, text), document.IsMultiDomain)
            : document;
    }

    private static ConfigDocument ReadText(string text, string? file)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            return Fail(file, Messages.TextTooLarge.Create(default, file, null, Bytes(MaxFileBytes)));
        }

        var diagnostics = new List<Diagnostic>();
        var tree = YamlTree.Parse(text, file, diagnostics);
        if (tree is null)
        {
            return new ConfigDocument(file, [], diagnostics);
        }

        if (tree is not YamlMap root)
        {
            diagnostics.Add(Messages.RootNotMap.Create(tree.Span, file, null));
            return new ConfigDocument(file, [], diagnostics);
        }

        if (Find(root, DomainsKey) is not null)
        {
            return ReadMultiDomain(root, file, diagnostics);
        }

        var policy = ReadPolicy(root, SingleDomainKeys, "", file, diagnostics);
        return new ConfigDocument(file, [policy], diagnostics);
    }

    /// <summary>
    /// The multi-domain form: <c>defaults:</c> (optional, shared values) and <c>domains:</c> (each domain with its
    /// overrides). Each domain becomes one <see cref="PolicyConfig"/> whose values carry the position they were written
    /// at: the override in the domain's block, or the <c>defaults:</c> value it inherits. A key of a domain's block
    /// replaces the default as a whole (a list is replaced, not merged).
    /// </summary>
    private static ConfigDocument ReadMultiDomain(YamlMap root, string? file, List<Diagnostic> diagnostics)
    {
        var defaults = new PolicyConfig();
        YamlNode? domains = null;
        SourceSpan domainsSpan = default;
        foreach (var (key, value) in Entries(root, MultiDomainKeys, "", file, diagnostics))
        {
            switch (key.Value)
            {
                case DefaultsKey:
                    defaults = value switch
                    {
                        YamlMap map => ReadPolicy(map, BlockKeys, DefaultsKey + ".", file, diagnostics),
                        YamlScalar { IsNull: true } => defaults,
                        _ => null,
                    } ?? defaults;
                    if (value is not (YamlMap or YamlScalar { IsNull: true }))
                    {
                        diagnostics.Add(Messages.DefaultsNotMapping.Create(value.Span, file, DefaultsKey));
                    }

                    break;
                case DomainsKey:
                    (domains, domainsSpan) = (value, key.Span);
                    break;
                case "domain":
                    diagnostics.Add(Messages.DomainWithDomains.Create(key.Span, file, ConfigField.Domain, ScalarText(value) is { } domain ? UserText.Quoted(domain) : Messages.TheDomain.Format()));
                    break;
                default:
                    diagnostics.Add(Messages.PolicyKeyWithDomains.Create(key.Span, file, key.Value, key.Value));
                    break;
            }
        }

        var policies = new List<PolicyConfig>();
        switch (domains)
        {
            case YamlMap { Entries.Count: > 0 } map:
                foreach (var (keyNode, value) in map.Entries)
                {
                    if (ReadDomain(keyNode, value, defaults, file, diagnostics) is { } policy)
                    {
                        policies.Add(policy);
                    }
                }

                break;
            case YamlMap or YamlScalar { IsNull: true }:
                diagnostics.Add(Messages.NoDomains.Create(domainsSpan, file, DomainsKey));
                break;
            default:
                diagnostics.Add(Messages.DomainsNotMapping.Create(domains!.Span, file, DomainsKey, domains.Kind));
                break;
        }

        return new ConfigDocument(file, policies, diagnostics, isMultiDomain: true);
    }

    /// <summary>One entry of <c>domains:</c>: the domain and its overrides (a mapping, <c>{}</c> or nothing).</summary>
    private static PolicyConfig? ReadDomain(YamlNode keyNode, YamlNode value, PolicyConfig defaults, string? file, List<Diagnostic> diagnostics)
    {
        if (keyNode is not YamlScalar { IsNull: false } key)
        {
            diagnostics.Add(Messages.DomainKeyNotDomain.Create(keyNode.Span, file, DomainsKey));
            return null;
        }

        var domain = new ConfigScalar(key.Value, key.Span);
        var label = Label(key.Value);
        var own = new PolicyConfig();
        var found = new List<Diagnostic>();
        switch (value)
        {
            case YamlMap map:
                own = ReadPolicy(map, BlockKeys, "", file, found);
                break;
            case YamlScalar { IsNull: true }:
                break;
            default:
                found.Add(Messages.OverridesNotMapping.Create(value.Span, file, DomainsKey, value.Kind));
                break;
        }

        diagnostics.AddRange(found.Select(d => NameDomain(d, label)));
        return new PolicyConfig
        {
            Domain = domain,
            Mode = own.Mode ?? defaults.Mode,
            Mx = own.Mx ?? defaults.Mx,
            MaxAge = own.MaxAge ?? defaults.MaxAge,
            Id = own.Id ?? defaults.Id,
            TlsRptRua = own.TlsRptRua ?? defaults.TlsRptRua,
            TlsRptSpan = own.TlsRptRua is not null ? own.TlsRptSpan : defaults.TlsRptSpan,
            Ttl = own.Ttl ?? defaults.Ttl,
            Span = key.Span,
        };
    }

    /// <summary>How a message names the domain it is about: the key under <c>domains:</c>, trimmed.</summary>
    internal static string Label(string domain) => domain.Trim();

    /// <summary>A diagnostic about one domain of the multi-domain form: its message starts with the domain, its field names it.</summary>
    internal static Diagnostic NameDomain(Diagnostic diagnostic, string label) =>
        new(diagnostic.Descriptor, label + ": " + diagnostic.Message, diagnostic.File, diagnostic.Span,
            (diagnostic.Field ?? new ConfigField(DomainsKey)).ForDomain(label));


    private static YamlNode? Find(YamlMap map, string key) =>
        map.Entries.FirstOrDefault(e => e.Key is YamlScalar scalar && scalar.Value == key).Value;

    private static string? ScalarText(YamlNode node) => node is YamlScalar { IsNull: false } scalar ? scalar.Value : null;

    private static PolicyConfig ReadPolicy(YamlMap map, string[] known, string prefix, string? file, List<Diagnostic> diagnostics)
    {
        var entries = Entries(map, known, prefix, file, diagnostics);
        var config = new PolicyConfig { Span = map.Span };
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "domain":
                    config = config with { Domain = Scalar(key, value, file, diagnostics) };
                    break;
                case "mode":
                    config = config with { Mode = Scalar(key, value, file, diagnostics) };
                    break;
                case "max_age":
                    config = config with { MaxAge = Scalar(key, value, file, diagnostics) };
                    break;
                case "id":
                    config = config with { Id = Scalar(key, value, file, diagnostics) };
                    break;
                case "ttl":
                    config = config with { Ttl = Scalar(key, value, file, diagnostics) };
                    break;
                case "mx":
                    config = config with { Mx = List(key, value, key.Value, file, diagnostics) ?? new ConfigList([], key.Span) };
                    break;
                case "tls_rpt":
                    config = ReadTlsRpt(config, key, value, file, diagnostics);
                    break;
                case DefaultsKey:
                    diagnostics.Add(Messages.DefaultsWithoutDomains.Create(key.Span, file, DefaultsKey));
                    break;
            }
        }

        return config;
    }

    private static PolicyConfig ReadTlsRpt(PolicyConfig config, YamlScalar key, YamlNode value, string? file, List<Diagnostic> diagnostics)
    {
        config = config with { TlsRptSpan = key.Span };
        if (value is not YamlMap map)
        {
            diagnostics.Add(Messages.TlsRptNotMapping.Create(value.Span, file, "tls_rpt"));
            return config;
        }

        var rua = new ConfigList([], key.Span);
        foreach (var (innerKey, innerValue) in Entries(map, KnownTlsRptKeys, "tls_rpt.", file, diagnostics))
        {
            rua = List(innerKey, innerValue, "tls_rpt.rua", file, diagnostics) ?? new ConfigList([], innerKey.Span);
        }

        return config with { TlsRptRua = rua };
    }

    private static List<(YamlScalar Key, YamlNode Value)> Entries(YamlMap map, string[] known, string prefix, string? file, List<Diagnostic> diagnostics)
    {
        var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        var result = new List<(YamlScalar, YamlNode)>();
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YamlScalar key)
            {
                diagnostics.Add(Messages.KeyNotWord.Create(keyNode.Span, file, null));
                continue;
            }

            if (Array.IndexOf(known, key.Value) < 0)
            {
                diagnostics.Add(UnknownKey(key, known, prefix, file));
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(Messages.Duplicate.Create(key.Span, file, prefix + key.Value, prefix + key.Value, first.Span.Line));
                continue;
            }

            seen.Add(key.Value, key);
            result.Add((key, value));
        }

        return result;
    }

    private static Diagnostic UnknownKey(YamlScalar key, string[] known, string prefix, string? file)
    {
        // The keys each level is about; the others it accepts only to say where they belong.
        var listed = known == SingleDomainKeys ? KnownKeys : known == MultiDomainKeys ? [DefaultsKey, DomainsKey] : known;
        var suggestion = Suggestions.Closest(key.Value, known);
        var hint = key.Value == "domain" && Array.IndexOf(known, "domain") < 0 ? Messages.UnknownDomainInBlock.Format()
            : suggestion is not null ? Messages.UnknownSuggestion.Format(suggestion)
            : Messages.UnknownKnownKeys.Format(string.Join(", ", listed));
        return Messages.Unknown.Create(key.Span, file, prefix + key.Value, prefix + key.Value, hint);
    }

    private static ConfigScalar? Scalar(YamlScalar key, YamlNode value, string? file, List<Diagnostic> diagnostics)
    {
        if (value is YamlScalar scalar)
        {
            if (scalar.IsNull)
            {
                diagnostics.Add(Messages.NoValue.Create(key.Span, file, key.Value, key.Value));
                return null;
            }

            return new ConfigScalar(scalar.Value, scalar.Span);
        }

        diagnostics.Add(Messages.NotSingleValue.Create(value.Span, file, key.Value, key.Value, value.Kind));
        return null;
    }

    private static ConfigList? List(YamlScalar key, YamlNode value, string field, string? file, List<Diagnostic> diagnostics)
    {
        var items = new List<ConfigScalar>();
        switch (value)
        {
            case YamlScalar { IsNull: true }:
                diagnostics.Add(Messages.NoValue.Create(key.Span, file, field, field));
                return null;
            case YamlScalar scalar:
                // A single value is accepted for convenience: `mx: mail.example.com`.
                items.Add(new ConfigScalar(scalar.Value, scalar.Span));

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var itemField = new ConfigField(field, i);
                    if (sequence.Items[i] is YamlScalar { IsNull: false } item)
                    {
                        items.Add(new ConfigScalar(item.Value, item.Span));
                    }
                    else
                    {
                        diagnostics.Add(Messages.ListEntryNotSingleValue.Create(sequence.Items[i].Span, file, itemField, field));
                    }
                }

                break;
            default:
                diagnostics.Add(Messages.NotList.Create(value.Span, file, field, field));
                return null;
        }

        return new ConfigList(items, key.Span);
    }

    private static ConfigDocument Fail(string? file, Diagnostic diagnostic) => new(file, [], [diagnostic]);

    private static string Bytes(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
