using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using static MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Diagnostics;

/// <summary>
/// The message table: the words of every diagnostic the core reports, beside the code they are reported under, so that
/// a docs page (docs/diagnostics/MTASTSnnnn.md), a test and a translator find them in one place. Call sites choose a
/// message and pass the values of the input; they never compose words. Each message is a composite format
/// (<c>{0}</c>, <c>{1}</c>, … and <c>{{</c>/<c>}}</c> for a literal brace), the form .resx resources take, so the table
/// can become one resource file per language without changing a call site.
/// </summary>
/// <remarks>
/// One nested class per stage that reports: <see cref="Config"/> (reading mta-sts.yaml, 1xxx and 2xxx),
/// <see cref="Validate"/> (a domain's values and the whole file, 2006, 2009, 3xxx, 5xxx), <see cref="Outputs"/>
/// (4003-4005, 5007), <see cref="PolicyLint"/> (a published policy file, 60xx), <see cref="RecordLint"/> (published
/// TXT records, 61xx and 62xx), the parts the lints share (<see cref="Lint"/>), the lints' verdicts
/// (<see cref="Verdict"/>) and <see cref="Value"/> (the words about a value with a grammar of its own, which every host
/// reports under a code of its own), and in files of their own the live check (<see cref="Check"/>, 7xxx, for
/// MtaSts.Checking and the command line's <c>--ca-file</c>) and the report reader (<see cref="Report"/>, 8xxx, for
/// MtaSts.Reporting and MtaSts.Reporting.Mail): the core holds their words beside the descriptors, as both libraries
/// reference it; and what the hosts report about their own inputs and outputs (<see cref="Hosts"/>: 1006, 1007, 4001,
/// 4002, 9001 and mta-sts lint's policy file, for MtaSts.Build, its targets file and MtaSts.Cli). DiagnosticMessagesTests
/// and DocsTests hold every stage to the same rules.
/// </remarks>
public static partial class DiagnosticMessages
{
    private static readonly Regex Placeholder = new(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant);

    /// <summary>Every message, in table order (made on each call: for tests and tools, not for hot paths).</summary>
    public static IReadOnlyList<DiagnosticMessage> All =>
        [.. Config.All, .. Validate.All, .. Outputs.All, .. PolicyLint.All, .. RecordLint.All, .. Lint.All, .. Value.All, .. Verdict.All, .. Check.All, .. Report.All, .. Hosts.All];

    /// <summary>The messages reported under <paramref name="descriptor"/> (alone or with other codes).</summary>
    public static IEnumerable<DiagnosticMessage> For(DiagnosticDescriptor descriptor) => All.Where(m => m.Descriptors.Contains(descriptor));

