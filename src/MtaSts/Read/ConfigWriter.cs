using System.Globalization;
using System.Text;

namespace MtaSts.Configuration;

/// <summary>
/// Writes a <see cref="PolicyConfig"/> as a commented <c>mta-sts.yaml</c> (for <c>mta-sts init</c> and the web
/// generator's download). Values are written exactly as given, quoted whenever a plain YAML scalar could be read
/// differently, so <see cref="ConfigReader"/> reads back the same strings. The writer does not validate: run
/// <see cref="Policy.Validator"/> first. Comments are fixed ASCII text; user values never appear in them, so a value
/// cannot break out of its line.
/// </summary>
public static class ConfigWriter
{
    /// <summary>The JSON schema editors (yaml-language-server) use for completion and checks.</summary>
    public const string SchemaUrl = "https://raw.githubusercontent.com/mtasts-build/MtaSts.Build/main/schema/mta-sts.schema.json";

    /// <summary>The first line of every file written: tells YAML editors where the schema is.</summary>
    public const string SchemaComment = "# yaml-language-server: $schema=" + SchemaUrl;

    /// <summary>The configuration as YAML text: UTF-8 when saved, LF line endings, comments explaining each key.</summary>
    public static string Write(PolicyConfig config)
    {
        if (config is null)
        {
            throw new ArgumentNullException(nameof(config));
        }

        var w = new Writer();
        w.Line(SchemaComment);
        w.Line("#");
        w.Line("# MTA-STS (RFC 8461) for one mail domain. MtaSts.Build turns this file into the policy file");
        w.Line("# served at https://mta-sts.<domain>/.well-known/mta-sts.txt, the DNS TXT records and a zone");
        w.Line("# snippet: run 'mta-sts generate', or build with the MtaSts.Build package.");
        w.Blank();

        w.Line("# The mail domain: the part after '@' in your addresses (not the mta-sts.<domain> host).");
        w.Line("# Internationalized names are allowed; they are published in A-label (xn--) form.");
        w.Scalar("domain", config.Domain, "example.com");
        w.Blank();

        PolicyKeys(w, config);
        return w.ToString();
    }

    /// <summary>
    /// The multi-domain form (<c>mta-sts init</c> with more than one <c>--domain</c>): the values of
    /// <paramref name="defaults"/> under <c>defaults:</c>, with the same comments as the single-domain form, and each
    /// domain under <c>domains:</c> with no overrides (<c>{}</c>). <paramref name="defaults"/>.Domain is not written.
    /// </summary>
    public static string Write(PolicyConfig defaults, IReadOnlyList<ConfigScalar> domains)
    {
        if (defaults is null || domains is null)
        {
            throw new ArgumentNullException(defaults is null ? nameof(defaults) : nameof(domains));
        }

        var w = new Writer();
        w.Line(SchemaComment);
        w.Line("#");
        w.Line("# MTA-STS (RFC 8461) for several mail domains. MtaSts.Build turns this file into each domain's");
        w.Line("# policy file, served at https://mta-sts.<domain>/.well-known/mta-sts.txt, its DNS TXT records and");
        w.Line("# its zone snippet: run 'mta-sts generate', or build with the MtaSts.Build package.");
        w.Blank();
        w.Line("# Shared by every domain below; a domain's own block overrides any of these keys.");
        w.Line("defaults:");
        w.Prefix = "  ";
        PolicyKeys(w, defaults);
        w.Prefix = "";
        w.Blank();
        w.Line("# The mail domains: the part after '@' in your addresses (not the mta-sts.<domain> hosts). Each");
        w.Line("# takes the defaults above and may override any of them, e.g. 'example.org: { mode: enforce }'.");
        w.Line("# Internationalized names are allowed; they are published in A-label (xn--) form.");
        w.Line("domains:");
        foreach (var domain in domains)
        {
            w.Line("  " + Quote(domain.Value) + ": {}");
        }

        return w.ToString();
    }

