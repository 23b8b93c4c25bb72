using System.Globalization;
using System.Net.Http.Headers;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;
using M = MtaSts.Diagnostics.DiagnosticMessages.Check;

namespace MtaSts.Checking;

/// <summary>
/// The check's rules: the facts <see cref="DomainChecker"/> gathered in, findings and the sender's verdict out, one
/// method per step and without a network. The RFC rules themselves (record grammar, policy grammar, §4.1 matching,
/// the id hash) are the core's; this maps their results to findings.
/// </summary>
public static class CheckRules
{
    private const string Step = CheckSteps.Dns;

    /// <summary>What a lookup that failed says: the check could not run, the domain is not to blame.</summary>
    public static Finding LookupFailed(string step, string name, string type, DnsLookupFailure failure) =>
        Finding.NotChecked(step, name, M.LookupFailed.Create(default, name, null, name, type, failure.Reason));

    /// <summary>
    /// A host the check did not contact because <see cref="CheckOptions.AddressPolicy"/> refuses one of its addresses
    /// (a server checking domains for strangers connects only to public addresses): the step could not run.
    /// <paramref name="shownAs"/> is the host as the message names it (<c>MX mx1.example.com</c> for an MX host).
    /// </summary>
    public static Finding AddressRefused(string step, string host, string shownAs, string refusals, int port) =>
        Finding.NotChecked(step, host, M.AddressRefused.Create(default, host, null, shownAs, refusals, port));

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
            var seen = txt.Records.Count switch
            {
                0 => M.NoTxtRecord.Format(),
                1 => M.NoneOfOne.Format(Quoted(txt.Records)),
                _ => M.NoneOfSeveral.Format(txt.Records.Count, Quoted(txt.Records)),
            };
            return M.NoStsRecord.Create(default, name, null, seen, name);
        },
        Several: (name, candidates) => M.SeveralStsRecords.Create(default, name, null, candidates.Count, name, Quoted(candidates)),
        Pass: (name, value, lint) => $"{name} TXT \"{value}\": policy id {lint.Id}.");

    private static readonly TxtRecordStep TlsRpt = new(
        MtaSts.Dns.TlsRptRecord.NameFor,
        MtaSts.Dns.TlsRptRecord.IsCandidate,
        TlsRptRecordLinter.Lint,
        "the TLS-RPT record",
        NearMissPrefix: null,
        None: (domain, name, _) => M.NoTlsRptRecord.Create(default, name, null, name, domain),
        Several: (name, candidates) => M.SeveralTlsRptRecords.Create(default, name, null, candidates.Count, name, Quoted(candidates)),
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
            findings.Add(Finding.From(Step, domain, M.NullMx.Create(default, domain, null, domain)));
            return (findings, []);
        }

        var hosts = records.Where(r => !r.IsNullMx).ToList();
        if (hosts.Count == 0)
        {
            findings.Add(Finding.From(Step, domain, M.NoMxRecords.Create(default, domain, null, domain)));
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
        Finding Error(DiagnosticMessage message, params object?[] args) => Finding.From(step, url, message.Create(default, url, null, args));

        switch (failure)
        {
            case PolicyFetcher.FetchFailure.DnsFailed:
                findings.Add(LookupFailed(step, policyHost, "A/AAAA", new DnsLookupFailure(detail ?? "no answer")));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.AddressRefused:
                findings.Add(AddressRefused(step, policyHost, policyHost, detail ?? "", 443));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.NoAddress:
                findings.Add(Error(M.PolicyHostNoAddress, policyHost, url));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.ConnectFailed:
                findings.Add(Error(M.PolicyHostNoConnection, policyHost, detail));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Certificate when facts.Tls is { } tls:
                var descriptor = tls.Problem switch
                {
                    CertificateProblem.Expired or CertificateProblem.NotYetValid => D.CheckPolicyCertificateExpired,
                    CertificateProblem.WrongName => D.CheckPolicyCertificateName,
                    _ => D.CheckPolicyCertificateUntrusted,
                };
                findings.Add(Finding.From(step, url, M.PolicyCertificate.Create(descriptor, default, url, policyHost, CertificateCheck.Describe(tls, policyHost), policyDomain)));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Certificate:
            case PolicyFetcher.FetchFailure.TlsFailed:
                findings.Add(Error(M.PolicyTlsFailed, policyHost, detail));
                return (findings, null, false);
            case PolicyFetcher.FetchFailure.Timeout:
                findings.Add(Error(M.PolicyTimeout, url, detail));
                return (findings, null, false);
        }

        var status = facts.StatusCode ?? 0;
        if (status is >= 300 and < 400)
        {
            findings.Add(Error(M.PolicyRedirect, url, status, facts.Location ?? M.NoLocation.Format()));
            return (findings, null, false);
        }

        if (status != 200)
        {
            findings.Add(Error(M.PolicyStatus, url, status));
            return (findings, null, false);
        }

        var usable = true;
        if (failure == PolicyFetcher.FetchFailure.TooLarge)
        {
            findings.Add(Error(M.PolicyTooLarge, url, Policy.StsPolicy.MaxPolicyBytes));
            return (findings, null, false);
        }

        if (!IsTextPlain(facts.ContentType))
        {
            usable = false;
            findings.Add(Error(M.PolicyContentType, url, facts.ContentType ?? M.NoContentType.Format()));
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
            findings.Add(Finding.From(step, policyHost, M.PolicyCertificateExpiresSoon.Create(default, policyHost, null, policyHost, valid.CertificateNotAfter, Days(days))));
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
            findings.Add(Finding.From(CheckSteps.PolicyFetch, url, M.ModeNone.Create(default, url, null)));
        }
        else if (lint.Mode == PolicyMode.Enforce && lint.MaxAge is < 86400)
        {
            findings.Add(Finding.From(CheckSteps.PolicyFetch, url, M.ShortMaxAgeEnforce.Create(default, url, null, lint.MaxAge)));
        }

        return findings;
    }

    /// <summary>CAA (RFC 8659) that lets no CA issue for the policy host: its certificate cannot be renewed.</summary>
    public static Finding CaaForbidsAll(string policyHost, string owner) =>
        Finding.From(CheckSteps.PolicyFetch, policyHost, M.CaaForbidsAll.Create(default, policyHost, null, owner, policyHost));

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
                findings.Add(Finding.From(step, host.Host, M.MxNotCoveredEnforce.Create(default, host.Host, null, host.Host, Patterns(patterns))));
            }
            else if (mode == PolicyMode.Testing)
            {
                findings.Add(Finding.From(step, host.Host, M.MxNotCoveredTesting.Create(default, host.Host, null, host.Host, Patterns(patterns))));
            }
        }

        if (mode != PolicyMode.None && hosts.Count > 0)
        {
            foreach (var (text, _) in parsed.Where(p => !hosts.Any(h => p.Pattern.Matches(h.Host))))
            {
                findings.Add(Finding.From(step, url, M.StalePattern.Create(default, url, null, text, string.Join(", ", hosts.Select(h => h.Host)))));
            }
        }

        return (findings, matches);
    }

    private static string Patterns(IReadOnlyList<string> patterns) => patterns.Count == 0 ? M.NoPatterns.Format() : string.Join(", ", patterns);

    /// <summary>Step 4: one finding per probe (RFC 8461 §4.2: STARTTLS, a certificate valid for the MX host name).</summary>
    public static Finding Probe(string host, StartTlsProbe probe, int expiryWarningDays)
    {
        const string step = CheckSteps.StartTls;
        var where = $"{host} ({probe.Address})";
        Finding Problem(DiagnosticMessage message, params object?[] args) => Finding.From(step, host, message.Create(default, host, null, [host, probe.Address, .. args]));
        switch (probe.Outcome)
        {
            case ProbeOutcome.Secure when probe.Tls is { } tls:
                if (tls.DaysUntilExpiry < expiryWarningDays)
                {
                    return Problem(M.MxCertificateExpiresSoon, tls.CertificateNotAfter, Days(tls.DaysUntilExpiry));
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
                return Finding.From(step, host, M.MxCertificate.Create(descriptor, default, host, host, probe.Address, CertificateCheck.Describe(tls, host)));
            case ProbeOutcome.NoStartTls:
                return Problem(M.MxNoStartTls);
            case ProbeOutcome.HandshakeFailed when probe.StartTlsRefusal is { } reply:
                return Problem(M.MxStartTlsRefused, reply);
            case ProbeOutcome.HandshakeFailed:
                return Problem(M.MxHandshakeFailed, probe.Detail);
            case ProbeOutcome.NotConnected:
                return Finding.NotChecked(step, host, M.MxUnreachable.Create(default, host, null, host, probe.Address, probe.Detail));
            default:
                return Finding.NotChecked(step, host, M.MxSmtpFailed.Create(default, host, null, host, probe.Address, probe.Detail));
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

    private static string Days(int? days) => days == 1 ? M.OneDay.Format() : M.Days.Format(days);

    private static string Quoted(IEnumerable<string> values) =>
        string.Join(", ", values.Select(UserText.Quoted));
}
