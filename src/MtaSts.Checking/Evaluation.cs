using System.Globalization;
using System.Net.Http.Headers;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Checking;

/// <summary>
/// Facts in, findings out: every judgement of the check, without a network. The RFC rules themselves (record grammar,
/// policy grammar, §4.1 matching, the id hash) are the core's; this maps their results to findings.
/// </summary>
public static class Evaluation
{
    private const string Step = CheckSteps.Dns;

    /// <summary>What a lookup that failed says: the check could not run, the domain is not to blame.</summary>
    public static Finding LookupFailed(string step, string name, string type, DnsLookupFailure failure) =>
        Finding.NotChecked(step, name, D.CheckDnsLookupFailed.Create(
            $"Could not look up {name} {type}: {failure.Reason}. This is a problem of the lookup, not necessarily of the domain; check again, or ask another server with --dns-server.",
            file: name));

    /// <summary>
    /// A host the check did not contact because <see cref="CheckOptions.AddressPolicy"/> refuses one of its addresses
    /// (a server checking domains for strangers connects only to public addresses): the step could not run.
    /// </summary>
    public static Finding AddressRefused(string step, string host, string what, string port) =>
        Finding.NotChecked(step, host, D.CheckAddressRefused.Create(
            $"Not connecting to {what} on {port}: this checker only connects to addresses its address policy allows, so this step was not checked. A sender on the internet cannot reach such an address either; publish the host's public address, or run mta-sts check from inside your network.",
            file: host));

    /// <summary>
    /// What differs between the two TXT records of step 1; the steps themselves are one (<see cref="TxtRecord"/>):
    /// keep the records that begin with the version and ';' (the core's rule), exactly one must remain, lint it.
    /// </summary>
    private sealed record TxtRecordStep(
        Func<string, string> NameFor,
        Func<string, bool> IsCandidate,
        Func<string, string?, LintResult> Lint,
        string Hosts,
        string? NearMissPrefix,
        Func<string, string, TxtDiscovery, Diagnostic> None,
        Func<string, List<string>, Diagnostic> Several,
        Func<string, string, LintResult, string> Pass);

    private static readonly TxtRecordStep Sts = new(
        StsTxtRecord.NameFor,
        StsTxtRecord.IsCandidate,
        StsRecordLinter.Lint,
        "the policy's TXT record",
        // A record that only just misses the version is linted to say why senders discard it.
        NearMissPrefix: "v=STS",
        None: (_, name, txt) =>
        {
            var seen = txt.Records.Count == 0
                ? "There is no TXT record"
                : $"None of its {txt.Records.Count} TXT record{(txt.Records.Count == 1 ? "" : "s")} ({Quoted(txt.Records)}) begins with 'v=STSv1;'";
            return D.CheckNoStsRecord.Create(
                $"{seen} at {name}, so senders see no MTA-STS policy (RFC 8461 §3.1). Publish one: {name} TXT \"v=STSv1; id=<id>;\" (see the fix below).",
                file: name);
        },
        Several: (name, candidates) => D.CheckMultipleStsRecords.Create(
            $"{candidates.Count} TXT records at {name} begin with 'v=STSv1' ({Quoted(candidates)}). Senders then treat the domain as having no MTA-STS policy (RFC 8461 §3.1). Delete all but one.",
            file: name),
        Pass: (name, value, lint) => $"{name} TXT \"{value}\": policy id {lint.Id}.");

    private static readonly TxtRecordStep TlsRpt = new(
        MtaSts.Dns.TlsRptRecord.NameFor,
        MtaSts.Dns.TlsRptRecord.IsCandidate,
        TlsRptRecordLinter.Lint,
        "the TLS-RPT record",
        NearMissPrefix: null,
        None: (domain, name, _) => D.CheckNoTlsRptRecord.Create(
            $"No TXT record at {name} begins with 'v=TLSRPTv1;': senders send no reports of TLS failures (RFC 8460 §3). Publish one, e.g. {name} TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"; above all while in mode testing.",
            file: name),
        Several: (name, candidates) => D.CheckMultipleTlsRptRecords.Create(
            $"{candidates.Count} TXT records at {name} begin with 'v=TLSRPTv1' ({Quoted(candidates)}); reporters then treat the domain as not using TLS-RPT (RFC 8460 §3). Merge them into one.",
            file: name),
        Pass: (name, value, lint) => $"{name} TXT \"{value}\": reports go to {string.Join(", ", lint.Rua)}.");

