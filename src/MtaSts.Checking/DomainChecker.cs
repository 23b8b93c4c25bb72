using System.Diagnostics;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Configuration;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;
using MtaSts.Values;
using M = MtaSts.Diagnostics.DiagnosticMessages.Check;

namespace MtaSts.Checking;

/// <summary>
/// <c>mta-sts check DOMAIN</c>: what a sending MTA would do with the domain right now (RFC 8461 §3-§5), and what to fix.
/// Every lookup, the policy fetch and every MX probe run concurrently; <see cref="CheckRules"/> judges what they found.
/// </summary>
public sealed class DomainChecker(CheckOptions options)
{
    /// <summary>The SMTP port probed; tests may point it elsewhere.</summary>
    internal int SmtpPort { get; init; } = StartTlsProber.SmtpPort;

    /// <summary>
    /// The domain to check, read by the core's one rule for a Policy Domain a person gives (<see cref="PolicyDomain.Parse"/>:
    /// trimmed, one final dot dropped, U-labels to lower-case A-labels, at least two labels); when it is not one,
    /// <paramref name="problem"/> says why in the words <c>mta-sts.yaml</c> gets for the same mistake.
    /// </summary>
    public static bool TryNormalizeDomain(string input, out string domain, out string problem)
    {
        var parsed = PolicyDomain.Parse(input);
        domain = parsed.IsValid ? parsed.Value : "";
        problem = parsed.Problem is { } why ? ValueMessages.Describe(ValueSubject.Domain, input ?? "", why, Strictness.Config) : "";
        return parsed.IsValid;
    }

    /// <summary>Checks <paramref name="domain"/> as a sending MTA sees it now; step 5 compares with <see cref="CheckOptions.ConfigFile"/>, if set.</summary>
    public Task<CheckReport> CheckAsync(string domain, CancellationToken cancellation = default) =>
        CheckAsync(domain, expected: null, cancellation);

