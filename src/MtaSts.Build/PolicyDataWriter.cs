using System.Globalization;
using MtaSts.Policy;
using static MtaSts.Build.CSharpText;

namespace MtaSts.Build;

/// <summary>
/// Writes the C# a project gets from its <c>mta-sts.yaml</c>, as text (no Roslyn source generator): data, the class
/// <c>MtaStsPolicy</c> with the policy as constants (or every domain's, with several), plus one line of glue for the
/// runtime library MtaSts.AspNetCore: <c>builder.Services.AddMtaSts()</c>, which hands the data to it. Behaviour is the
/// library's, tested as a library. The output compiles warning-free with C# 7.3 and later (nullable annotations only
/// when enabled), and is pure ASCII.
/// </summary>
internal static class PolicyDataWriter
{
    public const string PolicyClassName = "MtaStsPolicy";

    /// <summary>The class of the generated <c>AddMtaSts()</c>, beside the library's own overload.</summary>
    public const string GlueClassName = "MtaStsGeneratedServiceCollectionExtensions";

    /// <summary>ASP.NET Core's <c>Add…</c> extensions live in this namespace; so does <c>AddMtaSts()</c>.</summary>
    public const string GlueNamespace = "Microsoft.Extensions.DependencyInjection";

    public sealed record Options
    {
        public string? Namespace { get; init; }

        /// <summary>What ties the data to the runtime library; see <see cref="Glue"/>.</summary>
        public Glue Glue { get; init; }

        public bool NullableAnnotations { get; init; } = true;

        public string ToolVersion { get; init; } = "0.0.0";

        public string SourceFile { get; init; } = "mta-sts.yaml";
    }

    /// <summary>
    /// The C# for a configuration of either form: the single-domain form's <c>MtaStsPolicy</c> (constants of its one
    /// policy), or the multi-domain form's (every domain's data and a lookup by policy host).
    /// </summary>
    public static string Write(IReadOnlyList<Deployment> deployments, bool multiDomain, Options options) =>
        multiDomain ? WriteDomains(deployments, options) : Write(deployments.Single(), options);

    public static string Write(Deployment deployment, Options options)
    {
        var (code, policyType, generatedCode, nullable) = Begin(options);
        var policy = deployment.Policy;
        code.Line("/// <summary>");
        code.Line($"/// The MTA-STS policy (RFC 8461) of {Comment(deployment.PolicyDomain)}, as {Comment(options.SourceFile)} defines it: the policy file");
        code.Line("/// served at <see cref=\"PolicyUrl\"/> and the DNS TXT records that announce it.");
        code.Line("/// </summary>");
        code.Line(generatedCode);
        code.Open($"internal static class {PolicyClassName}");
        Constant(code, "string", "Domain", deployment.PolicyDomain, "The Policy Domain in A-label (ASCII) form.");
        Constant(code, "string", "UnicodeDomain", deployment.UnicodeDomain, "The Policy Domain for display, in U-labels.");
        Constant(code, "string", "PolicyHost", deployment.PolicyHost, "The host that serves the policy: <c>mta-sts.</c> and the Policy Domain (RFC 8461 section 3.2).");
        Constant(code, "string", "WellKnownPath", Deployment.WellKnownPath, "The path of the policy file on the Policy Host.");
        Constant(code, "string", "PolicyUrl", deployment.PolicyUrl, "Where senders fetch the policy, with HTTPS and without following redirects (RFC 8461 section 3.3).");
        Constant(code, "string", "ContentType", "text/plain", "The media type senders expect (RFC 8461 section 3.2).");
        Constant(code, "string", "Mode", policy.Mode.ToKeyword(), "The policy mode: <c>testing</c>, <c>enforce</c> or <c>none</c>.");
        code.Line("/// <summary>The MX host patterns, in policy order; a leading <c>*.</c> matches one left-most label.</summary>");
        code.Line("public static readonly global::System.Collections.Generic.IReadOnlyList<string> MxPatterns =");
        code.Indent++;
        code.Line("new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(new string[]");
        code.Line("{");
        code.Indent++;
        foreach (var mx in policy.Mx)
        {
            code.Line(Literal(mx.Value) + ",");
        }

        code.Indent--;
        code.Line("});");
        code.Indent--;
        code.Line();
        Constant(code, "long", "MaxAge", policy.MaxAge.ToString(CultureInfo.InvariantCulture) + "L", "Seconds senders may cache the policy.", literal: false);
        Constant(code, "string", "Id", deployment.PolicyId, "The policy id published in the <c>_mta-sts</c> TXT record; it changes whenever the policy does.");
        Constant(code, "string", "Text", deployment.PolicyText, "The policy file, exactly as served: US-ASCII with CRLF line endings.");
        Constant(code, "string", "StsRecordName", deployment.StsRecordName, "The owner name of the MTA-STS TXT record.");
        Constant(code, "string", "StsRecordValue", deployment.StsRecord.Value, "The MTA-STS TXT record (RFC 8461 section 3.1).");
        // Not const: a null check on a constant is a compiler warning (CS8519) in the user's code.
        ReadOnlyField(code, "string" + nullable, "TlsRptRecordName", deployment.TlsRptRecord is null ? null : deployment.TlsRptRecordName, "The owner name of the TLS-RPT TXT record, or null without <c>tls_rpt</c>.");
        ReadOnlyField(code, "string" + nullable, "TlsRptRecordValue", deployment.TlsRptRecord?.Value, "The TLS-RPT TXT record (RFC 8460 section 3), or null without <c>tls_rpt</c>.");
        Constant(code, "int", "Ttl", deployment.Ttl.ToString(CultureInfo.InvariantCulture), "The TTL of the DNS records, in seconds.", literal: false);
        code.Line("/// <summary>The bytes of <see cref=\"Text\"/>, as served; a new array on each call.</summary>");
        code.Line("public static byte[] GetBytes() => global::System.Text.Encoding.ASCII.GetBytes(Text);");
        return End(code, options, policyType, generatedCode, multiDomain: false);
    }