    /// <summary>Step 1, <c>_mta-sts</c> (RFC 8461 §3.1): the one <c>v=STSv1</c> record, linted by the core.</summary>
    public static (List<Finding> Findings, LintResult? Lint, string? Value) StsRecord(string domain, TxtDiscovery txt) =>
        TxtRecord(Sts, domain, txt);

    /// <summary>Step 1, <c>_smtp._tls</c> (RFC 8460 §3): exactly one <c>v=TLSRPTv1</c> record with valid destinations.</summary>
    public static (List<Finding> Findings, LintResult? Lint, string? Value) TlsRptRecord(string domain, TxtDiscovery txt) =>
        TxtRecord(TlsRpt, domain, txt);

    private static (List<Finding> Findings, LintResult? Lint, string? Value) TxtRecord(TxtRecordStep step, string domain, TxtDiscovery txt)
    {
        var name = step.NameFor(domain);
        var findings = new List<Finding>();
        AddCnames(findings, name, txt, step.Hosts);

        var candidates = txt.Records.Where(step.IsCandidate).ToList();
        if (candidates.Count == 0)
        {
            findings.Add(Finding.From(Step, name, step.None(domain, name, txt)));
            var nearMisses = step.NearMissPrefix is { } prefix
                ? txt.Records.Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                : [];
            foreach (var nearMiss in nearMisses)
            {
                findings.AddRange(step.Lint(nearMiss, name + " TXT").Diagnostics.Select(d => Finding.From(Step, name, d)));
            }

            return (findings, null, null);
        }

        if (candidates.Count > 1)
        {
            findings.Add(Finding.From(Step, name, step.Several(name, candidates)));
            return (findings, null, null);
        }

        var value = candidates[0];
        var lint = step.Lint(value, name + " TXT");
        findings.AddRange(lint.Diagnostics.Select(d => Finding.From(Step, name, d)));
        if (lint.IsValid)
        {
            findings.Add(Finding.Pass(Step, name, step.Pass(name, value, lint)));
        }

        return (findings, lint, value);
    }

    private static void AddCnames(List<Finding> findings, string name, TxtDiscovery txt, string what)
    {
        if (txt.Cnames.Count > 0)
        {
            findings.Add(Finding.Info(Step, name,
                $"{name} is a CNAME to {string.Join(" -> ", txt.Cnames)}: {txt.Target} hosts {what} (senders follow it, RFC 8461 §3.1, §8.2)."));
        }
    }

    /// <summary>Step 1, MX (RFC 5321 §5.1, RFC 7505): the hosts senders deliver to, or the domain itself when it has no MX.</summary>
    public static (List<Finding> Findings, IReadOnlyList<MxRecordFact> Hosts) MxRecords(string domain, IReadOnlyList<MxRecordFact> records)
    {
        var findings = new List<Finding>();
        if (records.Count == 1 && records[0].IsNullMx)
        {
            findings.Add(Finding.From(Step, domain, D.CheckNullMx.Create(
                $"{domain} publishes a null MX (RFC 7505): it accepts no mail, so an MTA-STS policy has no effect. Withdraw MTA-STS (mode none, RFC 8461 §8.3) or publish the real MX records.",
                file: domain)));
            return (findings, []);
        }

        var hosts = records.Where(r => !r.IsNullMx).ToList();
        if (hosts.Count == 0)
        {
            findings.Add(Finding.From(Step, domain, D.CheckNoMxRecords.Create(
                $"{domain} has no MX records: senders deliver to {domain} itself (RFC 5321 §5.1), so the policy must list '{domain}' and that host must offer STARTTLS. Publish MX records for your mail servers.",
                file: domain)));
            return (findings, [new MxRecordFact(0, domain)]);
        }

        findings.Add(Finding.Pass(Step, domain, $"{domain} MX " + string.Join(", ", hosts.Select(h => $"{h.Preference} {h.Host}")) + "."));
        return (findings, hosts);
    }