    /// <summary>
    /// Checks <paramref name="domain"/>; step 5 compares the live deployment with <paramref name="expected"/>, the policy
    /// and id a build produced (a site's served policy), instead of <see cref="CheckOptions.ConfigFile"/>.
    /// </summary>
    public async Task<CheckReport> CheckAsync(string domain, ExpectedPolicy? expected, CancellationToken cancellation = default)
    {
        if (!TryNormalizeDomain(domain, out var name, out var problem))
        {
            throw new ArgumentException(problem, nameof(domain));
        }

        var checkedAt = options.Clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var dns = new DnsLookup(options.Resolver);
        var policyHost = Deployment.PolicyHostFor(name);

        // Everything independent starts at once: a check is as slow as its slowest peer, not the sum of them.
        var stsTask = dns.QueryAsync(StsTxtRecord.NameFor(name), QueryType.TXT, cancellation);
        var rptTask = dns.QueryAsync(TlsRptRecord.NameFor(name), QueryType.TXT, cancellation);
        var fetchTask = new PolicyFetcher(dns, options).FetchAsync(name, cancellation);
        var caaTask = RelevantCaaAsync(dns, policyHost, cancellation);
        var mxTask = dns.QueryAsync(name, QueryType.MX, cancellation);
        var hostsTask = ProbeMxHostsAsync(dns, name, mxTask, cancellation);

        await Task.WhenAll(stsTask, rptTask, fetchTask, caaTask, hostsTask).ConfigureAwait(false);
        var findings = new List<Finding>();

        // Step 1: DNS, the two TXT records the same way: a failed lookup is not checked, an answer is evaluated.
        (LintResult? Lint, string? Value, TxtDiscovery? Txt) TxtStep(
            DnsAnswer answer, Func<string, TxtDiscovery, (List<Finding> Findings, LintResult? Lint, string? Value)> evaluate)
        {
            if (answer.Failure is { } failure)
            {
                findings.Add(CheckRules.LookupFailed(CheckSteps.Dns, answer.Name, "TXT", failure));
                return (null, null, null);
            }

            var txt = DnsFacts.ReadTxt(answer.Name, answer.Records);
            var (stepFindings, lint, value) = evaluate(name, txt);
            findings.AddRange(stepFindings);
            return (lint, value, txt);
        }

        var sts = await stsTask.ConfigureAwait(false);
        var (stsLint, stsValue, stsTxt) = TxtStep(sts, CheckRules.StsRecord);
        var (rptLint, rptValue, _) = TxtStep(await rptTask.ConfigureAwait(false), CheckRules.TlsRptRecord);

        var (mxHosts, mxFindings, probed) = await hostsTask.ConfigureAwait(false);
        findings.AddRange(mxFindings);

        // Step 2: the HTTPS policy fetch.
        var fetch = await fetchTask.ConfigureAwait(false);
        var (fetchFindings, policyLint, usable) = CheckRules.PolicyFetch(name, fetch.Facts, fetch.Failure, fetch.FailureDetail, options.ExpiryWarningDays);
        findings.AddRange(fetchFindings);
        if (policyLint is not null)
        {
            findings.AddRange(CheckRules.PolicyAdvice(fetch.Facts.Url, policyLint));
        }

        if (await caaTask.ConfigureAwait(false) is { } caaOwner)
        {
            findings.Add(CheckRules.CaaForbidsAll(policyHost, caaOwner));
        }

        // Step 3: MX coverage, against the served policy when there is one to read.
        var skipped = new List<string>();
        var havePatterns = policyLint?.Mode is not null;
        var matches = new Dictionary<string, string?>();
        var liveMx = mxHosts.Select(h => new MxRecordFact(h.Preference, h.Host)).ToList();
        if (havePatterns && liveMx.Count > 0)
        {
            var (coverage, found) = CheckRules.Coverage(policyLint!, liveMx, fetch.Facts.Url);
            findings.AddRange(coverage);
            matches = found;
        }
        else
        {
            findings.Add(Finding.Skipped(CheckSteps.Coverage, name,
                liveMx.Count == 0 ? "No MX hosts to match." : "No policy was read, so there are no mx patterns to match the MX hosts against."));
        }

        // Step 4: STARTTLS (probes ran concurrently with everything above).
        if (!options.CheckSmtp)
        {
            skipped.Add(CheckSteps.StartTls);
        }
        else
        {
            foreach (var host in mxHosts)
            {
                findings.AddRange(host.Probes.Select(p => CheckRules.Probe(host.Host, p, options.ExpiryWarningDays)));
                if (host.HasTlsa)
                {
                    findings.Add(Finding.Info(CheckSteps.StartTls, host.Host,
                        $"_25._tcp.{host.Host} has TLSA records: senders that support DANE use those instead of the MTA-STS policy for this host (RFC 8461 §2)."));
                }
            }
        }

        var hosts = mxHosts.Select(h =>
        {
            matches.TryGetValue(h.Host, out var match);
            var (deliverable, summary) = CheckRules.MxSummary(match, havePatterns, h.Probes, probed, h.Addresses.Count, h.Refused);
            return h with { MatchedPattern = match, DeliverableUnderEnforce = deliverable, Summary = summary };
        }).ToList();

        // Step 5: drift from mta-sts.yaml.
        Deployment? generated = null;
        if (expected is not null)
        {
            findings.AddRange(DriftCheck.AgainstBuild(name, expected, new DriftCheck.Live(fetch.Facts.Body, policyLint, stsLint?.Id, rptLint?.Rua)));
        }
        else if (options.ConfigFile is not null || options.ConfigText is not null)
        {
            var document = options.ConfigFile is { } configFile
                ? ConfigReader.ReadFile(configFile)
                : ConfigReader.Read(options.ConfigText!, "mta-sts.yaml");
            var (drift, deployment) = DriftCheck.AgainstConfig(document, name,
                new DriftCheck.Live(fetch.Facts.Body, policyLint, stsLint?.Id, rptLint?.Rua));
            findings.AddRange(drift);
            generated = deployment;
        }
        else
        {
            skipped.Add(CheckSteps.Drift);
        }

        var verdict = CheckRules.Verdict(stsLint, sts.Failure is not null, policyLint, usable);
        // A fix is a policy and records to publish: only for errors those can fix (not a certificate on an MX host).
        var fixable = findings.Any(f => f.Status == CheckStatus.Error && f.Step != CheckSteps.StartTls);
        var fix = !fixable ? null
            : generated is not null ? CheckFix.FromDeployment(generated)
            : CheckFix.FromLive(name, liveMx, policyLint, rptLint?.Rua);

        return new CheckReport
        {
            Domain = name,
            CheckedAt = checkedAt,
            ElapsedMilliseconds = stopwatch.ElapsedMilliseconds,
            Findings = findings.OrderBy(f => CheckSteps.All.ToList().IndexOf(f.Step)).ToList(),
            StsRecord = stsValue,
            StsRecordCnames = stsTxt?.Cnames ?? [],
            TlsRptRecord = rptValue,
            PolicyFetch = fetch.Facts,
            MxHosts = hosts,
            Verdict = verdict,
            Fix = fix,
            SkippedSteps = skipped,
        };
    }

