using System.Text;
using MtaSts.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MtaSts.Configuration;

/// <summary>
/// Reads <c>mta-sts.yaml</c> into <see cref="PolicyConfig"/> values that keep their source positions. Reading never
/// throws for user mistakes: YAML errors, unknown keys, duplicate keys, wrong types, aliases and oversized input all
/// become diagnostics with a line and column.
/// </summary>
public static class ConfigReader
{
    /// <summary>Larger configuration files are refused unread: a policy is a few hundred bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private const int MaxDepth = 32;

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
                return Fail(path, DiagnosticDescriptors.ConfigFileUnreadable.Create(
                    $"'{path}' is a directory. Give the path of the mta-sts.yaml file.", file: path));
            }

            if (!info.Exists)
            {
                return Fail(path, DiagnosticDescriptors.ConfigFileNotFound.Create(
                    $"The configuration file '{path}' does not exist. Create it with 'mta-sts init --domain example.com --mx mail.example.com'.", file: path));
            }

            if (info.Length > MaxFileBytes)
            {
                return Fail(path, DiagnosticDescriptors.ConfigFileTooLarge.Create(
                    $"The configuration file is {Bytes(info.Length)} bytes; at most {Bytes(MaxFileBytes)} are read. An mta-sts.yaml is a few lines: check that this is the right file.", file: path));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            return Fail(path, DiagnosticDescriptors.ConfigFileUnreadable.Create(
                $"The configuration file '{path}' cannot be read: {ex.Message}", file: path));
        }

        return Read(bytes, path);
    }

    /// <summary>Reads UTF-8 bytes (a BOM is allowed).</summary>
    public static ConfigDocument Read(byte[] bytes, string? file = null)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Fail(file, DiagnosticDescriptors.ConfigFileTooLarge.Create(
                $"The configuration is {Bytes(bytes.Length)} bytes; at most {Bytes(MaxFileBytes)} are read.", file: file));
        }

        var text = Utf8Text.Decode(bytes, out var invalid);
        if (invalid >= 0)
        {
            var (line, column) = TextPosition.OfUtf8(bytes, invalid);
            return Fail(file, DiagnosticDescriptors.ConfigFileNotUtf8.Create(
                "The configuration file is not valid UTF-8. Save it as UTF-8.", SourceSpan.At(line, column), file));
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
        return document.Diagnostics.Any(d => !d.Span.IsNone) ? WithSpansInside(document, text) : document;
    }

    /// <summary>
    /// YamlDotNet puts the end of the stream on a line after the last one when the text does not end with a line
    /// break ('a: [b' fails at line 2, column 1). A position past the end is clamped to the end of the input, where
    /// an editor can show it.
    /// </summary>
    private static ConfigDocument WithSpansInside(ConfigDocument document, string text)
    {
        // Line lengths with YAML's line breaks (YAML 1.2 §5.4, plus the NEL, LS and PS of YAML 1.1 that YamlDotNet keeps).
        var lengths = new List<int>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                lengths.Add(i - start);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lengths.Add(text.Length - start);
        (int Line, int Column) Inside(int line, int column) =>
            line > lengths.Count ? (lengths.Count, lengths[lengths.Count - 1] + 1)
            : line >= 1 && column > lengths[line - 1] + 1 ? (line, lengths[line - 1] + 1)
            : (line, column);

        var diagnostics = document.Diagnostics.Select(d =>
        {
            if (d.Span.IsNone)
            {
                return d;
            }

            var (line, column) = Inside(d.Span.Line, d.Span.Column);
            var (endLine, endColumn) = Inside(d.Span.EndLine, d.Span.EndColumn);
            var span = new SourceSpan(line, column, endLine, endColumn);
            return span == d.Span ? d : new Diagnostic(d.Descriptor, d.Message, d.File, span, d.Field);
        }).ToList();
        return new ConfigDocument(document.File, document.Policies, diagnostics, document.IsMultiDomain);
    }

    private static ConfigDocument ReadText(string text, string? file)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            return Fail(file, DiagnosticDescriptors.ConfigFileTooLarge.Create(
                $"The configuration is larger than {Bytes(MaxFileBytes)} bytes.", file: file));
        }

        var diagnostics = new List<Diagnostic>();
        var tree = Parse(text, file, diagnostics);
        if (tree is null)
        {
            return new ConfigDocument(file, [], diagnostics);
        }

        if (tree is not YamlMap root)
        {
            diagnostics.Add(DiagnosticDescriptors.RootNotMapping.Create(
                "The configuration must be a mapping of keys to values, e.g. 'domain: example.com' on its own line.", tree.Span, file));
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
                        diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                            "'defaults' must be a mapping of the values every domain shares, e.g. 'defaults: {mode: enforce, mx: [mx1.example.com]}'.", value.Span, file, DefaultsKey));
                    }

                    break;
                case DomainsKey:
                    (domains, domainsSpan) = (value, key.Span);
                    break;
                case "domain":
                    diagnostics.Add(DiagnosticDescriptors.MixedConfigForms.Create(
                        $"'domain' (the single-domain form) cannot be used together with 'domains'. List {UserText.Quoted(ScalarText(value) ?? "the domain")} under 'domains:' instead and remove this line.", key.Span, file, ConfigField.Domain));
                    break;
                default:
                    diagnostics.Add(DiagnosticDescriptors.MixedConfigForms.Create(
                        $"'{key.Value}' at the top level is not read when 'domains' lists the domains. Move it under 'defaults:' to share it with every domain, or into one domain's block.", key.Span, file, key.Value));
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
                diagnostics.Add(DiagnosticDescriptors.MissingKey.Create(
                    "'domains' lists no domain. Add each mail domain with its overrides, or '{}' for none, e.g. 'domains: {example.com: {}, example.org: {mode: testing}}'.", domainsSpan, file, DomainsKey));
                break;
            default:
                diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                    $"'domains' must be a mapping of each mail domain to its overrides, e.g. 'example.com: {{}}' on its own line under 'domains:', not a {domains!.Kind}.", domains.Span, file, DomainsKey));
                break;
        }

        return new ConfigDocument(file, policies, diagnostics, isMultiDomain: true);
    }

    /// <summary>One entry of <c>domains:</c>: the domain and its overrides (a mapping, <c>{}</c> or nothing).</summary>
    private static PolicyConfig? ReadDomain(YamlNode keyNode, YamlNode value, PolicyConfig defaults, string? file, List<Diagnostic> diagnostics)
    {
        if (keyNode is not YamlScalar { IsNull: false } key)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                "Each key under 'domains' must be a mail domain such as 'example.com'.", keyNode.Span, file, DomainsKey));
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
                found.Add(DiagnosticDescriptors.WrongType.Create(
                    $"The overrides of a domain must be a mapping, e.g. '{{mode: testing}}', or '{{}}' for none; not a {value.Kind}.", value.Span, file, DomainsKey));
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
                    diagnostics.Add(DiagnosticDescriptors.MixedConfigForms.Create(
                        "'defaults' belongs to the multi-domain form and needs 'domains:' with the domains it applies to. With one domain, write its values at the top level next to 'domain:'.", key.Span, file, DefaultsKey));
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
            diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                "'tls_rpt' must be a mapping with a 'rua' list, e.g. 'tls_rpt: {rua: [mailto:tlsrpt@example.com]}'.", value.Span, file, "tls_rpt"));
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
                diagnostics.Add(DiagnosticDescriptors.WrongType.Create("A key must be a plain word such as 'mode'.", keyNode.Span, file));
                continue;
            }

            if (Array.IndexOf(known, key.Value) < 0)
            {
                diagnostics.Add(UnknownKey(key, known, prefix, file));
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(DiagnosticDescriptors.DuplicateKey.Create(
                    $"'{prefix}{key.Value}' is already set at line {first.Span.Line}. Keep one of them.", key.Span, file, prefix + key.Value));
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
        var hint = suggestion is not null
            ? $"Did you mean '{suggestion}'?"
            : $"Known keys: {string.Join(", ", listed)}.";
        if (key.Value == "domain" && Array.IndexOf(known, "domain") < 0)
        {
            hint = "In the multi-domain form each domain is a key under 'domains:', and its block holds only the values it overrides.";
        }

        return DiagnosticDescriptors.UnknownKey.Create($"Unknown key '{prefix}{key.Value}'. {hint}", key.Span, file, prefix + key.Value);
    }

    private static ConfigScalar? Scalar(YamlScalar key, YamlNode value, string? file, List<Diagnostic> diagnostics)
    {
        if (value is YamlScalar scalar)
        {
            if (scalar.IsNull)
            {
                diagnostics.Add(DiagnosticDescriptors.WrongType.Create($"'{key.Value}' has no value.", key.Span, file, key.Value));
                return null;
            }

            return new ConfigScalar(scalar.Value, scalar.Span);
        }

        diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
            $"'{key.Value}' must be a single value, not a {value.Kind}.", value.Span, file, key.Value));
        return null;
    }

    private static ConfigList? List(YamlScalar key, YamlNode value, string field, string? file, List<Diagnostic> diagnostics)
    {
        var items = new List<ConfigScalar>();
        switch (value)
        {
            case YamlScalar { IsNull: true }:
                diagnostics.Add(DiagnosticDescriptors.WrongType.Create($"'{field}' has no value.", key.Span, file, field));
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
                        diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                            $"Each entry of '{field}' must be a single value.", sequence.Items[i].Span, file, itemField));
                    }
                }

                break;
            default:
                diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                    $"'{field}' must be a list, e.g. [mx1.example.com, mx2.example.com], not a mapping.", value.Span, file, field));
                return null;
        }

        return new ConfigList(items, key.Span);
    }

    private static ConfigDocument Fail(string? file, Diagnostic diagnostic) => new(file, [], [diagnostic]);

    private static string Bytes(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    // ---- A small YAML tree with positions, built from YamlDotNet's parser events. ----

    private static YamlNode? Parse(string text, string? file, List<Diagnostic> diagnostics)
    {
        // YamlDotNet takes U+0000 for the end of the stream and would silently ignore everything after it; YAML does
        // not allow it at all (YAML 1.2 §5.1, c-printable).
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var (line, column) = TextPosition.Of(text, nul);
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax.Create(
                "The YAML is not valid: it contains a NUL character (U+0000). Save the file as plain UTF-8 text.", SourceSpan.At(line, column, 1), file));
            return null;
        }

        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(DiagnosticDescriptors.ConfigFileEmpty.Create(
                    "The configuration is empty. It needs at least 'domain', 'mode' and 'mx'; 'mta-sts init' writes a starting point.", SourceSpan.At(1, 1), file));
                return null;
            }

            parser.Consume<DocumentStart>();
            if (parser.Accept<DocumentEnd>(out _))
            {
                diagnostics.Add(DiagnosticDescriptors.ConfigFileEmpty.Create(
                    "The configuration has no content, only comments. It needs at least 'domain', 'mode' and 'mx'.", SourceSpan.At(1, 1), file));
                return null;
            }

            var root = ReadNode(parser, 0, file, diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(DiagnosticDescriptors.MultipleDocuments.Create(
                    "The file holds more than one YAML document ('---'). Put one configuration in the file.", Span(second.Start, second.End), file));
                return null;
            }

            if (root is YamlScalar { IsNull: true })
            {
                diagnostics.Add(DiagnosticDescriptors.ConfigFileEmpty.Create(
                    "The configuration is empty. It needs at least 'domain', 'mode' and 'mx'.", SourceSpan.At(1, 1), file));
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax.Create(
                $"The YAML is not valid: {CleanYamlMessage(ex)}", Span(ex.Start, ex.End), file));
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet 18 throws this instead of a YamlException for a tag that is not a valid URI ('!<…>', '!!…').
            var at = parser?.Current is { } last ? Span(last.End, last.End) : SourceSpan.At(1, 1);
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax.Create(
                "The YAML is not valid: a tag ('!…') after this point is not a valid URI. mta-sts.yaml needs no tags: remove it.", at, file));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18's scanner throws this instead of a YamlException for some unclosed '[' or '{'.
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax.Create(
                "The YAML is not valid: this '[' or '{' is not closed.", OpenFlowStart(text), file));
            return null;
        }
        catch (AliasFound alias)
        {
            // An unquoted wildcard mx pattern is the usual way to write an alias by accident.
            var hint = alias.Name.StartsWith(".", StringComparison.Ordinal)
                ? $" A wildcard mx pattern must be quoted: \"*{alias.Name}\"."
                : " Write the value out in full.";
            diagnostics.Add(DiagnosticDescriptors.AliasNotAllowed.Create(
                $"YAML aliases ('*{alias.Name}') are not supported.{hint}", alias.Span, file));
            return null;
        }
        catch (TooDeep deep)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType.Create(
                "The YAML is nested too deeply. mta-sts.yaml uses at most two levels.", deep.Span, file));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, int depth, string? file, List<Diagnostic> diagnostics)
    {
        if (depth > MaxDepth)
        {
            throw new TooDeep(Span(parser.Current!.Start, parser.Current.End));
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style == ScalarStyle.Plain &&
                (scalar.Value.Length == 0 || scalar.Value is "~" or "null" or "Null" or "NULL");
            return new YamlScalar(scalar.Value, isNull, Span(scalar.Start, scalar.End));
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, depth + 1, file, diagnostics));
            }

            return new YamlSequence(items, Span(sequenceStart.Start, sequenceStart.End));
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<(YamlNode, YamlNode)>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, depth + 1, file, diagnostics);
                var value = ReadNode(parser, depth + 1, file, diagnostics);
                entries.Add((key, value));
            }

            return new YamlMap(entries, Span(mappingStart.Start, mappingStart.End));
        }

        if (parser.Accept<AnchorAlias>(out var alias))
        {
            throw new AliasFound(alias.Value.Value, Span(alias.Start, alias.End));
        }

        var current = parser.Current!;
        throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
    }

    /// <summary>Where the last unclosed flow collection ('[' or '{') outside quotes and comments starts, or line 1.</summary>
    private static SourceSpan OpenFlowStart(string text)
    {
        var open = new Stack<(int Line, int Column)>();
        int line = 1, column = 1;
        char quote = '\0';
        var comment = false;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                comment = false;
                continue;
            }

            if (!comment)
            {
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#')
                {
                    comment = true;
                }
                else if (c is '[' or '{')
                {
                    open.Push((line, column));
                }
                else if (c is ']' or '}' && open.Count > 0)
                {
                    open.Pop();
                }
            }

            column++;
        }

        return open.Count > 0 ? SourceSpan.At(open.Peek().Line, open.Peek().Column, 1) : SourceSpan.At(1, 1);
    }

    private static string CleanYamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 1) - (…): "; the position is reported separately.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }

    private static SourceSpan Span(Mark start, Mark end) =>
        new((int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

    private sealed class AliasFound(string name, SourceSpan span) : Exception
    {
        public string Name { get; } = name;

        public SourceSpan Span { get; } = span;
    }

    private sealed class TooDeep(SourceSpan span) : Exception
    {
        public SourceSpan Span { get; } = span;
    }

    private abstract class YamlNode(SourceSpan span)
    {
        public SourceSpan Span { get; } = span;

        public abstract string Kind { get; }
    }

    private sealed class YamlScalar(string value, bool isNull, SourceSpan span) : YamlNode(span)
    {
        public string Value { get; } = value;

        public bool IsNull { get; } = isNull;

        public override string Kind => "value";
    }

    private sealed class YamlSequence(List<YamlNode> items, SourceSpan span) : YamlNode(span)
    {
        public List<YamlNode> Items { get; } = items;

        public override string Kind => "list";
    }

    private sealed class YamlMap(List<(YamlNode Key, YamlNode Value)> entries, SourceSpan span) : YamlNode(span)
    {
        public List<(YamlNode Key, YamlNode Value)> Entries { get; } = entries;

        public override string Kind => "mapping";
    }
}