    /// <summary>Step 2 (RFC 8461 §3.2, §3.3): status, redirects, media type and size of the fetch, then the body linted.</summary>
    internal static (List<Finding> Findings, PolicyLintResult? Lint, bool Usable) PolicyFetch(
        string policyDomain, PolicyFetchFacts facts, PolicyFetcher.FetchFailure? failure, string? detail, int? expiryWarningDays = null)
    {
        var policyHost = Deployment.PolicyHostFor(policyDomain);
        const string step = CheckSteps.PolicyFetch;
        var url = facts.Url;
        var findings = new List<Finding>();
        Finding Error(DiagnosticDescriptor descriptor, string message) => Finding.From(step, url, descriptor.Create(message, file: url));

        switch (failure)
        {
            case PolicyFetcher.FetchFailure.DnsFailed:
                findings.Add(LookupFailed(step, policyHost, "A/AAAA", new DnsLookupFailure(detail ?? "no answer")));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.AddressRefused:
                findings.Add(AddressRefused(step, policyHost, $"{policyHost} ({detail})", "port 443"));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.NoAddress:
                findings.Add(Error(D.CheckPolicyHostUnreachable,
                    $"{policyHost} has no A or AAAA record, so senders cannot fetch the policy (RFC 8461 §3.3). Publish the address of the web server that serves {url}."));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.ConnectFailed:
                findings.Add(Error(D.CheckPolicyHostUnreachable,
                    $"Cannot connect to {policyHost} on port 443 ({detail}): senders cannot fetch the policy (RFC 8461 §3.3). Check that the web server runs and port 443 is open."));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Certificate when facts.Tls is { } tls:
                var descriptor = tls.Problem switch
                {
                    CertificateProblem.Expired or CertificateProblem.NotYetValid => D.CheckPolicyCertificateExpired,
                    CertificateProblem.WrongName => D.CheckPolicyCertificateName,
                    _ => D.CheckPolicyCertificateUntrusted,
                };
                findings.Add(Error(descriptor,
                    $"{policyHost}: {CertificateCheck.Describe(tls, policyHost)}. Senders only fetch the policy over HTTPS with a certificate valid for {policyHost} from a trusted CA (RFC 8461 §3.3): install a current certificate whose subjectAltName covers {policyHost} (a wildcard *.{policyDomain} does too)."));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Certificate:
            case PolicyFetcher.FetchFailure.TlsFailed:
                findings.Add(Error(D.CheckPolicyTlsFailed,
                    $"The TLS handshake with {policyHost} failed ({detail}). Senders connect with SNI {policyHost} and need TLS 1.2 or newer (RFC 8461 §3.3, §7.1)."));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Timeout:
                findings.Add(Error(D.CheckPolicyTimeout,
                    $"{url}: {detail}. Policy hosts should serve the whole policy well within a minute (RFC 8461 §3.3)."));
                return (findings, null, false);
        }

        var status = facts.StatusCode ?? 0;
        if (status is >= 300 and < 400)
        {
            findings.Add(Error(D.CheckPolicyRedirect,
                $"{url} answered {status} with Location: {facts.Location ?? "(none)"}. Senders do not follow redirects (RFC 8461 §3.3): serve the policy itself at {url} with status 200 (not from a CDN or an apex redirect)."));
            return (findings, null, false);
        }

        if (status != 200)
        {
            findings.Add(Error(D.CheckPolicyStatus,
                $"{url} answered {status}; senders accept a policy only with status 200 (RFC 8461 §3.3). Serve the policy file at exactly that path."));
            return (findings, null, false);
        }

        var usable = true;
        if (failure == PolicyFetcher.FetchFailure.TooLarge)
        {
            findings.Add(Error(D.CheckPolicyTooLarge,
                $"{url} sent more than {Policy.StsPolicy.MaxPolicyBytes:N0} bytes; the check stopped reading there, as senders may (RFC 8461 §3.3 suggests a 64 KB limit). Is this the policy file? A policy is a few hundred bytes."));
            return (findings, null, false);
        }

        if (!IsTextPlain(facts.ContentType))
        {
            usable = false;
            findings.Add(Error(D.CheckPolicyContentType,
                $"{url} is served as '{facts.ContentType ?? "(no Content-Type)"}'; senders check for text/plain (RFC 8461 §3.2) and strict ones reject anything else. Serve it as 'text/plain' (parameters such as charset=utf-8 are fine)."));
        }

        var lint = PolicyLinter.Lint(facts.Body ?? [], url);
        findings.AddRange(lint.Diagnostics.Select(d => Finding.From(step, url, d)));
        usable &= lint.IsValid;
        if (usable)
        {
            var certificate = facts.Tls is { } t ? $", certificate valid until {t.CertificateNotAfter:yyyy-MM-dd}" : "";
            findings.Add(Finding.Pass(step, url, $"{url}: 200, {facts.ContentType}, {facts.BodyBytes} bytes{certificate}: mode {lint.Mode?.ToKeyword()}, max_age {lint.MaxAge}, mx {string.Join(", ", lint.Mx)}."));
        }

        // A certificate that lapses stops every sender's fetch (§3.3): say so while there is time to renew.
        if (facts.Tls is { Problem: CertificateProblem.None, DaysUntilExpiry: { } days } valid && days < expiryWarningDays)
        {
            findings.Add(Finding.From(step, policyHost, D.CheckPolicyCertificateExpiresSoon.Create(
                $"The certificate of {policyHost} expires on {valid.CertificateNotAfter:yyyy-MM-dd}, in {Days(days)}. Renew it in time: once it expires, senders cannot fetch the policy (RFC 8461 §3.3); those without a cached policy then deliver without MTA-STS, and the policy cannot be updated.",
                file: policyHost)));
        }

        return (findings, lint, usable);
    }

