using System.Globalization;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Dns;

namespace MtaSts.Policy;

/// <summary>
/// Checks a <see cref="PolicyConfig"/> against RFC 8461 and RFC 8460 and, when there is no error, builds the normalized
/// <see cref="Deployment"/>. Every problem is reported at once; nothing throws for user mistakes.
/// </summary>
public static class Validator
{
    /// <summary>RFC 1035 §2.3.4 / RFC 2181 §8: a TTL is 0 to 2^31 - 1 seconds.</summary>
    public const long MaxTtl = int.MaxValue;

    public const long DefaultMaxAge = 604_800;

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

    public static ValidationResult Validate(PolicyConfig config, ValidationOptions? options = null, string? file = null)
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

        var policy = new Policy(mode.Value, mx, maxAge.Value);
        var text = policy.ToText();
        if (text.Length > Policy.MaxPolicyBytes)
        {
            context.Report(DiagnosticDescriptors.PolicyTooLarge,
                $"The policy file would be {text.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes; senders may refuse policies over 64 KB (RFC 8461 §3.3). Use wildcard patterns to shorten the mx list.",
                config.Mx?.Span ?? config.Span, "mx");
            return new ValidationResult(diagnostics, null);
        }

        var id = ResolveId(idSetting, text, options);
        var deployment = new Deployment(
            domain,
            policy,
            new StsTxtRecord(id),
            rua is { Count: > 0 } ? new TlsRptRecord(rua) : null,
            ttl ?? Deployment.DefaultTtl);
        return new ValidationResult(diagnostics, deployment);
    }

    /// <summary>
    /// CR, LF and other controls in a value would let it inject lines into the policy file, the zone snippet or the
    /// messages. Checked before anything else, for every host (file, command line, web form).
    /// </summary>
    private static bool RejectControlCharacters(PolicyConfig config, Context context)
    {
        var values = new List<(ConfigScalar Value, string Field)>();
        void Add(ConfigScalar? value, string field)
        {
            if (value is not null)
            {
                values.Add((value, field));
            }
        }

        Add(config.Domain, "domain");
        Add(config.Mode, "mode");
        for (var i = 0; i < (config.Mx?.Items.Count ?? 0); i++)
        {
            Add(config.Mx!.Items[i], $"mx[{i}]");
        }

        Add(config.MaxAge, "max_age");
        Add(config.Id, "id");
        for (var i = 0; i < (config.TlsRptRua?.Items.Count ?? 0); i++)
        {
            Add(config.TlsRptRua!.Items[i], $"tls_rpt.rua[{i}]");
        }

        Add(config.Ttl, "ttl");
        var ok = true;
        foreach (var (value, field) in values)
        {
            var at = IndexOfLineBreaking(value.Value);
            if (at >= 0)
            {
                var control = value.Value[at];
                context.Report(DiagnosticDescriptors.ControlCharacter,
                    $"'{field}' contains the control character U+{(int)control:X4}. Values must be a single line of text.", value.Span, field);
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
            context.Report(DiagnosticDescriptors.MissingKey,
                "'domain' is required: the mail domain the policy is for, e.g. 'domain: example.com'.", config.Span, "domain");
            return null;
        }

        var value = domain.Value.Trim();
        if (value.EndsWith(".", StringComparison.Ordinal) && value.Length > 1)
        {
            // A fully qualified name with its root dot means the same domain.
            value = value.Substring(0, value.Length - 1);
        }

        var error = HostName.TryNormalize(value, out var normalized, out var detail);
        if (error == HostNameError.None && normalized.IndexOf('.') < 0)
        {
            error = HostNameError.SingleLabel;
        }

        if (error != HostNameError.None)
        {
            context.Report(DiagnosticDescriptors.InvalidDomain,
                $"'{domain.Value}' is not a valid domain: {HostName.Describe(error, detail)}.", domain.Span, "domain");
            return null;
        }

        if (normalized.StartsWith("mta-sts.", StringComparison.Ordinal) || normalized.StartsWith("_mta-sts.", StringComparison.Ordinal))
        {
            var mailDomain = normalized.Substring(normalized.IndexOf('.') + 1);
            context.Report(DiagnosticDescriptors.DomainIsPolicyHost,
                $"'domain' is the mail domain (the part after '@'), not the host that serves the policy. This publishes a policy for mail to '@{normalized}'; for mail to '@{mailDomain}' write 'domain: {mailDomain}'.",
                domain.Span, "domain");
        }

        return normalized;
    }

    private static PolicyMode? ValidateMode(PolicyConfig config, Context context)
    {
        if (config.Mode is not { } mode)
        {
            context.Report(DiagnosticDescriptors.MissingKey,
                "'mode' is required: 'testing' to start (failures are only reported), then 'enforce'; 'none' to withdraw a policy.", config.Span, "mode");
            return null;
        }

        if (PolicyModeExtensions.TryParse(mode.Value.Trim(), out var parsed))
        {
            return parsed;
        }

        var lower = mode.Value.Trim().ToLowerInvariant();
        if (PolicyModeExtensions.TryParse(lower, out _))
        {
            // RFC 8461 §3.2: sts-policy-mode-value is case-sensitive (%s"enforce").
            context.Report(DiagnosticDescriptors.ModeWrongCase,
                $"Mode '{mode.Value}' must be written in lower case: '{lower}'. Senders compare it case-sensitively (RFC 8461 §3.2).", mode.Span, "mode");
            return null;
        }

        var suggestion = Suggestions.Closest(mode.Value, PolicyModeExtensions.Keywords);
        var hint = suggestion is not null ? $"Did you mean '{suggestion}'?" : "Use 'testing', 'enforce' or 'none'.";
        context.Report(DiagnosticDescriptors.InvalidMode, $"'{mode.Value}' is not a policy mode. {hint}", mode.Span, "mode");
        return null;
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
            context.Report(DiagnosticDescriptors.MissingMx,
                "'mx' needs at least one MX host pattern, e.g. 'mx: [mail.example.com]': the host names your MX records point to (wildcards like '*.example.com' allowed).",
                config.Mx?.Span ?? config.Span, "mx");
            return null;
        }

        var ok = true;
        var seen = new Dictionary<string, (ConfigScalar Item, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"mx[{i}]";
            var pattern = ValidateMxPattern(item, field, context);
            if (pattern is null)
            {
                ok = false;
                continue;
            }

            if (seen.TryGetValue(pattern.Value, out var firstSeen))
            {
                var first = firstSeen.Item;
                context.Report(DiagnosticDescriptors.DuplicateMxPattern,
                    $"'{item.Value}' is listed twice{(first.Span.IsNone ? "" : $" (first at line {first.Span.Line})")}; the duplicate is dropped.", item.Span, field);
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
                context.Report(DiagnosticDescriptors.MxCoveredByWildcard,
                    $"'{item.Value}' is already matched by '*.{pattern.Value.Substring(dot + 1)}'. Remove one of them.", item.Span, $"mx[{index}]");
            }
        }

        if (mode is PolicyMode.None)
        {
            context.Report(DiagnosticDescriptors.MxWithModeNone,
                "With 'mode: none' senders ignore the mx patterns (RFC 8461 §5). They are still published; remove them if you are withdrawing MTA-STS.",
                config.Mx!.Span, "mx");
        }

        return patterns;
    }

    private static MxPattern? ValidateMxPattern(ConfigScalar item, string field, Context context)
    {
        var value = item.Value.Trim();
        var isWildcard = value.StartsWith("*.", StringComparison.Ordinal);
        var domain = isWildcard ? value.Substring(2) : value;

        if (domain.IndexOf('*') >= 0 || value == "*")
        {
            // RFC 8461 §3.2/§4.1: only "*." followed by a domain; the wildcard is the whole left-most label.
            context.Report(DiagnosticDescriptors.InvalidMxWildcard,
                $"'{item.Value}': a wildcard may only be the whole left-most label, as in '*.example.com'; partial ('mx*.example.com') and inner wildcards are not allowed (RFC 8461 §4.1).",
                item.Span, field);
            return null;
        }

        if (domain.EndsWith(".", StringComparison.Ordinal))
        {
            context.Report(DiagnosticDescriptors.MxTrailingDot,
                $"'{item.Value}' ends with a dot. Policy mx values are written without the root dot: '{value.TrimEnd('.')}'.", item.Span, field);
            return null;
        }

        if (!HostName.HasPort(domain, out _) && HostName.LooksLikeIpAddress(domain))
        {
            context.Report(DiagnosticDescriptors.MxIsIpAddress,
                $"'{item.Value}' is an IP address. mx patterns match the host names of MX records, and certificates are checked against those names (RFC 8461 §3.4, §4.1).",
                item.Span, field);
            return null;
        }

        var error = HostName.TryNormalize(domain, out var normalized, out var detail);
        if (error is HostNameError.LabelTooLong or HostNameError.NameTooLong)
        {
            context.Report(DiagnosticDescriptors.MxTooLong, $"'{item.Value}' is too long: {HostName.Describe(error, detail)}.", item.Span, field);
            return null;
        }

        if (error != HostNameError.None)
        {
            var hint = error == HostNameError.InvalidCharacter && detail == "_"
                ? " Underscores are not allowed in host names."
                : "";
            context.Report(DiagnosticDescriptors.InvalidMxPattern,
                $"'{item.Value}' is not a valid mx pattern: {HostName.Describe(error, detail)}.{hint}", item.Span, field);
            return null;
        }

        if (isWildcard && (normalized.IndexOf('.') < 0 || MultiLabelPublicSuffixes.Contains(normalized)))
        {
            // RFC 8461 §10.4: a broad pattern lets any host in that zone with a valid certificate act as your MX.
            context.Report(DiagnosticDescriptors.WildcardUnderPublicSuffix,
                $"'{item.Value}' matches hosts of every domain registered under the public suffix '{normalized}', so any of them with a valid certificate would count as your MX (RFC 8461 §10.4). Name your own domain, e.g. '*.example.{normalized}'.",
                item.Span, field);
        }

        return MxPattern.FromNormalized(isWildcard ? "*." + normalized : normalized);
    }

    private static long? ValidateMaxAge(PolicyConfig config, PolicyMode? mode, Context context)
    {
        if (config.MaxAge is not { } maxAge)
        {
            return DefaultMaxAge;
        }

        if (!Duration.TryParseSeconds(maxAge.Value.Trim(), out var seconds))
        {
            context.Report(DiagnosticDescriptors.InvalidMaxAge,
                $"'{maxAge.Value}' is not a duration. Write seconds ('604800') or a number with a unit: s, m, h, d or w ('1w', '30d').", maxAge.Span, "max_age");
            return null;
        }

        if (seconds > Policy.MaxMaxAge)
        {
            // RFC 8461 §3.2: "max_age ... maximum value of 31557600".
            context.Report(DiagnosticDescriptors.MaxAgeOutOfRange,
                $"max_age {seconds.ToString("N0", CultureInfo.InvariantCulture)} seconds is more than the maximum of 31,557,600 (about one year, RFC 8461 §3.2). Use at most '365d'.", maxAge.Span, "max_age");
            return null;
        }

        if (mode is PolicyMode.Enforce && seconds < OneDay)
        {
            context.Report(DiagnosticDescriptors.ShortMaxAgeEnforce,
                $"max_age is {Duration.Describe(seconds)}. With 'mode: enforce' a short max_age lets an attacker who blocks policy refreshes downgrade you once the cache expires; use at least a day, and weeks once stable (RFC 8461 §10.2).",
                maxAge.Span, "max_age");
        }

        return seconds;
    }

    private sealed record IdSetting(string Kind, string? Literal);

    private static IdSetting? ValidateIdSetting(PolicyConfig config, ValidationOptions options, Context context)
    {
        if (options.IdOverride is { } overrideValue)
        {
            return ParseIdSetting(new ConfigScalar(overrideValue.Trim()), "The id override", context);
        }

        return config.Id is { } id ? ParseIdSetting(id, "id", context) : new IdSetting(PolicyId.Auto, null);
    }

    private static IdSetting? ParseIdSetting(ConfigScalar id, string what, Context context)
    {
        var value = id.Value.Trim();
        if (value == PolicyId.Auto || value == PolicyId.Timestamp)
        {
            return new IdSetting(value, null);
        }

        if (PolicyId.IsValid(value))
        {
            return new IdSetting("literal", value);
        }

        var reason = value.Length > PolicyId.MaxLength
            ? $"it is {value.Length} characters long; at most {PolicyId.MaxLength} are allowed"
            : value.Length == 0 ? "it is empty" : $"'{value.First(c => !PolicyId.IsValid(c.ToString()))}' is not a letter or digit";
        context.Report(DiagnosticDescriptors.InvalidId,
            $"{(what == "id" ? "The id" : what)} '{id.Value}' is not valid: {reason}. An id is 1 to 32 letters and digits (RFC 8461 §3.1); use 'auto' (hash of the policy) or 'timestamp' (e.g. 20261128T102900Z).",
            id.Span, "id");
        return null;
    }

    private static string ResolveId(IdSetting setting, string policyText, ValidationOptions options)
    {
        switch (setting.Kind)
        {
            case PolicyId.Auto:
                return PolicyId.FromPolicyText(policyText);
            case PolicyId.Timestamp:
                // Keep the previous timestamp while the policy is unchanged: a new id makes every sender refetch.
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
            context.Report(DiagnosticDescriptors.MissingRua,
                "'tls_rpt' needs at least one reporting address in 'rua', e.g. 'rua: [mailto:tlsrpt@example.com]'.",
                rua.Span.IsNone ? config.TlsRptSpan : rua.Span, "tls_rpt.rua");
            return null;
        }

        var result = new List<string>();
        var unique = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rua.Items.Count; i++)
        {
            var item = rua.Items[i];
            var value = item.Value.Trim();
            var problem = RuaUri.Check(value);
            if (problem is not null)
            {
                context.Report(DiagnosticDescriptors.InvalidRua, $"'{item.Value}' is not a valid TLS-RPT destination: {problem}", item.Span, $"tls_rpt.rua[{i}]");
                continue;
            }

            if (unique.Add(value))
            {
                result.Add(value);
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
            context.Report(DiagnosticDescriptors.InvalidTtl,
                $"'{ttl.Value}' is not a valid TTL. Write seconds ('3600') or a duration ('1h'), at most 2147483647 seconds (RFC 2181 §8).", ttl.Span, "ttl");
            return null;
        }

        return (int)seconds;
    }

    private sealed class Context(string? file, List<Diagnostic> diagnostics)
    {
        public void Report(DiagnosticDescriptor descriptor, string message, SourceSpan span, string field) =>
            diagnostics.Add(descriptor.Create(message, span, file, field));
    }
}
