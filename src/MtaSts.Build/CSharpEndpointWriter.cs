using System.Globalization;
using System.Text;
using MtaSts.Policy;

namespace MtaSts.Build;

/// <summary>
/// Writes the C# a project gets from its <c>mta-sts.yaml</c>, as text (no Roslyn source generator): the class
/// <c>MtaStsPolicy</c> with the policy as constants, and for ASP.NET Core projects <c>app.MapMtaStsPolicy()</c>, which
/// serves the exact policy bytes at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.
/// The output compiles warning-free with C# 7.3 and later (nullable annotations only when enabled), and is pure ASCII.
/// </summary>
internal static class CSharpEndpointWriter
{
    public const string PolicyClassName = "MtaStsPolicy";
    public const string EndpointClassName = "MtaStsEndpointRouteBuilderExtensions";

    /// <summary>
    /// ASP.NET Core's own <c>Map…</c> extensions live in this namespace, which a default Program.cs has in scope
    /// through implicit usings or the web template; so <c>app.MapMtaStsPolicy()</c> needs no using either.
    /// </summary>
    public const string EndpointNamespace = "Microsoft.AspNetCore.Builder";

    public sealed record Options
    {
        public string? Namespace { get; init; }

        public bool GenerateEndpoint { get; init; }

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
        return End(code, options, policyType, generatedCode, nullable, multiDomain: false);
    }

    /// <summary>
    /// The start of the file, for either form: the header, <c>#nullable</c>, the hosting startup and the namespace
    /// opened; with the names the rest of the file uses.
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
        if (options.GenerateEndpoint)
        {
            // Assembly attributes come before every namespace in the file. ASP.NET Core runs the hosting startups of the
            // app's own assembly, so this registers the middleware that MapMtaStsPolicy() switches on.
            code.Line("[assembly: global::Microsoft.AspNetCore.Hosting.HostingStartup(typeof(global::Microsoft.AspNetCore.Builder.MtaStsHostingStartup))]");
            code.Line();
        }