    /// <summary>MX lookup, then per host (concurrently): addresses, TLSA, and a STARTTLS probe of every address.</summary>
    private async Task<(IReadOnlyList<MxHostResult> Hosts, List<Finding> Findings, bool Probed)> ProbeMxHostsAsync(
        DnsLookup dns, string domain, Task<DnsAnswer> mxTask, CancellationToken cancellation)
    {
        var answer = await mxTask.ConfigureAwait(false);
        var findings = new List<Finding>();
        if (answer.Failure is { } failure)
        {
            findings.Add(CheckRules.LookupFailed(CheckSteps.Dns, domain, "MX", failure));
            return ([], findings, false);
        }

        var (mxFindings, records) = CheckRules.MxRecords(domain, DnsFacts.ReadMx(domain, answer.Records));
        findings.AddRange(mxFindings);
        if (records.Count > options.MaxMxHosts)
        {
            findings.Add(Finding.Info(CheckSteps.Dns, domain,
                $"{domain} has {records.Count} MX hosts; this checker looks at the {options.MaxMxHosts} most preferred only ({records[options.MaxMxHosts - 1].Host} and before)."));
            records = records.Take(options.MaxMxHosts).ToList();
        }

        var results = await Task.WhenAll(records.Select(async record =>
        {
            var addressesTask = dns.AddressesAsync(record.Host, cancellation);
            var tlsaTask = dns.QueryAsync($"_25._tcp.{record.Host}", QueryType.TLSA, cancellation);
            var (addresses, addressFailure) = await addressesTask.ConfigureAwait(false);
            var hostFindings = new List<Finding>();
            if (addresses.Count == 0)
            {
                hostFindings.Add(addressFailure is not null
                    ? CheckRules.LookupFailed(CheckSteps.Dns, record.Host, "A/AAAA", addressFailure)
                    : Finding.From(CheckSteps.Dns, record.Host, M.MxWithoutAddress.Create(default, record.Host, null, record.Host)));
            }

            // Judged after resolution, every address, before any is contacted; the probes connect to these very
            // addresses (the name is not resolved again). A host with a refused address is not contacted at all.
            var refusals = options.AddressPolicy.Refusals(addresses);
            if (refusals.Count > 0)
            {
                hostFindings.Add(CheckRules.AddressRefused(CheckSteps.StartTls, record.Host, M.MxHost.Format(record.Host), string.Join("; ", refusals), StartTlsProber.SmtpPort));
            }

            var probes = options.CheckSmtp && refusals.Count == 0
                ? await Task.WhenAll(addresses.Select(a => new StartTlsProber(options).ProbeAsync(record.Host, a, SmtpPort, cancellation))).ConfigureAwait(false)
                : [];
            var tlsa = await tlsaTask.ConfigureAwait(false);
            var hasTlsa = tlsa.Records.OfType<TlsaRecord>().Any();
            return (new MxHostResult
            {
                Host = record.Host,
                Preference = record.Preference,
                Addresses = addresses.Select(a => a.ToString()).ToList(),
                Probes = probes,
                HasTlsa = hasTlsa,
                Summary = "",
                Refused = refusals.Count > 0,
            }, hostFindings);
        })).ConfigureAwait(false);

        findings.AddRange(results.SelectMany(r => r.hostFindings));
        return (results.Select(r => r.Item1).ToList(), findings, options.CheckSmtp);
    }

    /// <summary>
    /// RFC 8659 §3: the CAA set that applies to the policy host is the first found climbing from it towards the root
    /// (not the root itself). Returns the owner name when that set lets no CA issue; null otherwise or when unknown.
    /// </summary>
    private static async Task<string?> RelevantCaaAsync(DnsLookup dns, string host, CancellationToken cancellation)
    {
        var labels = host.Split('.');
        for (var i = 0; i < labels.Length - 1; i++)
        {
            var owner = string.Join(".", labels.Skip(i));
            var answer = await dns.QueryAsync(owner, QueryType.CAA, cancellation).ConfigureAwait(false);
            if (answer.Failure is not null)
            {
                return null;
            }

            var caa = answer.Records.OfType<CaaRecord>().ToList();
            if (caa.Count > 0)
            {
                return DnsFacts.CaaForbidsEveryIssuer(caa) ? owner : null;
            }
        }

        return null;
    }
}