    /// <summary>
    /// The start of the file, for either form: the header, <c>#nullable</c> and the namespace opened; with the names
    /// the rest of the file uses.
    /// </summary>
    private static (CodeBuilder Code, string PolicyType, string GeneratedCode, string Nullable) Begin(Options options)
    {
        var ns = ToNamespace(options.Namespace);
        var policyType = "global::" + (ns.Length == 0 ? "" : ns + ".") + PolicyClassName;
        var generatedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"MtaSts.Build\", {Literal(options.ToolVersion)})]";
        var nullable = options.NullableAnnotations ? "?" : "";

        var code = new CodeBuilder();
        code.Line("// <auto-generated/>");
        code.Line($"// Generated by MtaSts.Build {Comment(options.ToolVersion)} from {Comment(options.SourceFile)}. Change that file, not this one.");
        if (options.NullableAnnotations)
        {
            code.Line("#nullable enable");
        }

        code.Line();
        code.Open(ns.Length == 0 ? null : "namespace " + ns);
        return (code, policyType, generatedCode, nullable);
    }

    /// <summary>The name of the multi-domain form's class with one domain's data, nested in <c>MtaStsPolicy</c>.</summary>
    public const string DomainClassName = "DomainPolicy";

    /// <summary>
    /// The multi-domain form: <c>MtaStsPolicy.Domains</c> (every domain's data as a <c>DomainPolicy</c>, with the same
    /// member names as the single-domain form's constants); finding a domain by its policy host is the runtime
    /// library's <c>ServedPolicySet.FindByHost</c>. Each distinct policy (text, mode, MX patterns, max_age) and TLS-RPT record is
    /// written once and shared by index, so a thousand domains with a few policies stay a line each; the prefixes of
    /// names and records come from the core's values, so no RFC format is written twice.
    /// </summary>
    private static string WriteDomains(IReadOnlyList<Deployment> deployments, Options options)
    {
        var (code, policyType, generatedCode, nullable) = Begin(options);
        var policies = deployments.Select(d => d.PolicyText).Distinct(StringComparer.Ordinal).ToList();
        var tlsRpt = deployments.Where(d => d.TlsRptRecord is not null).Select(d => d.TlsRptRecord!.Value).Distinct(StringComparer.Ordinal).ToList();
        var first = deployments[0];
        string Before(string whole, string part) => whole.Substring(0, whole.LastIndexOf(part, StringComparison.Ordinal));
        string After(string whole, string part) => whole.Substring(whole.LastIndexOf(part, StringComparison.Ordinal) + part.Length);

        code.Line("/// <summary>");
        code.Line($"/// The MTA-STS policies (RFC 8461) of the {deployments.Count.ToString(CultureInfo.InvariantCulture)} domains {Comment(options.SourceFile)} defines: each domain's policy file,");
        code.Line("/// served at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>, and the DNS TXT records that announce it.");
        code.Line("/// </summary>");
        code.Line(generatedCode);
        code.Open($"internal static class {PolicyClassName}");
        Constant(code, "string", "WellKnownPath", Deployment.WellKnownPath, "The path of the policy file on every Policy Host.");
        Constant(code, "string", "ContentType", "text/plain", "The media type senders expect (RFC 8461 section 3.2).");
        code.Line($"private const string PolicyHostPrefix = {Literal(Before(first.PolicyHost, first.PolicyDomain))};");
        code.Line($"private const string PolicyUrlPrefix = {Literal(Before(first.PolicyUrl, first.PolicyHost))};");
        code.Line($"private const string StsRecordNamePrefix = {Literal(Before(first.StsRecordName, first.PolicyDomain))};");
        code.Line($"private const string StsRecordValuePrefix = {Literal(Before(first.StsRecord.Value, first.PolicyId))};");
        code.Line($"private const string StsRecordValueSuffix = {Literal(After(first.StsRecord.Value, first.PolicyId))};");
        code.Line($"private const string TlsRptRecordNamePrefix = {Literal(Before(first.TlsRptRecordName, first.PolicyDomain))};");
        code.Line();
        code.Line("// Each distinct policy once: mode, max_age, MX patterns and the exact text.");
        code.Line("private static readonly PolicyData[] policies = new PolicyData[]");
        code.Line("{");
        code.Indent++;
        foreach (var text in policies)
        {
            var policy = deployments.First(d => d.PolicyText == text).Policy;
            var mx = string.Join(", ", policy.Mx.Select(m => Literal(m.Value)));
            code.Line($"new PolicyData({Literal(policy.Mode.ToKeyword())}, {policy.MaxAge.ToString(CultureInfo.InvariantCulture)}L, new string[] {{ {mx} }}, {Literal(text)}),");
        }

        code.Indent--;
        code.Line("};");
        code.Line();
        code.Line("private static readonly string[] tlsRptRecords = new string[]");
        code.Line("{");
        code.Indent++;
        tlsRpt.ForEach(value => code.Line(Literal(value) + ","));
        code.Indent--;
        code.Line("};");
        code.Line();
        code.Line("// Domain (A-label), Unicode name when it differs, policy, id, TLS-RPT record (-1: none), TTL.");
        code.Line($"private static readonly {DomainClassName}[] domains = new {DomainClassName}[]");
        code.Line("{");
        code.Indent++;
        foreach (var d in deployments)
        {
            var unicode = d.UnicodeDomain == d.PolicyDomain ? "null" : Literal(d.UnicodeDomain);
            var rpt = d.TlsRptRecord is null ? -1 : tlsRpt.IndexOf(d.TlsRptRecord.Value);
            code.Line($"new {DomainClassName}({Literal(d.PolicyDomain)}, {unicode}, {policies.IndexOf(d.PolicyText).ToString(CultureInfo.InvariantCulture)}, {Literal(d.PolicyId)}, {rpt.ToString(CultureInfo.InvariantCulture)}, {d.Ttl.ToString(CultureInfo.InvariantCulture)}),");
        }

        code.Indent--;
        code.Line("};");
        code.Line();
        foreach (var line in DomainsTemplate.Replace("$DomainPolicy$", DomainClassName).Replace("$Nullable$", nullable).Split('\n'))
        {
            code.Line(line);
        }

        return End(code, options, policyType, generatedCode, multiDomain: true);
    }