    /// <summary><c>text/plain</c>, with any parameters (RFC 8461 §3.2).</summary>
    public static bool IsTextPlain(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase);

    /// <summary>Advice on the served policy: mode none, a short max_age under enforce.</summary>
    public static List<Finding> PolicyAdvice(string url, PolicyLintResult lint)
    {
        var findings = new List<Finding>();
        if (lint.Mode == PolicyMode.None)
        {
            findings.Add(Finding.From(CheckSteps.PolicyFetch, url, D.CheckModeNone.Create(
                "The policy has mode none: senders treat the domain as having no active policy (RFC 8461 §5). That is right while withdrawing MTA-STS (§8.3); otherwise publish testing or enforce with a new id.",
                file: url)));
        }
        else if (lint.Mode == PolicyMode.Enforce && lint.MaxAge is < 86400)
        {
            findings.Add(Finding.From(CheckSteps.PolicyFetch, url, D.CheckShortMaxAgeEnforce.Create(
                $"max_age {lint.MaxAge} is under a day with mode enforce: senders forget the policy quickly, which leaves a window for downgrade attacks (RFC 8461 §10.2). Use weeks, e.g. max_age: 1209600.",
                file: url)));
        }

        return findings;
    }

    /// <summary>CAA (RFC 8659) that lets no CA issue for the policy host: its certificate cannot be renewed.</summary>
    public static Finding CaaForbidsAll(string policyHost, string owner) =>
        Finding.From(CheckSteps.PolicyFetch, policyHost, D.CheckCaaForbidsAll.Create(
            $"The CAA records at {owner} allow no CA to issue certificates ('issue \";\"'), so the certificate of {policyHost} cannot be renewed. Add an issue record for your CA, e.g. {owner} CAA 0 issue \"letsencrypt.org\".",
            file: policyHost));

    /// <summary>Step 3 (RFC 8461 §4.1, the core's matching): every live MX host matches a pattern; every pattern matches a host.</summary>
    public static (List<Finding> Findings, Dictionary<string, string?> Matches) Coverage(
        PolicyLintResult policy, IReadOnlyList<MxRecordFact> hosts, string url)
    {
        const string step = CheckSteps.Coverage;
        var findings = new List<Finding>();
        var mode = policy.Mode ?? throw new ArgumentException("The policy has no valid mode.", nameof(policy));
        var patterns = policy.Mx;

        // The linter's parsed patterns, paired with the text as written for the messages.
        var parsed = patterns.Zip(policy.MxPatterns, (text, pattern) => (Text: text, Pattern: pattern)).ToList();
        var matches = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            var match = parsed.FirstOrDefault(p => p.Pattern.Matches(host.Host)).Text;
            matches[host.Host] = match;
            if (match is not null)
            {
                findings.Add(Finding.Pass(step, host.Host, $"MX {host.Host} matches the policy's mx pattern '{match}'."));
            }
            else if (mode == PolicyMode.Enforce)
            {
                findings.Add(Finding.From(step, host.Host, D.CheckMxNotCoveredEnforce.Create(
                    $"MX {host.Host} matches no mx pattern of the enforce policy ({Patterns(patterns)}): senders will not deliver mail to it (RFC 8461 §4.1, §5). Add 'mx: {host.Host}' to the policy (with a new id), or remove the MX record.",
                    file: host.Host)));
            }
            else if (mode == PolicyMode.Testing)
            {
                findings.Add(Finding.From(step, host.Host, D.CheckMxNotCoveredTesting.Create(
                    $"MX {host.Host} matches no mx pattern of the testing policy ({Patterns(patterns)}): senders deliver anyway and report a failure, but under enforce mail to it would fail (RFC 8461 §4.1, §5). Add 'mx: {host.Host}' to the policy (with a new id).",
                    file: host.Host)));
            }
        }