    /// <summary>Every key but the domain, each with its comment.</summary>
    private static void PolicyKeys(Writer w, PolicyConfig config)
    {
        w.Line("# What sending servers do when they cannot deliver over verified TLS (RFC 8461 section 5):");
        w.Line("#   testing  deliver anyway, and report the failure through TLS-RPT (tls_rpt below)");
        w.Line("#   enforce  do not deliver to MX hosts that fail 'mx' matching or certificate checks");
        w.Line("#   none     withdraw a published policy (RFC 8461 section 8.3)");
        w.Line("# Roll out with 'testing', read the TLS-RPT reports for a few weeks until they show no");
        w.Line("# failures, then switch to 'enforce' and raise max_age.");
        w.Scalar("mode", config.Mode, "testing");
        w.Blank();

        w.Line("# The host names your MX records point to. Every MX host must match one pattern and present");
        w.Line("# a certificate valid for its name. A wildcard is the whole left-most label and matches exactly");
        w.Line("# one label: \"*.mail.example.com\" matches mx1.mail.example.com. Quote it: '*' starts an alias.");
        w.List("mx", config.Mx, "mx1.example.com");
        w.Blank();

        w.Line("# How long senders cache the policy: seconds, or a number with s, m, h, d or w; at most 365d.");
        w.Line("# Keep it short (1w or less) while testing; use several weeks once in 'enforce'");
        w.Line("# (RFC 8461 section 10.2). Default 1w.");
        w.Scalar("max_age", config.MaxAge, "1w");
        w.Blank();

        w.Line("# The id in the _mta-sts TXT record; senders refetch the policy when it changes.");
        w.Line("#   auto       (default) a hash of the policy text: changes exactly when the policy does");
        w.Line("#   timestamp  the UTC time of the change, kept while the policy stays the same in a .id");
        w.Line("#              file of this file's name (mta-sts.id): commit it, so a clean checkout keeps it");
        w.Line("#   or 1 to 32 letters and digits of your own");
        w.Scalar("id", config.Id, "auto");
        w.Blank();

        w.Line("# TLS-RPT (RFC 8460): where senders send daily reports about TLS failures, as mailto: or");
        w.Line("# https: URIs. Strongly recommended, above all while in 'testing'. Publishes _smtp._tls.<domain>.");
        if (config.TlsRptRua is { } rua)
        {
            w.Line("tls_rpt:");
            w.List("  rua", rua, "mailto:tlsrpt@example.com", indent: "    ");
        }
        else
        {
            w.Line("# tls_rpt:");
            w.Line("#   rua:");
            w.Line("#     - mailto:tlsrpt@example.com");
        }

        w.Blank();
        w.Line("# TTL of the DNS records: seconds or a duration. Default 3600 (1h).");
        w.Scalar("ttl", config.Ttl, "3600");
    }

    /// <summary>A YAML scalar for <paramref name="value"/>: plain when that is unambiguous, double-quoted otherwise.</summary>
    public static string Quote(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        return IsPlainSafe(value) ? value : DoubleQuoted(value);
    }

    /// <summary>
    /// Conservative: an ASCII letter or digit first, then only characters with no meaning to YAML in a block context.
    /// Everything else ('*' alias, '&amp;' anchor, '#' comment, ': ' mapping, '-' and '?' indicators, quotes,
    /// brackets, spaces, non-ASCII) is quoted, as are words other YAML readers take for null or a boolean.
    /// </summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !IsAsciiLetterOrDigit(value[0]) || value[value.Length - 1] == ':')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAsciiLetterOrDigit(c) && "._-/@+=:~".IndexOf(c) < 0)
            {
                return false;
            }
        }

        switch (value.ToLowerInvariant())
        {
            case "null":
            case "true":
            case "false":
            case "yes":
            case "no":
            case "on":
            case "off":
            case "y":
            case "n":
                return false;
            default:
                return true;
        }
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (NeedsEscape(c))
                    {
                        // Controls, YAML's extra line breaks (NEL, LS, PS), BOM, non-characters and lone surrogates
                        // would end or corrupt the line: escape them so the file keeps its structure.
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    private sealed class Writer
    {
        private readonly StringBuilder text = new();

        /// <summary>Put before every line but blank ones: the indentation of the <c>defaults:</c> block.</summary>
        public string Prefix { get; set; } = "";

        public void Line(string line) => text.Append(Prefix).Append(line).Append('\n');

        public void Blank() => text.Append('\n');

        /// <summary><c>key: value</c>, or a commented example when the key is absent.</summary>
        public void Scalar(string key, ConfigScalar? value, string example)
        {
            if (value is null)
            {
                Line("# " + key + ": " + example);
            }
            else
            {
                Line(key + ": " + Quote(value.Value));
            }
        }

        /// <summary>A block sequence (one item a line), <c>[]</c> when empty, or a commented example when absent.</summary>
        public void List(string key, ConfigList? list, string example, string indent = "  ")
        {
            if (list is null)
            {
                Line("# " + key.TrimStart() + ":");
                Line("# " + indent + "- " + example);
            }
            else if (list.Items.Count == 0)
            {
                Line(key + ": []");
            }
            else
            {
                Line(key + ":");
                foreach (var item in list.Items)
                {
                    Line(indent + "- " + Quote(item.Value));
                }
            }
        }

        public override string ToString() => text.ToString();
    }
}
