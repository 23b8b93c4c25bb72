using System.Globalization;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Values;
using Messages = MtaSts.Diagnostics.DiagnosticMessages.Validate;

namespace MtaSts.Policy;

/// <summary>
/// Checks one domain's <see cref="PolicyConfig"/> (for a whole file: <see cref="ConfigValidator"/>) against RFC 8461 and RFC 8460 and, when there is no error, builds the normalized
/// <see cref="Deployment"/>. Every problem is reported at once; nothing throws for user mistakes.
/// </summary>
public static class Validator
{
    /// <summary>RFC 1035 §2.3.4 / RFC 2181 §8: a TTL is 0 to 2^31 - 1 seconds.</summary>
    public const long MaxTtl = int.MaxValue;

    public const long DefaultMaxAge = MaxAge.Default;

    private const long OneDay = 86_400;

    /// <summary>Multi-label public suffixes under which a wildcard would cover unrelated registrants' hosts.
    /// Every single-label suffix (a TLD) is a public suffix too and is checked separately.</summary>
    private static readonly HashSet<string> MultiLabelPublicSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "com.br", "net.br", "org.br",
        "com.cn", "net.cn", "org.cn", "com.tw", "com.hk", "com.sg", "com.my", "co.in", "net.in", "org.in",
        "co.za", "org.za", "com.mx", "com.ar", "com.tr", "co.il", "com.ua", "com.pl", "co.id",
        "github.io", "gitlab.io", "herokuapp.com", "azurewebsites.net", "cloudapp.net", "appspot.com",
        "blogspot.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "web.app", "firebaseapp.com",
        "s3.amazonaws.com", "cloudfront.net", "azureedge.net", "trafficmanager.net", "duckdns.org", "dyndns.org",
        "no-ip.org", "ddns.net",
    };

    public static ValidationResult Validate(PolicyConfig config, ValidationOptions? options = null, string? file = null) =>
        Validate(config, options, file, autoIds: null);

    /// <summary>
    /// <paramref name="autoIds"/>: the <c>id: auto</c> of each policy text seen so far in this configuration, shared by
    /// the domains of the multi-domain form (most of them inherit one policy from <c>defaults:</c>), so that each distinct
    /// text is hashed once.
    /// </summary>
    internal static ValidationResult Validate(PolicyConfig config, ValidationOptions? options, string? file, Dictionary<string, string>? autoIds)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        options ??= ValidationOptions.Default;
        var diagnostics = new List<Diagnostic>();
        var context = new Context(file, diagnostics);

        if (!RejectControlCharacters(config, context))
        {
            return new ValidationResult(diagnostics, null);
        }

        var domain = ValidateDomain(config, context);
        var mode = ValidateMode(config, context);
        var mx = ValidateMx(config, mode, context);
        var maxAge = ValidateMaxAge(config, mode, context);
        var idSetting = ValidateIdSetting(config, options, context);
        var rua = ValidateTlsRpt(config, context);
        var ttl = ValidateTtl(config, context);

        if (diagnostics.Any(d => d.IsError) || domain is null || mode is null || mx is null || maxAge is null || idSetting is null)
        {
            return new ValidationResult(diagnostics, null);
        }

        var policy = new StsPolicy(mode.Value, mx, maxAge.Value);
        var text = policy.ToText();
        if (text.Length > StsPolicy.MaxPolicyBytes)
        {
            context.Report(Messages.TooLarge, config.Mx?.Span ?? config.Span, ConfigField.Mx, text.Length);
            return new ValidationResult(diagnostics, null);
        }

        var id = ResolveId(idSetting, domain, text, options, autoIds);
        var deployment = new Deployment(
            domain,
            policy,
            new StsTxtRecord(id),
            rua is { Count: > 0 } ? new TlsRptRecord(rua) : null,
            ttl ?? Deployment.DefaultTtl,
            idSetting.Kind switch { PolicyId.Auto => PolicyIdKind.Auto, PolicyId.Timestamp => PolicyIdKind.Timestamp, _ => PolicyIdKind.Literal });
        return new ValidationResult(diagnostics, deployment);
    }

    /// <summary>
    /// CR, LF and other controls in a value would let it inject lines into the policy file, the zone snippet or the
    /// messages. Checked before anything else, for every host (file, command line, web form).
    /// </summary>
    private static bool RejectControlCharacters(PolicyConfig config, Context context)
    {
        var values = new List<(ConfigScalar Value, ConfigField Field)>();
        void Add(ConfigScalar? value, ConfigField field)
        {
            if (value is not null)
            {
                values.Add((value, field));
            }
        }

        void AddList(ConfigList? list, string key)
        {
            for (var i = 0; i < (list?.Items.Count ?? 0); i++)
            {
                Add(list!.Items[i], new ConfigField(key, i));
            }
        }

        Add(config.Domain, ConfigField.Domain);
        Add(config.Mode, ConfigField.Mode);
        AddList(config.Mx, ConfigField.Mx);
        Add(config.MaxAge, ConfigField.MaxAge);
        Add(config.Id, ConfigField.Id);
        AddList(config.TlsRptRua, ConfigField.TlsRptRua);
        Add(config.Ttl, ConfigField.Ttl);
        var ok = true;
        foreach (var (value, field) in values)
        {
            var at = IndexOfLineBreaking(value.Value);
            if (at >= 0)
            {
                context.Report(Messages.Control, value.Span, field, field, UserText.CodePoint(value.Value[at]));
                ok = false;
            }
        }

        return ok;
    }

    private static int IndexOfLineBreaking(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (Diagnostic.IsLineBreaking(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? ValidateDomain(PolicyConfig config, Context context)
    {
        if (config.Domain is not { } domain)
        {
            context.Report(Messages.DomainRequired, config.Span, ConfigField.Domain);
            return null;
        }

        var parsed = PolicyDomain.Parse(domain.Value);
        if (!context.Accept(domain, parsed, ValueSubject.Domain, DiagnosticDescriptors.InvalidDomain, ConfigField.Domain))
        {
            return null;
        }

        var normalized = parsed.Value;
        if (normalized.StartsWith(Deployment.PolicyHostPrefix, StringComparison.Ordinal) || normalized.StartsWith(StsTxtRecord.NameFor(""), StringComparison.Ordinal))
        {
            var mailDomain = normalized.Substring(normalized.IndexOf('.') + 1);
            context.Report(Messages.PolicyHostGiven, domain.Span, ConfigField.Domain, normalized, mailDomain);
        }

        return normalized;
    }

    private static PolicyMode? ValidateMode(PolicyConfig config, Context context)
    {
        if (config.Mode is not { } mode)
        {
            context.Report(Messages.ModeRequired, config.Span, ConfigField.Mode);
            return null;
        }

        var parsed = PolicyModeExtensions.Parse(mode.Value, Strictness.Config);
        var descriptor = parsed.Problem?.Kind == ValueProblemKind.WrongCase ? DiagnosticDescriptors.ModeWrongCase : DiagnosticDescriptors.InvalidMode;
        return context.Accept(mode, parsed, ValueSubject.Mode, descriptor, ConfigField.Mode) ? parsed.Value : null;
    }

    private static List<MxPattern>? ValidateMx(PolicyConfig config, PolicyMode? mode, Context context)
    {
        var patterns = new List<MxPattern>();
        var items = config.Mx?.Items ?? [];
        if (items.Count == 0)
        {
            if (mode is PolicyMode.None)
            {
                return patterns;
            }

            // RFC 8461 §3.2: mx is required at least once unless the mode is none.
            context.Report(Messages.MxRequired, config.Mx?.Span ?? config.Span, ConfigField.Mx);
            return null;
        }

        var ok = true;
        var seen = new Dictionary<string, (ConfigScalar Item, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = new ConfigField(ConfigField.Mx, i);
            var pattern = ValidateMxPattern(item, field, context);
            if (pattern is null)
            {
                ok = false;
                continue;
            }

            if (seen.TryGetValue(pattern.Value, out var firstSeen))
            {
                var first = firstSeen.Item;
                context.Report(Messages.MxListedTwice, item.Span, field, UserText.Quoted(item.Value), first.Span.IsNone ? "" : Messages.FirstAtLine.Format(first.Span.Line));
                continue;
            }

            seen.Add(pattern.Value, (item, i));
            patterns.Add(pattern);
        }

        if (!ok)
        {
            return null;
        }

        // A wildcard covers exactly one extra left-most label (RFC 8461 §4.1): look the parent of each host up.
        var wildcardDomains = new HashSet<string>(patterns.Where(p => p.IsWildcard).Select(p => p.Domain), StringComparer.Ordinal);
        foreach (var pattern in patterns.Where(p => !p.IsWildcard))
        {
            var dot = pattern.Value.IndexOf('.');
            if (dot > 0 && wildcardDomains.Contains(pattern.Value.Substring(dot + 1)))
            {
                var (item, index) = seen[pattern.Value];
                context.Report(Messages.Covered, item.Span, new ConfigField(ConfigField.Mx, index), UserText.Quoted(item.Value), pattern.Value.Substring(dot + 1));
            }
        }

        if (mode is PolicyMode.None)
        {
            context.Report(Messages.MxIgnoredWithNone, config.Mx!.Span, ConfigField.Mx);
        }

        return patterns;
    }

    /// <summary>The diagnostic code of each mx problem in a configuration (the message is the same as the linter's).</summary>
    private static DiagnosticDescriptor MxDescriptor(ValueProblemKind? kind) => kind switch
    {
        ValueProblemKind.PartialWildcard => DiagnosticDescriptors.InvalidMxWildcard,
        ValueProblemKind.TrailingDot => DiagnosticDescriptors.MxTrailingDot,
        ValueProblemKind.IpAddress => DiagnosticDescriptors.MxIsIpAddress,
        ValueProblemKind.LabelTooLong or ValueProblemKind.NameTooLong => DiagnosticDescriptors.MxTooLong,
        _ => DiagnosticDescriptors.InvalidMxPattern,
    };

    private static MxPattern? ValidateMxPattern(ConfigScalar item, ConfigField field, Context context)
    {
        var parsed = MxPattern.Parse(item.Value, Strictness.Config);
        if (!context.Accept(item, parsed, ValueSubject.Mx, MxDescriptor(parsed.Problem?.Kind), field))
        {
            return null;
        }

        var pattern = parsed.Value;
        if (pattern.IsWildcard && (pattern.Domain.IndexOf('.') < 0 || MultiLabelPublicSuffixes.Contains(pattern.Domain)))
        {
            // RFC 8461 §10.4: a broad pattern lets any host in that zone with a valid certificate act as your MX.
            context.Report(Messages.WildcardUnderSuffix, item.Span, field, UserText.Quoted(item.Value), pattern.Domain);
        }

        return pattern;
    }

    private static long? ValidateMaxAge(PolicyConfig config, PolicyMode? mode, Context context)
    {
        if (config.MaxAge is not { } maxAge)
        {
            return DefaultMaxAge;
        }

        var parsed = MaxAge.Parse(maxAge.Value, Strictness.Config);
        var descriptor = parsed.Problem?.Kind == ValueProblemKind.OutOfRange ? DiagnosticDescriptors.MaxAgeOutOfRange : DiagnosticDescriptors.InvalidMaxAge;
        if (!context.Accept(maxAge, parsed, ValueSubject.MaxAge, descriptor, ConfigField.MaxAge))
        {
            return null;
        }

        var seconds = parsed.Value;
        if (mode is PolicyMode.Enforce && seconds < OneDay)
        {
            context.Report(Messages.ShortMaxAge, maxAge.Span, ConfigField.MaxAge, Duration.Describe(seconds));
        }

        return seconds;
    }

    private sealed record IdSetting(string Kind, string? Literal);

    private static IdSetting? ValidateIdSetting(PolicyConfig config, ValidationOptions options, Context context)
    {
        if (options.IdOverride is { } overrideValue)
        {
            return ParseIdSetting(new ConfigScalar(overrideValue), "The id override", context);
        }

        return config.Id is { } id ? ParseIdSetting(id, null, context) : new IdSetting(PolicyId.Auto, null);
    }

    private static IdSetting? ParseIdSetting(ConfigScalar id, string? name, Context context)
    {
        var value = id.Value.Trim();
        if (value == PolicyId.Auto || value == PolicyId.Timestamp)
        {
            return new IdSetting(value, null);
        }

        var parsed = PolicyId.Parse(id.Value, Strictness.Config);
        return context.Accept(id, parsed, ValueSubject.Id, DiagnosticDescriptors.InvalidId, ConfigField.Id, name) ? new IdSetting("literal", parsed.Value) : null;
    }

    private static string ResolveId(IdSetting setting, string domain, string policyText, ValidationOptions options, Dictionary<string, string>? autoIds)
    {
        switch (setting.Kind)
        {
            case PolicyId.Auto when autoIds is null:
                return PolicyId.FromPolicyText(policyText);
            case PolicyId.Auto:
                if (!autoIds.TryGetValue(policyText, out var id))
                {
                    id = PolicyId.FromPolicyText(policyText);
                    autoIds.Add(policyText, id);
                }

                return id;
            case PolicyId.Timestamp:
                // Keep the previous timestamp while the policy is unchanged: a new id makes every sender refetch.
                if (options.PreviousState is { } state && state.IsFor(policyText))
                {
                    return state.Id;
                }

                if (Output.PolicyIdState.Find(options.PreviousStates, domain, policyText) is { } kept)
                {
                    return kept.Id;
                }

                if (options.PreviousPolicyText == policyText && PolicyId.IsValid(options.PreviousPolicyId))
                {
                    return options.PreviousPolicyId!;
                }

                return PolicyId.FromTime(options.Now ?? DateTimeOffset.UtcNow);
            default:
                return setting.Literal!;
        }
    }

    private static List<string>? ValidateTlsRpt(PolicyConfig config, Context context)
    {
        if (config.TlsRptRua is not { } rua)
        {
            return null;
        }

        if (rua.Items.Count == 0)
        {
            context.Report(Messages.RuaRequired, rua.Span.IsNone ? config.TlsRptSpan : rua.Span, ConfigField.TlsRptRua);
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < rua.Items.Count; i++)
        {
            var item = rua.Items[i];
            var parsed = RuaUri.Parse(item.Value, Strictness.Config);
            if (context.Accept(item, parsed, ValueSubject.Rua, DiagnosticDescriptors.InvalidRua, new ConfigField(ConfigField.TlsRptRua, i)) && !result.Contains(parsed.Value))
            {
                result.Add(parsed.Value);
            }
        }

        return result;
    }

    private static int? ValidateTtl(PolicyConfig config, Context context)
    {
        if (config.Ttl is not { } ttl)
        {
            return null;
        }

        if (!Duration.TryParseSeconds(ttl.Value.Trim(), out var seconds) || seconds > MaxTtl)
        {
            context.Report(Messages.Ttl, ttl.Span, ConfigField.Ttl, UserText.Quoted(ttl.Value));
            return null;
        }

        return (int)seconds;
    }

    private sealed class Context(string? file, List<Diagnostic> diagnostics)
    {
        public void Report(DiagnosticMessage message, SourceSpan span, ConfigField field, params object?[] args) =>
            diagnostics.Add(message.Create(span, file, field, args));

        private void Report(DiagnosticDescriptor descriptor, string message, SourceSpan span, ConfigField field) =>
            diagnostics.Add(descriptor.Create(message, span, file, field));

        /// <summary>True when the value parsed; otherwise reports its problem in the words the linters use too.</summary>
        public bool Accept<T>(ConfigScalar value, Parsed<T> parsed, ValueSubject subject, DiagnosticDescriptor descriptor, ConfigField field, string? name = null)
        {
            if (parsed.Problem is { } problem)
            {
                Report(descriptor, ValueMessages.Describe(subject, value.Value, problem, Strictness.Config, name), value.Span, field);
                return false;
            }

            return true;
        }
    }
}