        if (mode != PolicyMode.None && hosts.Count > 0)
        {
            foreach (var (text, _) in parsed.Where(p => !hosts.Any(h => p.Pattern.Matches(h.Host))))
            {
                findings.Add(Finding.From(step, url, D.CheckStalePattern.Create(
                    $"The policy's mx pattern '{text}' matches none of the live MX hosts ({string.Join(", ", hosts.Select(h => h.Host))}). If that host is retired, remove the pattern (with a new id): every name it matches counts as a valid MX (RFC 8461 §10.4).",
                    file: url)));
            }
        }

        return (findings, matches);
    }

    private static string Patterns(IReadOnlyList<string> patterns) => patterns.Count == 0 ? "none" : string.Join(", ", patterns);

    /// <summary>Step 4: one finding per probe (RFC 8461 §4.2: STARTTLS, a certificate valid for the MX host name).</summary>
    public static Finding Probe(string host, StartTlsProbe probe, int expiryWarningDays)
    {
        const string step = CheckSteps.StartTls;
        var where = $"{host} ({probe.Address})";
        Finding Problem(DiagnosticDescriptor descriptor, string message) => Finding.From(step, host, descriptor.Create(message, file: host));
        switch (probe.Outcome)
        {
            case ProbeOutcome.Secure when probe.Tls is { } tls:
                if (tls.DaysUntilExpiry < expiryWarningDays)
                {
                    return Problem(D.CheckMxCertificateExpiresSoon,
                        $"{where}: the certificate expires on {tls.CertificateNotAfter:yyyy-MM-dd}, in {Days(tls.DaysUntilExpiry)}. Renew it in time: under enforce, senders stop delivering to {host} once it expires.");
                }

                return Finding.Pass(step, host, $"{where}: STARTTLS, {tls.Protocol}, certificate valid for {host} until {tls.CertificateNotAfter:yyyy-MM-dd} ({Days(tls.DaysUntilExpiry)}).");
            case ProbeOutcome.CertificateInvalid when probe.Tls is { } tls:
                var descriptor = tls.Problem switch
                {
                    CertificateProblem.WrongName => D.CheckMxCertificateName,
                    CertificateProblem.SelfSigned or CertificateProblem.UntrustedChain => D.CheckMxCertificateUntrusted,
                    CertificateProblem.Expired or CertificateProblem.NotYetValid => D.CheckMxCertificateExpired,
                    _ => D.CheckMxTlsFailed,
                };
                return Problem(descriptor,
                    $"{where}: {CertificateCheck.Describe(tls, host)}. Senders under enforce only deliver to an MX whose certificate is valid for its MX host name and chains to a trusted CA (RFC 8461 §4.2): install a certificate from a public CA whose subjectAltName covers {host}.");
            case ProbeOutcome.NoStartTls:
                return Problem(D.CheckMxNoStartTls,
                    $"{where} does not offer STARTTLS in its EHLO answer: senders under enforce will not deliver to it (RFC 8461 §4.2, §5). Enable STARTTLS with a certificate for {host}.");
            case ProbeOutcome.HandshakeFailed when probe.StartTlsRefusal is { } reply:
                return Problem(D.CheckMxTlsFailed,
                    $"{where} offers STARTTLS but refuses it: '{reply}'. Senders under enforce will not deliver to it (RFC 8461 §4.2; RFC 3207 §4). A server that advertises STARTTLS and then refuses it usually cannot load its own key or certificate (Postfix: 'TLS not available due to local problem'); its log names the file.");
            case ProbeOutcome.HandshakeFailed:
                return Problem(D.CheckMxTlsFailed,
                    $"{where} offers STARTTLS but the TLS handshake failed ({probe.Detail}). Senders connect with SNI {host} and need TLS 1.2 or newer (RFC 8461 §7.1, §7.2).");
            case ProbeOutcome.NotConnected:
                return Finding.NotChecked(step, host, D.CheckMxUnreachable.Create(
                    $"Could not connect to {where} on port 25 ({probe.Detail}). Outbound port 25 is often blocked on home, office and cloud networks, so this says nothing about the MX host: run the check where port 25 is open, or skip this step with --no-smtp.",
                    file: host));
            default:
                return Finding.NotChecked(step, host, D.CheckMxSmtpFailed.Create(
                    $"The SMTP dialogue with {where} broke off before STARTTLS ({probe.Detail}); the check could not see its TLS. Check again; if it persists, look at the server's log.",
                    file: host));
        }
    }

    /// <summary>Steps 3 and 4 in one line for one MX host: what a sender under enforce does with it.</summary>
    public static (bool? Deliverable, string Summary) MxSummary(string? match, bool havePatterns, IReadOnlyList<StartTlsProbe> probes, bool probed, int addressCount, bool refused = false)
    {
        if (refused)
        {
            var matched = !havePatterns ? "no policy to match it against" : match is null ? "matches no mx pattern of the policy" : $"matches '{match}'";
            return (havePatterns && match is null ? false : null, $"{matched}; not contacted: an address is refused by this checker's address policy");
        }

        var failures = probes.Where(p => p.Outcome is ProbeOutcome.CertificateInvalid or ProbeOutcome.NoStartTls or ProbeOutcome.HandshakeFailed).ToList();
        var reasons = new List<string>();
        if (havePatterns && match is null)
        {
            reasons.Add("it matches no mx pattern of the policy");
        }

        if (addressCount == 0)
        {
            reasons.Add("it has no address");
        }

        reasons.AddRange(failures.Select(p => (p.Outcome switch
        {
            ProbeOutcome.NoStartTls => "it offers no STARTTLS",
            ProbeOutcome.HandshakeFailed when p.StartTlsRefusal is not null => "it refuses STARTTLS",
            ProbeOutcome.HandshakeFailed => "its TLS handshake fails",
            _ => p.Detail ?? "its certificate is not valid",
        }) + $" ({p.Address})").Distinct());

        if (reasons.Count > 0)
        {
            return (false, "would fail under enforce, because " + string.Join("; ", reasons));
        }

        if (!havePatterns)
        {
            return (null, "no policy to match it against");
        }

        if (!probed)
        {
            return (null, $"matches '{match}'; STARTTLS not checked (--no-smtp)");
        }

        if (probes.Count > 0 && probes.All(p => p.Outcome == ProbeOutcome.Secure))
        {
            return (true, $"would be delivered to under enforce (matches '{match}', STARTTLS with a valid certificate)");
        }

        return probes.Any(p => p.Outcome == ProbeOutcome.Secure)
            ? (true, $"would be delivered to under enforce at {string.Join(", ", probes.Where(p => p.Outcome == ProbeOutcome.Secure).Select(p => p.Address))}; other addresses could not be checked")
            : (null, $"matches '{match}'; STARTTLS could not be checked (no connection on port 25)");
    }

    /// <summary>The sender's verdict (RFC 8461 §3-§5): no policy, or the mode, patterns and max_age senders apply.</summary>
    public static SenderVerdict Verdict(LintResult? record, bool stsLookupFailed, PolicyLintResult? policy, bool policyUsable)
    {
        if (stsLookupFailed)
        {
            return new SenderVerdict { Text = "unknown: the _mta-sts TXT record could not be looked up" };
        }

        if (record is null || !record.IsValid)
        {
            return new SenderVerdict { Text = "no valid policy: senders deliver without MTA-STS (a policy they cached earlier stays in force until its max_age runs out)" };
        }

        if (!policyUsable || policy?.Mode is not { } mode)
        {
            return new SenderVerdict
            {
                PolicyId = record.Id,
                Text = $"no valid policy: the TXT record announces id {record.Id}, but the policy cannot be fetched or is invalid; senders without a cached policy deliver without MTA-STS, those with one keep it (RFC 8461 §3.3)",
            };
        }

        var text = mode == PolicyMode.None
            ? $"senders treat the domain as having no active policy (mode none) for up to {policy.MaxAge} s"
            : $"senders apply mode {mode.ToKeyword()} for {string.Join(", ", policy.Mx)} for up to {policy.MaxAge.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)} s (policy id {record.Id})";
        return new SenderVerdict { HasPolicy = true, Mode = mode, Mx = policy.Mx, MaxAge = policy.MaxAge, PolicyId = record.Id, Text = text };
    }

    private static string Days(int? days) => days == 1 ? "1 day" : $"{days} days";

    private static string Quoted(IEnumerable<string> values) =>
        string.Join(", ", values.Select(UserText.Quoted));
}