        code.Open(ns.Length == 0 ? null : "namespace " + ns);
        return (code, policyType, generatedCode, nullable);
    }

    /// <summary>The name of the multi-domain form's class with one domain's data, nested in <c>MtaStsPolicy</c>.</summary>
    public const string DomainClassName = "DomainPolicy";

    /// <summary>
    /// The multi-domain form: <c>MtaStsPolicy.Domains</c> (every domain's data as a <c>DomainPolicy</c>, with the same
    /// member names as the single-domain form's constants) and <c>FindByPolicyHost</c>/<c>FindByDomain</c>, one
    /// dictionary lookup built once. Each distinct policy (text, mode, MX patterns, max_age) and TLS-RPT record is
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

        return End(code, options, policyType, generatedCode, nullable, multiDomain: true);
    }

    /// <summary>The end of the file, for either form: the policy class and the namespace closed, then the endpoint.</summary>
    private static string End(CodeBuilder code, Options options, string policyType, string generatedCode, string nullable, bool multiDomain)
    {
        code.Close();
        code.Close();

        if (options.GenerateEndpoint)
        {
            code.Line();
            WriteEndpoint(code, policyType, generatedCode, nullable, multiDomain);
        }

        return code.ToString();
    }

    /// <summary>
    /// The multi-domain form's members after the data: the list, the lookups, and the classes. Host names compare
    /// ASCII case-insensitively (RFC 4343), so a host is looked up in A-labels: ASP.NET Core's <c>Request.Host.Host</c>
    /// decodes an internationalized Host header to U-labels, which are converted back. Everything is built once, when
    /// the class is first used; a lookup of an ASCII host without a port allocates nothing.
    /// </summary>
    private const string DomainsTemplate = """
        private static readonly global::System.Collections.Generic.Dictionary<string, $DomainPolicy$> byPolicyHost = Index(domains);

        /// <summary>Every domain's policy, in the order of the configuration.</summary>
        public static readonly global::System.Collections.Generic.IReadOnlyList<$DomainPolicy$> Domains =
            new global::System.Collections.ObjectModel.ReadOnlyCollection<$DomainPolicy$>(domains);

        /// <summary>
        /// The domain whose Policy Host (<c>mta-sts.</c> and the domain) is <paramref name="host"/>, compared ASCII
        /// case-insensitively, a <c>:port</c> ignored; or null. <c>HttpRequest.Host.Host</c> is such a host; it gives an
        /// internationalized host in U-labels (ASP.NET Core decodes the A-labels of the Host header), which is looked
        /// up by its A-labels.
        /// </summary>
        public static $DomainPolicy$$Nullable$ FindByPolicyHost(string$Nullable$ host)
        {
            if (host == null)
            {
                return null;
            }

            var colon = host.LastIndexOf(':');
            if (colon >= 0)
            {
                host = host.Substring(0, colon);
            }

            foreach (var c in host)
            {
                if (c > '~')
                {
                    host = ToAscii(host);
                    break;
                }
            }

            $DomainPolicy$$Nullable$ found;
            return host != null && byPolicyHost.TryGetValue(host, out found) ? found : null;
        }

        /// <summary>The domain <paramref name="domain"/> (A-label form, any case), or null.</summary>
        public static $DomainPolicy$$Nullable$ FindByDomain(string$Nullable$ domain) =>
            domain == null ? null : FindByPolicyHost(PolicyHostPrefix + domain);

        /// <summary>A host in U-labels as A-labels (IDNA), or null when it is not a valid host name; only ASCII is looked up.</summary>
        private static string$Nullable$ ToAscii(string host)
        {
            try
            {
                var ascii = new global::System.Globalization.IdnMapping { UseStd3AsciiRules = true }.GetAscii(host);
                foreach (var c in ascii)
                {
                    if (c > '~')
                    {
                        return null;
                    }
                }

                return ascii;
            }
            catch (global::System.ArgumentException)
            {
                return null;
            }
        }

        /// <summary>Every Policy Host, for <c>RequireHost</c>; a new array on each call.</summary>
        internal static string[] GetPolicyHosts()
        {
            var hosts = new string[domains.Length];
            for (var i = 0; i < domains.Length; i++)
            {
                hosts[i] = domains[i].PolicyHost;
            }

            return hosts;
        }

        private static global::System.Collections.Generic.Dictionary<string, $DomainPolicy$> Index($DomainPolicy$[] all)
        {
            var index = new global::System.Collections.Generic.Dictionary<string, $DomainPolicy$>(all.Length, global::System.StringComparer.OrdinalIgnoreCase);
            foreach (var domain in all)
            {
                index[domain.PolicyHost] = domain;
            }

            return index;
        }

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

            /// <summary>The exact bytes served, shared by every domain with this policy: never modify them.</summary>
            internal byte[] Bytes => policy.Bytes;

            /// <summary>The bytes of <see cref="Text"/>, as served; a new array on each call.</summary>
            public byte[] GetBytes() => (byte[])policy.Bytes.Clone();
        }

        private sealed class PolicyData
        {
            internal PolicyData(string mode, long maxAge, string[] mxPatterns, string text)
            {
                Mode = mode;
                MaxAge = maxAge;
                MxPatterns = new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(mxPatterns);
                Text = text;
                Bytes = global::System.Text.Encoding.ASCII.GetBytes(text);
            }

            internal string Mode { get; }

            internal long MaxAge { get; }

            internal global::System.Collections.Generic.IReadOnlyList<string> MxPatterns { get; }

            internal string Text { get; }

            internal byte[] Bytes { get; }
        }
        """;

    /// <summary>Lines of the template that the form leaves out.</summary>
    private const string Omitted = "\u0001";

    private static void WriteEndpoint(CodeBuilder code, string policyType, string generatedCode, string nullable, bool multiDomain)
    {
        // The single-domain form serves its one policy to the hosts of the endpoint's RequireHost metadata; the
        // multi-domain form serves each configured policy host its own policy, looked up in O(1), and no other host.
        var text = EndpointTemplate
            .Replace("$PolicyHosts$", multiDomain ? "$PolicyType$.GetPolicyHosts()" : "$PolicyType$.PolicyHost")
            .Replace("$PolicyBytesField$", multiDomain ? Omitted : "private static readonly byte[] policyBytes = $PolicyType$.GetBytes();")
            .Replace("$HostMetadata$", multiDomain ? Omitted : "var hosts = endpoint.Metadata.GetMetadata<global::Microsoft.AspNetCore.Routing.IHostMetadata>();")
            .Replace("$HostMatches$", multiDomain
                ? "$PolicyType$.FindByPolicyHost(request.Host.Host) != null"
                : "(hosts == null || hosts.Hosts.Count == 0 || global::System.Linq.Enumerable.Any(hosts.Hosts, host => HostMatches(host, request)))")
            .Replace("$PolicyBytesLocal$", multiDomain ? MultiDomainPolicyBytes : Omitted)
            .Replace("$PolicyType$", policyType)
            .Replace("$GeneratedCode$", generatedCode)
            .Replace("$Nullable$", nullable);
        foreach (var line in text.Split('\n').Where(line => line.Trim() != Omitted))
        {
            code.Line(line);
        }
    }

    /// <summary>The multi-domain form's <c>ServePolicy</c> finds the bytes of the request's host.</summary>
    private const string MultiDomainPolicyBytes = """
                    var policy = $PolicyType$.FindByPolicyHost(context.Request.Host.Host);
                    if (policy == null)
                    {
                        context.Response.StatusCode = 404;
                        return global::System.Threading.Tasks.Task.CompletedTask;
                    }

                    var policyBytes = policy.Bytes;
        """;

    /// <summary>
    /// The ASP.NET Core part. The policy URL has one owner: a middleware that the generated hosting startup puts in
    /// front of the whole pipeline (an <c>IStartupFilter</c>), switched on by <c>MapMtaStsPolicy()</c>. It answers
    /// the policy host before routing, authorization, static files and response compression see the request, so
    /// neither <c>MapStaticAssets</c>' content negotiation nor a fallback authorization policy can get in the way
    /// (RFC 8461 section 3.3: anything but 200 and the policy is a failed fetch). docs/msbuild.md explains the choice.
    /// </summary>
    private const string EndpointTemplate = """
        namespace Microsoft.AspNetCore.Builder
        {
            /// <summary>Serves the MTA-STS policy file from an ASP.NET Core app.</summary>
            $GeneratedCode$
            internal static class MtaStsEndpointRouteBuilderExtensions
            {
                /// <summary>
                /// Answers GET and HEAD <c>/.well-known/mta-sts.txt</c> for the Policy Host (<c>MtaStsPolicy.PolicyHost</c>, any port,
                /// and any host added with <c>RequireHost</c> on the result) with 200, <c>text/plain</c> and the exact policy bytes:
                /// anonymously, uncompressed, never a redirect (RFC 8461 section 3.3), whatever else the app maps at that path.
                /// Requests for other hosts go on to the rest of the app. The Policy Host must be served over HTTPS with a
                /// certificate valid for it.
                /// </summary>
                public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder MapMtaStsPolicy(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)
                {
                    if (endpoints == null)
                    {
                        throw new global::System.ArgumentNullException(nameof(endpoints));
                    }

                    var owner = endpoints.ServiceProvider.GetService(typeof(global::Microsoft.AspNetCore.Builder.MtaStsPolicyOwner)) as global::Microsoft.AspNetCore.Builder.MtaStsPolicyOwner;
                    if (owner == null)
                    {
                        throw new global::System.InvalidOperationException(
                            "MapMtaStsPolicy() needs the service that MtaSts.Build's generated hosting startup registers, and it did not run "
                            + "(ASPNETCORE_PREVENTHOSTINGSTARTUP is set, or this code is not in the app's entry assembly). "
                            + "Call builder.Services.AddMtaStsPolicy() before builder.Build().");
                    }

                    var endpoint = global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapMethods(
                        endpoints, $PolicyType$.WellKnownPath, new[] { "GET", "HEAD" }, global::Microsoft.AspNetCore.Builder.MtaStsPolicyOwner.ServePolicy);
                    global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions.RequireHost(endpoint, $PolicyHosts$);
                    global::Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions.AllowAnonymous(endpoint);
                    endpoint.Add(builder => builder.Metadata.Add(owner));
                    owner.Own(endpoints.DataSources);
                    return global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions.WithDisplayName(endpoint, "MTA-STS policy");
                }
            }

            /// <summary>
            /// Owns <c>/.well-known/mta-sts.txt</c> on the policy host(s) once <c>MapMtaStsPolicy()</c> was called: a middleware
            /// in front of the whole pipeline (this startup filter runs before the app's own middleware) that hands matching
            /// requests straight to the policy endpoint. Without <c>MapMtaStsPolicy()</c> it passes every request on, and the
            /// file under wwwroot is served like any static file.
            /// </summary>
            $GeneratedCode$
            internal sealed class MtaStsPolicyOwner : global::Microsoft.AspNetCore.Hosting.IStartupFilter
            {
                $PolicyBytesField$
                private volatile global::System.Collections.Generic.ICollection<global::Microsoft.AspNetCore.Routing.EndpointDataSource>$Nullable$ dataSources;
                private volatile global::Microsoft.AspNetCore.Routing.RouteEndpoint[]$Nullable$ policyEndpoints;

                internal void Own(global::System.Collections.Generic.ICollection<global::Microsoft.AspNetCore.Routing.EndpointDataSource> sources)
                {
                    policyEndpoints = null;
                    dataSources = sources;
                }

                public global::System.Action<global::Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(global::System.Action<global::Microsoft.AspNetCore.Builder.IApplicationBuilder> next)
                {
                    return app =>
                    {
                        app.Use(rest => context => Answer(context) ?? rest(context));
                        next(app);
                    };
                }

                private global::System.Threading.Tasks.Task$Nullable$ Answer(global::Microsoft.AspNetCore.Http.HttpContext context)
                {
                    var sources = dataSources;
                    var request = context.Request;
                    if (sources == null
                        || !(global::Microsoft.AspNetCore.Http.HttpMethods.IsGet(request.Method) || global::Microsoft.AspNetCore.Http.HttpMethods.IsHead(request.Method))
                        || !string.Equals(request.Path.Value, $PolicyType$.WellKnownPath, global::System.StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }

                    var endpoints = policyEndpoints ?? (policyEndpoints = FindPolicyEndpoints(sources));
                    foreach (var endpoint in endpoints)
                    {
                        $HostMetadata$
                        if (endpoint.RequestDelegate != null && $HostMatches$)
                        {
                            global::Microsoft.AspNetCore.Http.EndpointHttpContextExtensions.SetEndpoint(context, endpoint);
                            return endpoint.RequestDelegate(context);
                        }
                    }

                    return null;
                }

                private global::Microsoft.AspNetCore.Routing.RouteEndpoint[] FindPolicyEndpoints(global::System.Collections.Generic.ICollection<global::Microsoft.AspNetCore.Routing.EndpointDataSource> sources)
                {
                    var found = new global::System.Collections.Generic.List<global::Microsoft.AspNetCore.Routing.RouteEndpoint>();
                    foreach (var source in global::System.Linq.Enumerable.ToArray(sources))
                    {
                        foreach (var endpoint in source.Endpoints)
                        {
                            var route = endpoint as global::Microsoft.AspNetCore.Routing.RouteEndpoint;
                            if (route != null && global::System.Linq.Enumerable.Contains(route.Metadata, this))
                            {
                                found.Add(route);
                            }
                        }
                    }

                    return found.ToArray();
                }

                /// <summary>The host patterns of <c>RequireHost</c>: <c>host</c> (any port), <c>host:port</c>, <c>*.suffix</c>, <c>*:port</c>.</summary>
                private static bool HostMatches(string pattern, global::Microsoft.AspNetCore.Http.HttpRequest request)
                {
                    var host = pattern;
                    string$Nullable$ port = null;
                    var colon = pattern.LastIndexOf(':');
                    if (colon >= 0 && pattern.IndexOf(']', colon) < 0)
                    {
                        host = pattern.Substring(0, colon);
                        port = pattern.Substring(colon + 1);
                    }

                    if (port != null && port != "*")
                    {
                        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
                        if (port != requestPort.ToString(global::System.Globalization.CultureInfo.InvariantCulture))
                        {
                            return false;
                        }
                    }

                    // Host.Host is decoded to Unicode when the Host header carries an A-label (as senders send an IDN
                    // policy host), while PolicyHost is the A-label: match the header's own form too.
                    return host == "*"
                        || HostNameMatches(host, request.Host.Host)
                        || HostNameMatches(host, new global::Microsoft.AspNetCore.Http.HostString(request.Host.ToUriComponent()).Host);
                }

                private static bool HostNameMatches(string host, string requestHost) =>
                    host.StartsWith("*.", global::System.StringComparison.Ordinal)
                        ? requestHost.EndsWith(host.Substring(1), global::System.StringComparison.OrdinalIgnoreCase)
                        : string.Equals(requestHost, host, global::System.StringComparison.OrdinalIgnoreCase);

                internal static global::System.Threading.Tasks.Task ServePolicy(global::Microsoft.AspNetCore.Http.HttpContext context)
                {
        $PolicyBytesLocal$
                    var response = context.Response;
                    response.StatusCode = 200;
                    response.ContentType = $PolicyType$.ContentType;
                    response.ContentLength = policyBytes.Length;
                    return global::Microsoft.AspNetCore.Http.HttpMethods.IsHead(context.Request.Method)
                        ? global::System.Threading.Tasks.Task.CompletedTask
                        : response.Body.WriteAsync(policyBytes, 0, policyBytes.Length, context.RequestAborted);
                }
            }

            /// <summary>Registers MtaSts.Build's policy owner in every app built from this assembly (ASP.NET Core always
            /// runs the hosting startups of the app's own assembly).</summary>
            $GeneratedCode$
            internal sealed class MtaStsHostingStartup : global::Microsoft.AspNetCore.Hosting.IHostingStartup
            {
                public void Configure(global::Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
                {
                    builder.ConfigureServices(services => global::Microsoft.Extensions.DependencyInjection.MtaStsServiceCollectionExtensions.AddMtaStsPolicy(services));
                }
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            /// <summary>Registers what <c>app.MapMtaStsPolicy()</c> needs.</summary>
            $GeneratedCode$
            internal static class MtaStsServiceCollectionExtensions
            {
                /// <summary>
                /// Registers the middleware that lets <c>app.MapMtaStsPolicy()</c> own the policy URL. The generated hosting
                /// startup calls it; call it yourself only where hosting startups are turned off. Calling it twice is harmless.
                /// </summary>
                public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddMtaStsPolicy(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                {
                    if (services == null)
                    {
                        throw new global::System.ArgumentNullException(nameof(services));
                    }

                    foreach (var service in services)
                    {
                        if (service.ServiceType == typeof(global::Microsoft.AspNetCore.Builder.MtaStsPolicyOwner))
                        {
                            return services;
                        }
                    }

                    var owner = new global::Microsoft.AspNetCore.Builder.MtaStsPolicyOwner();
                    global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, owner);
                    global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<global::Microsoft.AspNetCore.Hosting.IStartupFilter>(services, owner);
                    return services;
                }
            }
        }
        """;

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

    /// <summary>
    /// A C# regular string literal that is pure ASCII: quotes, backslashes, control and non-ASCII characters are escaped,
    /// so IDN names and any future input round-trip exactly whatever encoding the compiler assumes.
    /// </summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\r': text.Append("\\r"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
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

    /// <summary>A C# namespace from an MSBuild value such as <c>$(RootNamespace)</c>: every dot-separated part made a
    /// valid identifier (<c>my-site</c> becomes <c>my_site</c>, <c>1st</c> becomes <c>_1st</c>, keywords get <c>@</c>).</summary>
    public static string ToNamespace(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var parts = value!.Trim().Split('.')
            .Where(part => part.Length > 0)
            .Select(ToIdentifier);
        return string.Join(".", parts);
    }

    private static string ToIdentifier(string part)
    {
        var identifier = new StringBuilder(part.Length + 1);
        foreach (var c in part)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var valid = c == '_' || char.IsLetterOrDigit(c) || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            // Non-ASCII letters stay, as Unicode escapes: the generated file is pure ASCII.
            if (!valid)
            {
                identifier.Append('_');
            }
            else if (c > 0x7E)
            {
                identifier.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                identifier.Append(c);
            }
        }

        if (identifier.Length == 0 || char.IsDigit(identifier[0]))
        {
            identifier.Insert(0, '_');
        }

        var result = identifier.ToString();
        return Keywords.Contains(result) ? "@" + result : result;
    }

    /// <summary>Keeps a value from ending a <c>//</c> comment line early.</summary>
    private static string Comment(string value) =>
        new(value.Select(c => c < 0x20 || c > 0x7E ? '?' : c).ToArray());

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Lines with four-space indentation and LF endings (the repository's and the SDK's generated-file style).</summary>
    private sealed class CodeBuilder
    {
        private readonly StringBuilder text = new();

        public int Indent { get; set; }

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                text.Append(' ', Indent * 4).Append(line);
            }

            text.Append('\n');
        }

        /// <summary>Opens a block, or nothing for a null header (the global namespace).</summary>
        public void Open(string? header)
        {
            blocks.Push(header is not null);
            if (header is null)
            {
                return;
            }

            Line(header);
            Line("{");
            Indent++;
        }

        public void Close()
        {
            if (!blocks.Pop())
            {
                return;
            }

            Indent--;
            Line("}");
        }

        private readonly Stack<bool> blocks = new();

        public override string ToString() => text.ToString();
    }
}