    /// <summary>The end of the file, for either form: the policy class and the namespace closed, then the glue.</summary>
    private static string End(CodeBuilder code, Options options, string policyType, string generatedCode, bool multiDomain)
    {
        code.Close();
        code.Close();
        WriteGlue(code, options.Glue, policyType, generatedCode, multiDomain);
        return code.ToString();
    }

    /// <summary>The multi-domain form's members after the data: the list and the classes (data only: serving, and finding
    /// a request's policy by its host, are MtaSts.AspNetCore's).</summary>
    private const string DomainsTemplate = """
        /// <summary>Every domain's policy, in the order of the configuration.</summary>
        public static readonly global::System.Collections.Generic.IReadOnlyList<$DomainPolicy$> Domains =
            new global::System.Collections.ObjectModel.ReadOnlyCollection<$DomainPolicy$>(domains);

        /// <summary>One domain's MTA-STS policy and DNS records; the members are named as the single-domain form's.</summary>
        public sealed class $DomainPolicy$
        {
            private readonly PolicyData policy;

            internal $DomainPolicy$(string domain, string$Nullable$ unicodeDomain, int policy, string id, int tlsRptRecord, int ttl)
            {
                this.policy = policies[policy];
                Domain = domain;
                UnicodeDomain = unicodeDomain ?? domain;
                PolicyHost = PolicyHostPrefix + domain;
                PolicyUrl = PolicyUrlPrefix + PolicyHost + WellKnownPath;
                Id = id;
                StsRecordName = StsRecordNamePrefix + domain;
                StsRecordValue = StsRecordValuePrefix + id + StsRecordValueSuffix;
                TlsRptRecordName = tlsRptRecord < 0 ? null : TlsRptRecordNamePrefix + domain;
                TlsRptRecordValue = tlsRptRecord < 0 ? null : tlsRptRecords[tlsRptRecord];
                Ttl = ttl;
            }

            /// <summary>The Policy Domain in A-label (ASCII) form.</summary>
            public string Domain { get; }

            /// <summary>The Policy Domain for display, in U-labels.</summary>
            public string UnicodeDomain { get; }

            /// <summary>The host that serves the policy: <c>mta-sts.</c> and the Policy Domain (RFC 8461 section 3.2).</summary>
            public string PolicyHost { get; }

            /// <summary>Where senders fetch the policy, with HTTPS and without following redirects (RFC 8461 section 3.3).</summary>
            public string PolicyUrl { get; }

            /// <summary>The policy mode: <c>testing</c>, <c>enforce</c> or <c>none</c>.</summary>
            public string Mode => policy.Mode;

            /// <summary>The MX host patterns, in policy order; a leading <c>*.</c> matches one left-most label.</summary>
            public global::System.Collections.Generic.IReadOnlyList<string> MxPatterns => policy.MxPatterns;

            /// <summary>Seconds senders may cache the policy.</summary>
            public long MaxAge => policy.MaxAge;

            /// <summary>The policy id published in the <c>_mta-sts</c> TXT record; it changes whenever this domain's policy does.</summary>
            public string Id { get; }

            /// <summary>The policy file, exactly as served: US-ASCII with CRLF line endings.</summary>
            public string Text => policy.Text;

            /// <summary>The owner name of the MTA-STS TXT record.</summary>
            public string StsRecordName { get; }

            /// <summary>The MTA-STS TXT record (RFC 8461 section 3.1).</summary>
            public string StsRecordValue { get; }

            /// <summary>The owner name of the TLS-RPT TXT record, or null without <c>tls_rpt</c>.</summary>
            public string$Nullable$ TlsRptRecordName { get; }

            /// <summary>The TLS-RPT TXT record (RFC 8460 section 3), or null without <c>tls_rpt</c>.</summary>
            public string$Nullable$ TlsRptRecordValue { get; }

            /// <summary>The TTL of the DNS records, in seconds.</summary>
            public int Ttl { get; }

            /// <summary>The bytes of <see cref="Text"/>, as served; a new array on each call.</summary>
            public byte[] GetBytes() => global::System.Text.Encoding.ASCII.GetBytes(policy.Text);
        }

        private sealed class PolicyData
        {
            internal PolicyData(string mode, long maxAge, string[] mxPatterns, string text)
            {
                Mode = mode;
                MaxAge = maxAge;
                MxPatterns = new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(mxPatterns);
                Text = text;
            }

            internal string Mode { get; }

            internal long MaxAge { get; }

            internal global::System.Collections.Generic.IReadOnlyList<string> MxPatterns { get; }

            internal string Text { get; }
        }
        """;