    /// <summary>Adds a message to <paramref name="all"/>, named <c>Code.Name</c>, or <c>Group.Name</c> for one several codes (or none) share.</summary>
    private static DiagnosticMessage Entry(List<DiagnosticMessage> all, DiagnosticDescriptor[] descriptors, string format, string name, string group)
    {
        var arguments = Placeholder.Matches(format).Cast<Match>()
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0)
            .Max();
        var message = new DiagnosticMessage(descriptors, (descriptors.Length == 1 ? descriptors[0].Code : group) + "." + name, format, arguments);
        all.Add(message);
        return message;
    }

    /// <summary>Reading mta-sts.yaml: the file (1xxx) and its YAML structure (2xxx).</summary>
    public static class Config
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        // MTASTS1001. {0}: the path.
        public static readonly DiagnosticMessage FileNotFound = Message(ConfigFileNotFound,
            "The configuration file '{0}' does not exist. Create it with 'mta-sts init --domain example.com --mx mail.example.com'.");

        // MTASTS1002. {0}: the path; {1}: why the system refused it.
        public static readonly DiagnosticMessage IsDirectory = Message(ConfigFileUnreadable,
            "'{0}' is a directory. Give the path of the mta-sts.yaml file.");
        public static readonly DiagnosticMessage Unreadable = Message(ConfigFileUnreadable,
            "The configuration file '{0}' cannot be read: {1}");

        // MTASTS1003. {0}: the size in bytes; {1}: the limit.
        public static readonly DiagnosticMessage FileTooLarge = Message(ConfigFileTooLarge,
            "The configuration file is {0} bytes; at most {1} are read. An mta-sts.yaml is a few lines: check that this is the right file.");
        public static readonly DiagnosticMessage BytesTooLarge = Message(ConfigFileTooLarge,
            "The configuration is {0} bytes; at most {1} are read.");
        public static readonly DiagnosticMessage TextTooLarge = Message(ConfigFileTooLarge,
            "The configuration is larger than {0} bytes.");

        // MTASTS1004.
        public static readonly DiagnosticMessage Empty = Message(ConfigFileEmpty,
            "The configuration is empty. It needs at least 'domain', 'mode' and 'mx'; 'mta-sts init' writes a starting point.");
        public static readonly DiagnosticMessage OnlyComments = Message(ConfigFileEmpty,
            "The configuration has no content, only comments. It needs at least 'domain', 'mode' and 'mx'.");
        public static readonly DiagnosticMessage NullDocument = Message(ConfigFileEmpty,
            "The configuration is empty. It needs at least 'domain', 'mode' and 'mx'.");

        // MTASTS1005.
        public static readonly DiagnosticMessage NotUtf8 = Message(ConfigFileNotUtf8,
            "The configuration file is not valid UTF-8. Save it as UTF-8.");

        // MTASTS2001. {0}: YamlDotNet's words.
        public static readonly DiagnosticMessage Syntax = Message(YamlSyntax,
            "The YAML is not valid: {0}");
        public static readonly DiagnosticMessage Nul = Message(YamlSyntax,
            "The YAML is not valid: it contains a NUL character (U+0000). Save the file as plain UTF-8 text.");
        public static readonly DiagnosticMessage TagNotUri = Message(YamlSyntax,
            "The YAML is not valid: a tag ('!…') after this point is not a valid URI. mta-sts.yaml needs no tags: remove it.");
        public static readonly DiagnosticMessage FlowNotClosed = Message(YamlSyntax,
            "The YAML is not valid: this '[' or '{{' is not closed.");

        // MTASTS2002.
        public static readonly DiagnosticMessage RootNotMap = Message(RootNotMapping,
            "The configuration must be a mapping of keys to values, e.g. 'domain: example.com' on its own line.");

        // MTASTS2003. {0}: the key with its parents ('tls_rpt.ruaa'); {1}: one of the hints below.
        public static readonly DiagnosticMessage Unknown = Message(UnknownKey,
            "Unknown key '{0}'. {1}");
        public static readonly DiagnosticMessage UnknownSuggestion = Message(UnknownKey,
            "Did you mean '{0}'?");
        public static readonly DiagnosticMessage UnknownKnownKeys = Message(UnknownKey,
            "Known keys: {0}.");
        public static readonly DiagnosticMessage UnknownDomainInBlock = Message(UnknownKey,
            "In the multi-domain form each domain is a key under 'domains:', and its block holds only the values it overrides.");

        // MTASTS2004. {0}: the key; {1}: the line of the first one.
        public static readonly DiagnosticMessage Duplicate = Message(DuplicateKey,
            "'{0}' is already set at line {1}. Keep one of them.");

        // MTASTS2005. {0}: the key; {1}: the YAML kind written instead ('value', 'list', 'mapping').
        public static readonly DiagnosticMessage KeyNotWord = Message(WrongType,
            "A key must be a plain word such as 'mode'.");
        public static readonly DiagnosticMessage NoValue = Message(WrongType,
            "'{0}' has no value.");
        public static readonly DiagnosticMessage NotSingleValue = Message(WrongType,
            "'{0}' must be a single value, not a {1}.");
        public static readonly DiagnosticMessage NotList = Message(WrongType,
            "'{0}' must be a list, e.g. [mx1.example.com, mx2.example.com], not a mapping.");
        public static readonly DiagnosticMessage ListEntryNotSingleValue = Message(WrongType,
            "Each entry of '{0}' must be a single value.");
        public static readonly DiagnosticMessage TlsRptNotMapping = Message(WrongType,
            "'tls_rpt' must be a mapping with a 'rua' list, e.g. 'tls_rpt: {{rua: [mailto:tlsrpt@example.com]}}'.");
        public static readonly DiagnosticMessage DefaultsNotMapping = Message(WrongType,
            "'defaults' must be a mapping of the values every domain shares, e.g. 'defaults: {{mode: enforce, mx: [mx1.example.com]}}'.");
        public static readonly DiagnosticMessage DomainsNotMapping = Message(WrongType,
            "'domains' must be a mapping of each mail domain to its overrides, e.g. 'example.com: {{}}' on its own line under 'domains:', not a {0}.");
        public static readonly DiagnosticMessage DomainKeyNotDomain = Message(WrongType,
            "Each key under 'domains' must be a mail domain such as 'example.com'.");
        public static readonly DiagnosticMessage OverridesNotMapping = Message(WrongType,
            "The overrides of a domain must be a mapping, e.g. '{{mode: testing}}', or '{{}}' for none; not a {0}.");
        public static readonly DiagnosticMessage TooDeep = Message(WrongType,
            "The YAML is nested too deeply. mta-sts.yaml uses at most two levels.");

        // MTASTS2006.
        public static readonly DiagnosticMessage NoDomains = Message(MissingKey,
            "'domains' lists no domain. Add each mail domain with its overrides, or '{{}}' for none, e.g. 'domains: {{example.com: {{}}, example.org: {{mode: testing}}}}'.");

        // MTASTS2007. {0}: the alias name; {1}: one of the hints below.
        public static readonly DiagnosticMessage Alias = Message(AliasNotAllowed,
            "YAML aliases ('*{0}') are not supported.{1}");
        public static readonly DiagnosticMessage AliasUnquotedWildcard = Message(AliasNotAllowed,
            " A wildcard mx pattern must be quoted: \"*{0}\".");
        public static readonly DiagnosticMessage AliasWriteOut = Message(AliasNotAllowed,
            " Write the value out in full.");

        // MTASTS2008.
        public static readonly DiagnosticMessage SecondDocument = Message(MultipleDocuments,
            "The file holds more than one YAML document ('---'). Put one configuration in the file.");

        // MTASTS2010. {0}: the domain, quoted, or TheDomain when it is not a scalar.
        public static readonly DiagnosticMessage DomainWithDomains = Message(MixedConfigForms,
            "'domain' (the single-domain form) cannot be used together with 'domains'. List {0} under 'domains:' instead and remove this line.");
        public static readonly DiagnosticMessage TheDomain = Message(MixedConfigForms,
            "the domain");
        // MTASTS2010. {0}: the key.
        public static readonly DiagnosticMessage PolicyKeyWithDomains = Message(MixedConfigForms,
            "'{0}' at the top level is not read when 'domains' lists the domains. Move it under 'defaults:' to share it with every domain, or into one domain's block.");
        public static readonly DiagnosticMessage DefaultsWithoutDomains = Message(MixedConfigForms,
            "'defaults' belongs to the multi-domain form and needs 'domains:' with the domains it applies to. With one domain, write its values at the top level next to 'domain:'.");
    }

    /// <summary>Validating a domain's configuration (2006, 2009, 3xxx, 5xxx) and the whole file (3017).</summary>
    public static class Validate
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        // MTASTS2006.
        public static readonly DiagnosticMessage DomainRequired = Message(MissingKey,
            "'domain' is required: the mail domain the policy is for, e.g. 'domain: example.com'.");
        public static readonly DiagnosticMessage ModeRequired = Message(MissingKey,
            "'mode' is required: 'testing' to start (failures are only reported), then 'enforce'; 'none' to withdraw a policy.");

        // MTASTS2009. {0}: the key; {1}: the character as U+XXXX.
        public static readonly DiagnosticMessage Control = Message(ControlCharacter,
            "'{0}' contains the control character {1}. Values must be a single line of text.");

        // MTASTS3004.
        public static readonly DiagnosticMessage MxRequired = Message(MissingMx,
            "'mx' needs at least one MX host pattern, e.g. 'mx: [mail.example.com]': the host names your MX records point to (wildcards like '*.example.com' allowed).");

        // MTASTS3014. {0}: the value, quoted.
        public static readonly DiagnosticMessage Ttl = Message(InvalidTtl,
            "{0} is not a valid TTL. Write seconds ('3600') or a duration ('1h'), at most 2147483647 seconds (RFC 2181 §8).");

        // MTASTS3015. {0}: the size in bytes.
        public static readonly DiagnosticMessage TooLarge = Message(PolicyTooLarge,
            "The policy file would be {0:N0} bytes; senders may refuse policies over 64 KB (RFC 8461 §3.3). Use wildcard patterns to shorten the mx list.");

        // MTASTS3016.
        public static readonly DiagnosticMessage RuaRequired = Message(MissingRua,
            "'tls_rpt' needs at least one reporting address in 'rua', e.g. 'rua: [mailto:tlsrpt@example.com]'.");

        // MTASTS3017. {0}: the domain, quoted; {1}: SameDomainAs or empty; {2}: the line of the first; {3}: the A-label.
        public static readonly DiagnosticMessage ListedTwice = Message(DuplicateDomain,
            "{0} is listed twice: it is the same domain{1} at line {2} ({3}; case, a final dot and Unicode or A-label spelling do not make another domain). Keep one entry and merge their overrides.");
        public static readonly DiagnosticMessage SameDomainAs = Message(DuplicateDomain,
            " as {0}");

        // MTASTS5001. {0}: max_age in words.
        public static readonly DiagnosticMessage ShortMaxAge = Message(ShortMaxAgeEnforce,
            "max_age is {0}. With 'mode: enforce' a short max_age lets an attacker who blocks policy refreshes downgrade you once the cache expires; use at least a day, and weeks once stable (RFC 8461 §10.2).");

        // MTASTS5002. {0}: the pattern, quoted; {1}: FirstAtLine or empty.
        public static readonly DiagnosticMessage MxListedTwice = Message(DuplicateMxPattern,
            "{0} is listed twice{1}; the duplicate is dropped.");
        public static readonly DiagnosticMessage FirstAtLine = Message(DuplicateMxPattern,
            " (first at line {0})");

        // MTASTS5003. {0}: the pattern, quoted; {1}: the public suffix.
        public static readonly DiagnosticMessage WildcardUnderSuffix = Message(WildcardUnderPublicSuffix,
            "{0} matches hosts of every domain registered under the public suffix '{1}', so any of them with a valid certificate would count as your MX (RFC 8461 §10.4). Name your own domain, e.g. '*.example.{1}'.");

        // MTASTS5004.
        public static readonly DiagnosticMessage MxIgnoredWithNone = Message(MxWithModeNone,
            "With 'mode: none' senders ignore the mx patterns (RFC 8461 §5). They are still published; remove them if you are withdrawing MTA-STS.");

        // MTASTS5005. {0}: the pattern, quoted; {1}: the wildcard's parent domain.
        public static readonly DiagnosticMessage Covered = Message(MxCoveredByWildcard,
            "{0} is already matched by '*.{1}'. Remove one of them.");

        // MTASTS5006. {0}: the domain as given, normalized; {1}: the mail domain.
        public static readonly DiagnosticMessage PolicyHostGiven = Message(DomainIsPolicyHost,
            "'domain' is the mail domain (the part after '@'), not the host that serves the policy. This publishes a policy for mail to '@{0}'; for mail to '@{1}' write 'domain: {1}'.");
    }

    /// <summary>Choosing and planning the outputs (4003-4005, 5007).</summary>
    public static class Outputs
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor[] descriptors, string format, [CallerMemberName] string name = "") =>
            Entry(All, descriptors, format, name, nameof(Outputs));

        // MTASTS4003, MTASTS4004. {0}: the name given; {1}: what it should be (a …Noun); {2}: DidYouMean or empty;
        // {3}: what the list is of (a …Nouns); {4}: the names.
        public static readonly DiagnosticMessage UnknownName = Message([UnknownDnsFormat, UnknownServer],
            "'{0}' is not {1}.{2} The {3} are: {4}.");
        public static readonly DiagnosticMessage DidYouMean = Message([UnknownDnsFormat, UnknownServer],
            " Did you mean '{0}'?");
        public static readonly DiagnosticMessage DnsFormatNoun = Message([UnknownDnsFormat],
            "a DNS record format");
        public static readonly DiagnosticMessage DnsFormatNouns = Message([UnknownDnsFormat],
            "formats");
        public static readonly DiagnosticMessage ServerNoun = Message([UnknownServer],
            "a web server or static host");
        public static readonly DiagnosticMessage ServerNouns = Message([UnknownServer],
            "names");

        // MTASTS4005. {0}: the target, quoted; {1}: why (Value.Host…).
        public static readonly DiagnosticMessage Cname = Message([InvalidPolicyHostCname],
            "The Policy Host CNAME target {0} is not a valid host name: {1}. Write the host name of the site that serves mta-sts.<domain>, e.g. 'policy.example.net' (RFC 1035 §2.3.4, §3.3.1).");

        // MTASTS5007. {0}: how many domains; {1}: how many policies; {2}, {4}: two domains; {3}, {5}: their modes;
        // {6}: OtherMxOrMaxAge or empty; {7}: the policy file; {8}: CopyDeleted, NotOurs or empty.
        public static readonly DiagnosticMessage Differ = Message([PoliciesDiffer],
            "The {0} domains have {1} different policies ({2}: mode {3}, {4}: mode {5}{6}), so one static file '{7}' cannot be right for every mta-sts.<domain> host and is not written.{8} Serve each host its own policy with app.MapMtaStsPolicy(), or host each mta-sts.<domain> separately ('mta-sts generate' writes one folder per domain).");
        public static readonly DiagnosticMessage OtherMxOrMaxAge = Message([PoliciesDiffer],
            ", other mx or max_age");
        public static readonly DiagnosticMessage CopyDeleted = Message([PoliciesDiffer],
            " The copy an earlier build wrote there is deleted.");
        public static readonly DiagnosticMessage NotOurs = Message([PoliciesDiffer],
            " The file that is there was not written by this build and is left as it is: delete it, or it is served for every host that MapMtaStsPolicy() does not answer.");

        // MTASTS4007. {0}: the servers asked for; {1}: the policy file.
        public static readonly DiagnosticMessage PolicyFileNotInWellKnown = Message([DiagnosticDescriptors.PolicyFileNotInWellKnown],
            "The web servers and static hosts ({0}) serve the policy from a site folder as /.well-known/mta-sts.txt, but the policy file '{1}' is not in a folder named .well-known, so nothing would be served there. Put the policy file at <site folder>/.well-known/mta-sts.txt (MtaStsPolicyFile, e.g. wwwroot\\.well-known\\mta-sts.txt: the default in a Microsoft.NET.Sdk.Web project), or ask for no server.");

        // MTASTS4006. {0}: the file's name; {1}: what is wrong (a …Problem entry, or Unreadable); {2}: the host's title;
        // {3}: the fix (a …Fix entry).
        public static readonly DiagnosticMessage SiteFileKept = Message([SiteFileNotServingPolicy],
            "Your own {0} is kept as it is (MtaSts.Build did not write it), but {1}: {2} would not serve the policy right. {3}");
        public static readonly DiagnosticMessage SiteFileUnreadable = Message([SiteFileNotServingPolicy],
            "it cannot be read or is larger than 1 MiB");

        // MTASTS4006, GitHub Pages' CNAME. {0}: the Policy Host.
        public static readonly DiagnosticMessage GitHubPagesCnameProblem = Message([SiteFileNotServingPolicy],
            "it does not name the Policy Host {0}, and a GitHub Pages site answers only for the one custom domain in its CNAME");
        public static readonly DiagnosticMessage GitHubPagesCnameFix = Message([SiteFileNotServingPolicy],
            "Put {0} in it, alone on its line, or serve the policy from another Pages site (a repository of its own) with that custom domain.");

        // MTASTS4006, Azure Static Web Apps' staticwebapp.config.json (RFC 8461 §3.3: text/plain, no redirect).
        public static readonly DiagnosticMessage AzureStaticWebAppsProblem = Message([SiteFileNotServingPolicy],
            "its first route that matches /.well-known/mta-sts.txt is not one that sets \"Content-Type\": \"text/plain\" without a redirect, rewrite or statusCode (or it has no such route, or it is not a JSON object)");
        public static readonly DiagnosticMessage AzureStaticWebAppsFix = Message([SiteFileNotServingPolicy],
            "Add this route first in its \"routes\" array: {{ \"route\": \"/.well-known/mta-sts.txt\", \"headers\": {{ \"Content-Type\": \"text/plain\" }} }}");

        // MTASTS4006, Netlify's _headers.
        public static readonly DiagnosticMessage NetlifyProblem = Message([SiteFileNotServingPolicy],
            "no rule in it sets Content-Type: text/plain for /.well-known/mta-sts.txt");
        public static readonly DiagnosticMessage NetlifyFix = Message([SiteFileNotServingPolicy],
            "Add these two lines to it: /.well-known/mta-sts.txt at the start of a line, then Content-Type: text/plain on the next line, indented by two spaces.");
    }

    /// <summary>The lint of a published policy file (60xx, RFC 8461 §3.2).</summary>
    public static class PolicyLint
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        // MTASTS6001.
        public static readonly DiagnosticMessage EmptyLastLine = Message(PolicyLineSyntax,
            "The policy ends with an empty line (a doubled line break). The grammar allows one final line break and no blank lines, so strict senders reject the policy (RFC 8461 §3.2). End the file with a single CRLF.");
        public static readonly DiagnosticMessage BlankLine = Message(PolicyLineSyntax,
            "Blank line. The grammar has no blank lines, so strict senders reject the policy (RFC 8461 §3.2). Remove it.");
        public static readonly DiagnosticMessage CommentLine = Message(PolicyLineSyntax,
            "Comment line. The policy grammar has no comments: strict senders reject the policy and lenient ones may drop lines (RFC 8461 §3.2). Remove it.");
        public static readonly DiagnosticMessage LeadingWhitespace = Message(PolicyLineSyntax,
            "The line begins with whitespace. Every field starts at the beginning of its line (RFC 8461 §3.2).");

        /// <summary>{0}: <see cref="NoColonHint"/> when the word is a known field name, else empty.</summary>
        public static readonly DiagnosticMessage NoColon = Message(PolicyLineSyntax,
            "The line is not a 'name: value' field: it has no ':' (RFC 8461 §3.2).{0}");
        public static readonly DiagnosticMessage NoColonHint = Message(PolicyLineSyntax,
            " Write '{0}: value'.");
        public static readonly DiagnosticMessage SpaceBeforeColon = Message(PolicyLineSyntax,
            "Whitespace before ':'. Write '{0}:' with the colon right after the name (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage NoFieldName = Message(PolicyLineSyntax,
            "The line begins with ':' and has no field name (RFC 8461 §3.2).");

        /// <summary>{0}: one of <see cref="Lint"/>'s name problems.</summary>
        public static readonly DiagnosticMessage InvalidFieldName = Message(PolicyLineSyntax,
            "Invalid field name: {0} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage ExtensionWithoutValue = Message(PolicyLineSyntax,
            "The field '{0}' has no value. An extension field needs one (RFC 8461 §3.2).");

        // MTASTS6002 and MTASTS6007: the requirement, given to Lint.Missing. {0}: the field; {1}: an example line.
        public static readonly DiagnosticMessage FieldRequired = Message(PolicyMissingField,
            "'{0}' is required: add '{1}'");
        public static readonly DiagnosticMessage MxRequired = Message(PolicyMissingMx,
            "At least one 'mx' field is required unless the mode is none: add '{0}'");

        // MTASTS6003. {0}: the version as written.
        public static readonly DiagnosticMessage VersionEmpty = Message(PolicyInvalidVersion,
            "'version' has no value. Write 'version: STSv1' (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage VersionCase = Message(PolicyInvalidVersion,
            "'{0}' must be written exactly 'STSv1': the version is case-sensitive (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage VersionUnknown = Message(PolicyInvalidVersion,
            "'{0}' is not a policy version. The only version is 'STSv1' (RFC 8461 §3.2).");

        // MTASTS6009.
        public static readonly DiagnosticMessage LfEndings = Message(PolicyLfLineEndings,
            "The policy uses LF line endings. The grammar allows them (sts-policy-term = LF / CRLF), but RFC 8461 §3.2 says the policy is CRLF-separated (Errata 6253 is only reported) and some validators and senders reject LF. Serve CRLF line endings.");

        // MTASTS6010. {0}: the character, shown as U+XXXX; {1}: the field name.
        public static readonly DiagnosticMessage NotUtf8 = Message(PolicyInvalidCharacters,
            "The policy is not valid UTF-8 (byte 0x{0:X2}). Only extension values may contain non-ASCII characters, and those must be UTF-8 (RFC 8461 §3.2). Save the file as ASCII.");
        public static readonly DiagnosticMessage ByteOrderMark = Message(PolicyInvalidCharacters,
            "The policy begins with a byte order mark (EF BB BF). The grammar has no place for it: the first line no longer starts with 'version', so strict senders reject the policy (RFC 8461 §3.2). Save the file as ASCII without BOM.");
        public static readonly DiagnosticMessage CharacterInName = Message(PolicyInvalidCharacters,
            "{0} in a field name. Field names are ASCII letters, digits, '_', '-' and '.' (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage BareCarriageReturn = Message(PolicyInvalidCharacters,
            "A bare carriage return (U+000D) inside a line. Lines end with CRLF or LF (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage ControlInValue = Message(PolicyInvalidCharacters,
            "{0} in a value. Values cannot contain control characters (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage NonAsciiInKnownField = Message(PolicyInvalidCharacters,
            "{0} in '{1}'. Only extension values may contain non-ASCII characters (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage LoneSurrogate = Message(PolicyInvalidCharacters,
            "{0} is not a valid character (RFC 8461 §3.2).");

        // MTASTS6011. {0}: the size in bytes.
        public static readonly DiagnosticMessage TooLarge = Message(PolicyTooLargeForSenders,
            "The policy is {0:N0} bytes. Senders may stop reading a policy at 64 KB (RFC 8461 §3.3) and then reject it; keep it under 64,000 bytes, e.g. with wildcard mx patterns.");

        // MTASTS6012.
        public static readonly DiagnosticMessage Empty = Message(PolicyEmpty,
            "The policy is empty. It needs at least 'version: STSv1', 'mode', 'max_age' and, unless the mode is none, 'mx' lines (RFC 8461 §3.2).");

        // MTASTS6013. {0}: the first LF line; {1}: the first CRLF line.
        public static readonly DiagnosticMessage MixedEndings = Message(PolicyMixedLineEndings,
            "Line {0} ends with LF while line {1} ends with CRLF. The grammar allows both, but parsers that split on one of them read the other as part of a value. Use CRLF throughout.");

        // MTASTS6014. {0}: the value as a sender that trims only its start reads it.
        public static readonly DiagnosticMessage TrailingWhitespace = Message(PolicyTrailingWhitespace,
            "The line ends with whitespace. The grammar allows it, but senders that only trim the start of a value read '{0}' and reject it. Remove the trailing whitespace.");

        // MTASTS6015. {0}: the line of 'version'; {1}: the first field.
        public static readonly DiagnosticMessage VersionNotFirst = Message(PolicyVersionNotFirst,
            "'version' is on line {0}, after '{1}'. The grammar allows any order, but some senders' documentation (Google Workspace) requires the version line first. Move it to line 1.");

        // MTASTS6016. {0}: the field, quoted; {1}: what is lost, below; {2}: Lint's fix.
        public static readonly DiagnosticMessage UnknownField = Message(PolicyUnknownField,
            "Unknown field {0}. Senders ignore fields they do not know{1}. {2} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage UnknownFieldLosesMx = Message(PolicyUnknownField,
            ", so {0} is not one of the policy's MX patterns");
        public static readonly DiagnosticMessage UnknownFieldLosesOther = Message(PolicyUnknownField,
            " and use the first '{0}' field instead");
    }

    /// <summary>
    /// The lint of published TXT records: <c>_mta-sts</c> (61xx, RFC 8461 §3.1) and <c>_smtp._tls</c> (62xx, RFC 8460 §3).
    /// The words both records share take the record's terms as arguments: its version ('v=STSv1'), its RFC section, and
    /// who reads it ('senders', 'reporters').
    /// </summary>
    public static class RecordLint
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static readonly DiagnosticDescriptor[] VersionCodes = [StsRecordVersion, TlsRptRecordVersion];
        private static readonly DiagnosticDescriptor[] SyntaxCodes = [StsRecordSyntax, TlsRptRecordSyntax];

        private static DiagnosticMessage Message(DiagnosticDescriptor[] descriptors, string format, [CallerMemberName] string name = "") =>
            Entry(All, descriptors, format, name, nameof(RecordLint));

        // MTASTS6101, MTASTS6201: the record does not begin with its version and ';'. {0} the version; the last argument
        // is Discarded.
        public static readonly DiagnosticMessage Discarded = Message(VersionCodes,
            "{0} discard TXT records that do not begin with '{1};' ({2}).");
        public static readonly DiagnosticMessage Empty = Message(VersionCodes,
            "The record is empty. It must begin with '{0};'.");
        public static readonly DiagnosticMessage BeginsWithQuote = Message(VersionCodes,
            "The record begins with a quote. Quotes are zone-file syntax, not part of the record: enter {0};… without them in your DNS panel. {1}");
        public static readonly DiagnosticMessage BeginsWithWhitespace = Message(VersionCodes,
            "The record begins with whitespace. {0}");
        public static readonly DiagnosticMessage OtherRecord = Message(VersionCodes,
            "This is a '{0}' record; it belongs at {1}, not here. {2}");
        public static readonly DiagnosticMessage VersionOnly = Message(VersionCodes,
            "The record is only '{0}', with no ';' and no fields. Write '{0}; {1}'. {2}");
        public static readonly DiagnosticMessage VersionWithoutSemicolon = Message(VersionCodes,
            "'{0}' is not followed by ';'. Write '{0}; {1}'. {2}");
        public static readonly DiagnosticMessage VersionCase = Message(VersionCodes,
            "'{0}' must be written exactly '{1}': the version is case-sensitive. {2}");
        public static readonly DiagnosticMessage VersionUnknown = Message(VersionCodes,
            "'{0}' is not '{1}'. {2}");

        // MTASTS6102, MTASTS6202: the requirement, given to Lint.Missing.
        public static readonly DiagnosticMessage IdRequired = Message([StsRecordMissingId],
            "It is required: add one, e.g. 'v=STSv1; id=20260101T000000Z;'");
        public static readonly DiagnosticMessage RuaRequired = Message([TlsRptRecordMissingRua],
            "It is required: add where reports go, e.g. 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com'");

        // MTASTS6104, MTASTS6204 (RFC 8461 Errata 6285). {0} the version; {1} the RFC section; {2} who reads it;
        // {3} the erratum.
        public static readonly DiagnosticMessage SpaceBeforeDelimiter = Message([StsRecordSpaceBeforeDelimiter, TlsRptRecordSpaceBeforeDelimiter],
            "Whitespace between '{0}' and ';'. The grammar allows it, but {1} also tells {2} to discard records that do not begin with '{0};', and some do. Write '{0};' ({3}).");
        public static readonly DiagnosticMessage SameConflict = Message([TlsRptRecordSpaceBeforeDelimiter],
            "the same conflict as RFC 8461 Errata 6285");

        // MTASTS6105, MTASTS6205: a field that does not match the grammar. The last argument is the RFC section.
        public static readonly DiagnosticMessage TrailingWhitespace = Message(SyntaxCodes,
            "The record ends with whitespace that is not followed by ';'. Remove it or end the record with ';' ({0}).");
        public static readonly DiagnosticMessage NoSemicolon = Message(SyntaxCodes,
            "Fields must be separated by ';', e.g. '{0}; {1}' ({2}).");
        public static readonly DiagnosticMessage EmptyField = Message(SyntaxCodes,
            "Empty field (';;'). Remove the extra ';' ({0}).");
        public static readonly DiagnosticMessage CannotStartField = Message(SyntaxCodes,
            "{0} cannot start a field; a field is 'name=value' ({1}).");
        public static readonly DiagnosticMessage InvalidFieldName = Message(SyntaxCodes,
            "Invalid field name: {0} ({1}).");
        public static readonly DiagnosticMessage SpaceBeforeEquals = Message(SyntaxCodes,
            "Whitespace before '='. Write '{0}=' with nothing between the name, '=' and the value ({1}).");
        public static readonly DiagnosticMessage NoEquals = Message(SyntaxCodes,
            "The field '{0}' has no '='. A field is 'name=value', separated from the next by ';' ({1}).");
        public static readonly DiagnosticMessage SpaceAfterEquals = Message(SyntaxCodes,
            "Whitespace after '='. Write '{0}=value' with no space ({1}).");
        public static readonly DiagnosticMessage InvalidValueCharacter = Message(SyntaxCodes,
            "Invalid character in '{0}': {1} ({2}).");
        public static readonly DiagnosticMessage EqualsInValue = Message(SyntaxCodes,
            "'=' is not allowed in a value");
        public static readonly DiagnosticMessage NotUsAscii = Message(SyntaxCodes,
            "{0} is not US-ASCII; TXT records are US-ASCII");
        public static readonly DiagnosticMessage NotAllowedInValue = Message(SyntaxCodes,
            "{0} is not allowed in a value");
        public static readonly DiagnosticMessage NoValue = Message(SyntaxCodes,
            "The field '{0}=' has no value ({1}).");

        // MTASTS6203. {0}: the destination's problem (Value); {1}: a hint below, or empty.
        public static readonly DiagnosticMessage EmptyDestination = Message([TlsRptRecordInvalidRua],
            "Empty destination in 'rua' (two commas in a row, or a comma at the end). Remove the extra ',' (RFC 8460 §3).");
        public static readonly DiagnosticMessage InvalidDestination = Message([TlsRptRecordInvalidRua],
            "{0}{1}");
        public static readonly DiagnosticMessage SeparateWithComma = Message([TlsRptRecordInvalidRua],
            " Separate destinations with ','.");
        public static readonly DiagnosticMessage NoSizeSuffix = Message([TlsRptRecordInvalidRua],
            " TLS-RPT has no '!size' suffix (that is DMARC's rua syntax); remove it.");

        // MTASTS6206. {0}: the column of the first 'rua'.
        public static readonly DiagnosticMessage SecondRua = Message([TlsRptRecordMultipleRua],
            "A second 'rua' field (the first is at column {0}). RFC 8460 §3 allows several destinations and reporters may send to each, but parsers that keep only the first field miss these. List every destination in one 'rua=', separated by commas.");

        // MTASTS6207. {0}: the field that comes first.
        public static readonly DiagnosticMessage RuaNotFirst = Message([TlsRptRecordRuaNotFirst],
            "'rua' is not the first field after 'v=TLSRPTv1' ('{0}' is). RFC 8460 §3 allows any order, but the Postfix reporter (sys4 tlsrpt-reporter) drops such a record and sends no reports. Write 'v=TLSRPTv1; rua=…' first.");

        // MTASTS6208.
        public static readonly DiagnosticMessage SpaceAroundComma = Message([TlsRptRecordSpaceAroundComma],
            "Whitespace around ',' in 'rua'. RFC 8460 §3 allows it, but the Postfix reporter (sys4 tlsrpt-reporter) drops such a record and sends no reports. Separate the destinations with ',' alone.");
    }

    /// <summary>The verdicts of the lints: what a sender (or reporter) does with what was linted.</summary>
    public static class Verdict
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Words(string format, [CallerMemberName] string name = "") =>
            Entry(All, [], format, name, nameof(Verdict));

        // The policy file: what an RFC 8461 sender does with it.
        public static readonly DiagnosticMessage PolicyRejected = Words("An RFC 8461 sender rejects this policy and treats the domain as having no MTA-STS policy (a valid policy it cached earlier stays in force until its max_age runs out).");
        public static readonly DiagnosticMessage PolicyApplied = Words("An RFC 8461 sender applies this policy: mode {0}, {1}, cached for up to {2}.");
        public static readonly DiagnosticMessage ModeNone = Words("none (no active policy)");
        public static readonly DiagnosticMessage OneMxPattern = Words("1 mx pattern");
        public static readonly DiagnosticMessage MxPatterns = Words("{0} mx patterns");

        // The _mta-sts record. {0}: the policy id.
        public static readonly DiagnosticMessage StsDiscarded = Words("An RFC 8461 sender discards this record because it does not begin with 'v=STSv1;'; unless another TXT record at _mta-sts does, it treats the domain as having no MTA-STS policy.");
        public static readonly DiagnosticMessage StsInvalid = Words("An RFC 8461 sender finds this record syntactically invalid and treats the domain as having no available MTA-STS policy (a valid policy it cached earlier stays in force until its max_age runs out).");
        public static readonly DiagnosticMessage StsAmbiguous = Words("An RFC 8461 sender that follows the ABNF reads policy id '{0}', but one that looks for the literal 'v=STSv1;' discards this record and sees no MTA-STS policy.");
        public static readonly DiagnosticMessage StsValid = Words("An RFC 8461 sender reads policy id '{0}' and fetches the policy again whenever this id differs from the one it has cached.");

        // The _smtp._tls record. {0}: the destinations (OneDestination or Destinations).
        public static readonly DiagnosticMessage TlsRptDiscarded = Words("An RFC 8460 reporter discards this record because it does not begin with 'v=TLSRPTv1;'; unless another TXT record at _smtp._tls does, the domain gets no TLS reports.");
        public static readonly DiagnosticMessage TlsRptInvalid = Words("An RFC 8460 reporter finds this record invalid and sends no TLS reports for the domain.");
        public static readonly DiagnosticMessage TlsRptAmbiguous = Words("An RFC 8460 reporter that follows the ABNF sends daily TLS reports to {0}, but one that looks for the literal 'v=TLSRPTv1;' discards this record and sends none.");
        public static readonly DiagnosticMessage TlsRptValid = Words("An RFC 8460 reporter sends daily TLS reports for this domain to {0}.");
        public static readonly DiagnosticMessage TlsRptTrailingWhitespace = Words("Strict RFC 8460 reporters discard this record for the whitespace at its end and send no TLS reports; lenient ones (mox, the Postfix reporter) ignore it and send daily TLS reports to {0}.");
        public static readonly DiagnosticMessage TlsRptQuirky = Words("An RFC 8460 reporter sends daily TLS reports for this domain to {0}, but the Postfix reporter (sys4 tlsrpt-reporter) drops a record of this shape and sends none.");
        public static readonly DiagnosticMessage OneDestination = Words("1 destination: {0}");
        public static readonly DiagnosticMessage Destinations = Words("{0} destinations: {1}");
    }

    /// <summary>
    /// The words about a value with a grammar of its own (the Policy Domain, mode, mx, max_age, id, rua), which
    /// <see cref="MtaSts.Values.ValueMessages"/> picks for a <see cref="MtaSts.Values.ValueProblem"/>: the build, the
    /// command line, the web page and the linters say the same thing about the same mistake, each under its own code.
    /// </summary>
    public static class Value
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Words(string format, [CallerMemberName] string name = "") =>
            Entry(All, [], format, name, nameof(Value));

        // mode (RFC 8461 §3.2, §5). {0}: the value, quoted; {1}: the keyword as it must be written, or a part below.
        public static readonly DiagnosticMessage ModeEmpty = Words("'mode' has no value. Write 'testing', 'enforce' or 'none' (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage ModeWrongCase = Words("Mode {0} must be written in lower case: '{1}'. Senders compare it case-sensitively (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage ModeUnknown = Words("{0} is not a policy mode. {1}");
        public static readonly DiagnosticMessage ModeDidYouMean = Words("Did you mean '{0}'?");
        public static readonly DiagnosticMessage ModeKeywords = Words("Use 'testing', 'enforce' or 'none'.");

        // max_age (RFC 8461 §3.2). {0}: the value, quoted.
        public static readonly DiagnosticMessage MaxAgeEmpty = Words("'max_age' has no value. Write a number of seconds, e.g. 604800 (one week) (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MaxAgeWriteSeconds = Words("{0} is not a number of seconds: write {1} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MaxAgeNotDigits = Words("{0} is not a number of seconds: max_age is digits only (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MaxAgeTooManyDigits = Words("{0} has {1} digits; the grammar allows at most {2} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MaxAgeTooLarge = Words("max_age {0} seconds is more than the maximum of {1:N0} (about one year, RFC 8461 §3.2). {2}");
        public static readonly DiagnosticMessage MaxAgeUseDays = Words("Use at most '365d'.");
        public static readonly DiagnosticMessage MaxAgeUseSeconds = Words("Use at most {0}.");
        public static readonly DiagnosticMessage MaxAgeNotDuration = Words("{0} is not a duration. Write seconds ('604800') or a number with a unit: s, m, h, d or w ('1w', '30d').");

        // The policy id (RFC 8461 §3.1). {0}: how it is introduced (IdName, or the host's words); {1}: the value, quoted;
        // {2}: why; {3}: what to write.
        public static readonly DiagnosticMessage Id = Words("{0} {1} is not valid: {2}. An id is 1 to 32 letters and digits (RFC 8461 §3.1){3}.");
        public static readonly DiagnosticMessage IdName = Words("The id");
        public static readonly DiagnosticMessage IdEmpty = Words("it is empty");
        public static readonly DiagnosticMessage IdTooLong = Words("it is {0} characters long; at most {1} are allowed");
        public static readonly DiagnosticMessage IdNotLetterOrDigit = Words("{0} is not a letter or digit");
        public static readonly DiagnosticMessage IdConfigChoices = Words("; use 'auto' (hash of the policy) or 'timestamp' (e.g. 20261128T102900Z)");
        public static readonly DiagnosticMessage IdPublishedExamples = Words(", e.g. a timestamp like 20260101T000000Z or a hash");

        // The Policy Domain (RFC 8461 §1.1). {0}: the value, quoted; {1}: DomainWrite or DomainExample.
        public static readonly DiagnosticMessage DomainEmpty = Words("The domain is empty. Give the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).");
        public static readonly DiagnosticMessage DomainUrl = Words("{0} is a URL, not a domain. Give the mail domain alone, the part of an address after '@'{1} (RFC 8461 §1.1).");
        public static readonly DiagnosticMessage DomainMailAddress = Words("{0} is an e-mail address, not a domain. Give the part after '@'{1} (RFC 8461 §1.1).");
        public static readonly DiagnosticMessage DomainWrite = Words(": write {0}");
        public static readonly DiagnosticMessage DomainExample = Words(", e.g. 'example.com'");
        public static readonly DiagnosticMessage DomainIpAddress = Words("{0} is not a valid domain: it is an IP address. MTA-STS is published for the mail domain, the part of an address after '@', e.g. 'example.com' (RFC 8461 §1.1).");
        public static readonly DiagnosticMessage DomainHasPort = Words("{0} is not a valid domain: it ends with the port {1}, and a port does not belong in a domain name: write {2}.");
        public static readonly DiagnosticMessage DomainInvalid = Words("{0} is not a valid domain: {1}.");

        // An mx pattern (RFC 8461 §3.2, §4.1). {0}: the value, quoted.
        public static readonly DiagnosticMessage MxEmpty = Words("'mx' has no value. Write a host name such as 'mail.example.com' or a pattern such as '*.example.net' (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MxPartialWildcard = Words("{0}: a wildcard may only be the whole left-most label, as in '*.example.com'; partial ('mx*.example.com') and inner wildcards are not allowed (RFC 8461 §3.2, §4.1).");
        public static readonly DiagnosticMessage MxTrailingDot = Words("{0} ends with a dot. mx values are written without the root dot: {1} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MxIpAddress = Words("{0} is an IP address. mx patterns match the host names of MX records, and certificates are checked against those names (RFC 8461 §3.2, §3.4, §4.1).");
        public static readonly DiagnosticMessage MxHasPort = Words("{0} ends with the port {1}. An mx pattern is a host name and has no port: write {2} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MxNotAscii = Words("{0} is not ASCII. Write internationalized names as A-labels: {1} (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MxTooLong = Words("{0} is too long: {1} (RFC 1035 §2.3.4).");
        public static readonly DiagnosticMessage MxUnderscore = Words("{0} is not a valid mx pattern: {1}. Underscores are not allowed in host names (RFC 8461 §3.2).");
        public static readonly DiagnosticMessage MxInvalid = Words("{0} is not a valid mx pattern: {1} (RFC 8461 §3.2).");

        // A TLS-RPT destination (RFC 8460 §3). {0}: the value, quoted; {1}: why, one of the Rua parts below.
        public static readonly DiagnosticMessage Rua = Words("{0} is not a valid TLS-RPT destination: {1}");
        public static readonly DiagnosticMessage RuaEmpty = Words("it is empty.");
        public static readonly DiagnosticMessage RuaSpace = Words("it contains a space; percent-encode it as %20.");
        public static readonly DiagnosticMessage RuaNotAscii = Words("it contains {0}; a URI is ASCII only (percent-encode it, or use the A-label of a domain).");
        public static readonly DiagnosticMessage RuaMustBeEncoded = Words("'{0}' must be percent-encoded as {1} (RFC 8460 §3).");
        public static readonly DiagnosticMessage RuaInvalidCharacter = Words("'{0}' is not allowed in a URI; percent-encode it as {1} (RFC 3986 §2).");
        public static readonly DiagnosticMessage RuaNoSchemeWrite = Words("it has no scheme. Write {0}.");
        public static readonly DiagnosticMessage RuaNoScheme = Words("it has no scheme. Use 'mailto:' or 'https:' (RFC 8460 §3).");
        public static readonly DiagnosticMessage RuaBadPercent = Words("it has a '%' that does not start a percent-encoded octet (%XX).");
        public static readonly DiagnosticMessage RuaHttp = Words("reports must be posted over 'https:', not 'http:' (RFC 8460 §3).");
        public static readonly DiagnosticMessage RuaUnsupportedScheme = Words("the scheme {0} is not supported. Use 'mailto:' or 'https:' (RFC 8460 §3).");
        public static readonly DiagnosticMessage RuaMailtoNoAddress = Words("a mailto: destination needs an address like 'mailto:tlsrpt@example.com'.");
        public static readonly DiagnosticMessage RuaMailtoSeveralAt = Words("it has more than one '@'; percent-encode an '@' in the local part as %40 (RFC 6068 §2).");
        public static readonly DiagnosticMessage RuaMailtoInvalidDomain = Words("the domain {0} is not valid: {1}.");
        public static readonly DiagnosticMessage RuaHttpsNoHost = Words("an https: destination needs '//' and a host, e.g. 'https://reports.example.com/v1/tlsrpt'.");
        public static readonly DiagnosticMessage RuaHttpsInvalidHost = Words("the host {0} is not valid: {1}.");
        public static readonly DiagnosticMessage RuaHttpsInvalid = Words("it is not a valid https: URL, e.g. 'https://reports.example.com/v1/tlsrpt'.");

        // Why a host name is wrong (RFC 1035 §2.3.4, RFC 5890), after "is not valid: ".
        public static readonly DiagnosticMessage HostEmpty = Words("it is empty");
        public static readonly DiagnosticMessage HostTrailingDot = Words("it ends with a dot");
        public static readonly DiagnosticMessage HostEmptyLabel = Words("it has an empty label ('..' or a leading dot)");
        public static readonly DiagnosticMessage HostLabelTooLong = Words("the label {0} is longer than {1} characters");
        public static readonly DiagnosticMessage HostNameTooLong = Words("it is {0} characters long; at most {1} are allowed");
        public static readonly DiagnosticMessage HostInvalidCharacter = Words("{0} is not allowed; only letters, digits, hyphens and dots are");
        public static readonly DiagnosticMessage HostHyphenAtLabelEdge = Words("the label {0} starts or ends with a hyphen");
        public static readonly DiagnosticMessage HostInvalidIdn = Words("it is not a valid internationalized name ({0})");
        public static readonly DiagnosticMessage HostIpAddress = Words("it is an IP address, not a host name");
        public static readonly DiagnosticMessage HostSingleLabel = Words("it has a single label; use a fully qualified name such as example.com");
        public static readonly DiagnosticMessage HostHasPort = Words("it ends with the port {0}; a host name has no port, remove it");
        public static readonly DiagnosticMessage HostNotAscii = Words("it is not ASCII; write the A-label {0}");
        public static readonly DiagnosticMessage HostWildcard = Words("a '*' is not allowed in a host name");
        public static readonly DiagnosticMessage HostInvalid = Words("it is not a valid host name");
    }

    /// <summary>
    /// The parts the policy and TXT record lints share, reported under the caller's code: a field name's problem, a
    /// missing or repeated field. {n} that name the reader ("senders", "reporters") and the RFC section come from the
    /// caller.
    /// </summary>
    public static class Lint
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Part(DiagnosticDescriptor[] descriptors, string format, [CallerMemberName] string name = "") =>
            Entry(All, descriptors, format, name, nameof(Lint));

        private static readonly DiagnosticDescriptor[] FieldNameCodes = [PolicyLineSyntax, StsRecordSyntax, TlsRptRecordSyntax];
        private static readonly DiagnosticDescriptor[] MissingCodes = [PolicyMissingField, PolicyMissingMx, StsRecordMissingId, TlsRptRecordMissingRua];
        private static readonly DiagnosticDescriptor[] MeantCodes = [.. MissingCodes, PolicyUnknownField];
        private static readonly DiagnosticDescriptor[] RepeatCodes = [PolicyDuplicateField, StsRecordDuplicateField];

        // A field name (sts-policy-ext-name, sts-ext-name): {0} the name or character; {1} the maximum length.
        public static readonly DiagnosticMessage NameTooLong = Part(FieldNameCodes, "the field name '{0}' is longer than {1} characters");
        public static readonly DiagnosticMessage NameStart = Part(FieldNameCodes, "a field name starts with a letter or digit, not {0}");
        public static readonly DiagnosticMessage NameCharacter = Part(FieldNameCodes, "{0} is not allowed in a field name (letters, digits, '_', '-' and '.' are)");

        // The fix for a name that was meant as a known one: {0} the known name; {1} its separator (':' or '=').
        public static readonly DiagnosticMessage FixCase = Part(MeantCodes, "Field names are case-sensitive: write '{0}{1}'");
        public static readonly DiagnosticMessage FixSpelling = Part(MeantCodes, "Did you mean '{0}'?");

        // Where a field is: {0} a line or column number.
        public static readonly DiagnosticMessage OnLine = Part(RepeatCodes, "on line {0}");
        public static readonly DiagnosticMessage AtLine = Part(MissingCodes, "line {0}");
        public static readonly DiagnosticMessage AtColumn = Part(RepeatCodes, "at column {0}");
        public static readonly DiagnosticMessage Column = Part(MissingCodes, "column {0}");

        // A required field is missing. {0} 'policy' or 'record'; {1} the field; {2} the requirement; {3} the RFC section.
        public static readonly DiagnosticMessage Missing = Part(MissingCodes, "The {0} has no '{1}' field. {2} ({3}).");

        // ... and {2} where, {3} the look-alike, quoted, {4} 'senders' or 'reporters', {5} the fix, {6} the RFC section.
        public static readonly DiagnosticMessage MissingLookalike = Part(MissingCodes,
            "The {0} has no '{1}' field: {2} has {3}, which {4} treat as an unknown field and ignore. {5} ({6}).");

        // A field that may not repeat (RFC 8461 §3.2). {0} the field, quoted; {1} where the first is; {2} Kept or empty;
        // {3} the RFC section; in RepeatedMore {2} the number of further repeats, {3} Kept, {4} the RFC section.
        public static readonly DiagnosticMessage Repeated = Part(RepeatCodes,
            "{0} appears again (first {1}). Senders use the first one{2} and ignore this one ({3}). Remove the repeat.");
        public static readonly DiagnosticMessage RepeatedMore = Part(RepeatCodes,
            "{0} appears again (first {1}), here and {2:N0} more times after this. Senders use the first one{3} and ignore the others ({4}). Remove the repeats.");
        public static readonly DiagnosticMessage Kept = Part(RepeatCodes, " ({0})");
    }
}