    /// <summary>
    /// The line that hands the data to MtaSts.AspNetCore: <c>builder.Services.AddMtaSts()</c>, an overload beside the
    /// library's <c>AddMtaSts(ServedPolicySet)</c>. Without the library in an ASP.NET Core project, the names a user
    /// may know from the README are written as errors that say which package to add (CS0619), instead of "no such
    /// method" (CS1061).
    /// </summary>
    private static void WriteGlue(CodeBuilder code, Glue glue, string policyType, string generatedCode, bool multiDomain)
    {
        if (glue == Glue.None)
        {
            return;
        }

        code.Line();
        code.Open("namespace " + GlueNamespace);
        code.Line(generatedCode);
        code.Open($"internal static class {GlueClassName}");
        if (glue == Glue.RuntimeLibrary)
        {
            var policies = multiDomain
                ? $"global::System.Linq.Enumerable.Select({policyType}.Domains, domain => new global::MtaSts.AspNetCore.ServedPolicy(domain.Domain, domain.PolicyHost, domain.Id, domain.Text, domain.TlsRptRecordValue))"
                : $"new[] {{ new global::MtaSts.AspNetCore.ServedPolicy({policyType}.Domain, {policyType}.PolicyHost, {policyType}.Id, {policyType}.Text, {policyType}.TlsRptRecordValue) }}";
            code.Line("/// <summary>");
            code.Line("/// Registers the MTA-STS policy of mta-sts.yaml with MtaSts.AspNetCore, for <c>app.MapMtaStsPolicy()</c>.");
            code.Line("/// </summary>");
            code.Line("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddMtaSts(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>");
            code.Indent++;
            code.Line($"global::Microsoft.Extensions.DependencyInjection.MtaStsServiceCollectionExtensions.AddMtaSts(services, new global::MtaSts.AspNetCore.ServedPolicySet({policies}));");
            code.Indent--;
        }
        else
        {
            const string Missing = "\"MTA-STS: AddMtaSts() and MapMtaStsPolicy() are in the MtaSts.AspNetCore package, which the project does not reference: dotnet add package MtaSts.AspNetCore\"";
            code.Line($"[global::System.Obsolete({Missing}, true)]");
            code.Line("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddMtaSts(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;");
            code.Line();
            code.Line($"[global::System.Obsolete({Missing}, true)]");
            code.Line("public static void MapMtaStsPolicy(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
            code.Line("{");
            code.Line("}");
        }

        code.Close();
        code.Close();
    }

    private static void ReadOnlyField(CodeBuilder code, string type, string name, string? value, string summary)
    {
        code.Line($"/// <summary>{summary}</summary>");
        code.Line($"public static readonly {type} {name} = {Literal(value)};");
        code.Line();
    }

    private static void Constant(CodeBuilder code, string type, string name, string? value, string summary, bool literal = true)
    {
        code.Line($"/// <summary>{summary}</summary>");
        code.Line($"public const {type} {name} = {(literal ? Literal(value) : value)};");
        code.Line();
    }
}

/// <summary>What the generated C# adds to the <c>MtaStsPolicy</c> data.</summary>
internal enum Glue
{
    /// <summary>Data only: a project without ASP.NET Core, or <c>MtaStsGenerateEndpoint=false</c>.</summary>
    None,

    /// <summary><c>builder.Services.AddMtaSts()</c> for MtaSts.AspNetCore, which the project references.</summary>
    RuntimeLibrary,

    /// <summary>An ASP.NET Core project without MtaSts.AspNetCore: <c>AddMtaSts()</c> and <c>MapMtaStsPolicy()</c> as
    /// errors that name the package to add.</summary>
    MissingRuntimeLibrary,
}
