using System.Text;
using MtaSts.Configuration;
using MtaSts.Lint;
using MtaSts.Policy;
using M = MtaSts.Diagnostics.DiagnosticMessages.Check;

namespace MtaSts.Checking;

/// <summary>
/// Step 5, drift: is what is live what mta-sts.yaml generates (<see cref="AgainstConfig"/>) or what a build produced
/// (<see cref="AgainstBuild"/>)? The served policy field by field, the published id (with <c>id: auto</c>, the hash of
/// the <em>served</em> policy, so "policy changed, id not" is caught), the TLS-RPT record.
/// </summary>
public static class DriftCheck
{
    private const string Step = CheckSteps.Drift;

    /// <summary>The live facts drift is judged on.</summary>
    public sealed record Live(byte[]? ServedPolicy, PolicyLintResult? ServedLint, string? PublishedId, IReadOnlyList<string>? PublishedRua);

    /// <summary>The live deployment of <paramref name="domain"/> against what <paramref name="document"/> generates for it, and that generated deployment.</summary>
    public static (List<Finding> Findings, Deployment? Generated) AgainstConfig(ConfigDocument document, string domain, Live live)
    {
        var findings = new List<Finding>();
        var file = document.File ?? "mta-sts.yaml";
        var servedText = live.ServedPolicy is null ? null : Encoding.UTF8.GetString(live.ServedPolicy);

        // id: timestamp keeps the published id while the policy is unchanged (the build does the same with its last output).
        var result = ConfigValidator.Validate(document, new ValidationOptions { PreviousPolicyText = servedText, PreviousPolicyId = live.PublishedId });
        findings.AddRange(result.Diagnostics.Select(d => Finding.From(Step, file, d)));
        if (result.Deployment is null)
        {
            return (findings, null);
        }

        // The multi-domain form configures several domains: the checked one is compared (deployments follow the file's order).
        var index = result.Deployments.ToList().FindIndex(d => d.PolicyDomain == domain);
        if (index < 0)
        {
            var configured = result.IsMultiDomain
                ? M.ConfiguresDomains.Format(
                    string.Join(", ", result.Deployments.Take(5).Select(d => d.PolicyDomain)),
                    result.Deployments.Count > 5 ? M.AndMore.Format(result.Deployments.Count - 5) : "")
                : M.IsForDomain.Format(result.Deployment.PolicyDomain);
            findings.Add(Finding.From(Step, file, M.ConfigDomain.Create(default, file, null, file, configured, domain)));
            return (findings, null);
        }

        var generated = result.Deployments[index];
        var idSetting = document.Policies[index].Id?.Value ?? PolicyId.Auto;

        var clean = true;
        if (servedText is not null && live.ServedLint is { } served && servedText != generated.PolicyText)
        {
            clean = false;
            var differences = Differences(served, servedText, generated.Policy.Mode, generated.Policy.Mx.Select(m => m.Value).ToList(), generated.Policy.MaxAge, generated.PolicyText);
            findings.Add(Finding.From(Step, generated.PolicyUrl, M.PolicyDrift.Create(default, generated.PolicyUrl, null, file, differences)));
        }

        if (live.PublishedId is { } published)
        {
            if (idSetting == PolicyId.Auto && servedText is not null)
            {
                var hash = PolicyId.FromPolicyText(servedText);
                if (published != hash)
                {
                    clean = false;
                    var reason = servedText == generated.PolicyText || published == generated.PolicyId
                        ? M.IdNotChangedReason
                        : M.IdNotOfServedPolicy;
                    findings.Add(Finding.From(Step, generated.StsRecordName,
                        M.IdNotChanged.Create(default, generated.StsRecordName, null, hash, generated.StsRecordName, published, reason.Format())));
                }
            }
            else if (idSetting != PolicyId.Auto && idSetting != PolicyId.Timestamp && published != generated.PolicyId)
            {
                clean = false;
                findings.Add(Finding.From(Step, generated.StsRecordName,
                    M.IdDrift.Create(default, generated.StsRecordName, null, generated.StsRecordName, published, file, generated.PolicyId, generated.StsRecord.Value)));
            }
        }

        if (generated.TlsRptRecord is { } rpt && TlsRptDrift(file, generated.TlsRptRecordName, rpt.Rua, rpt.Value, live.PublishedRua) is { } rptDrift)
        {
            clean = false;
            findings.Add(rptDrift);
        }

        if (clean)
        {
            findings.Add(Finding.Pass(Step, file, $"The live policy, id and TLS-RPT record are what {file} generates."));
        }

        return (findings, generated);
    }

    /// <summary>
    /// Step 5 against what a build produced (<see cref="ExpectedPolicy"/>), e.g. the policy a site serves: the policy
    /// fetched from the public URL is byte for byte the built one, <c>_mta-sts</c> publishes the built id, and, when the
    /// build has a TLS-RPT record, <c>_smtp._tls</c> publishes its destinations.
    /// </summary>
    public static List<Finding> AgainstBuild(string domain, ExpectedPolicy expected, Live live)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(live);
        var findings = new List<Finding>();
        var url = Deployment.PolicyUrlFor(domain);
        var recordName = MtaSts.Dns.StsTxtRecord.NameFor(domain);
        var source = expected.Source;
        var clean = true;

        // Bytes, not values: a policy with other line endings or field order is another policy with the same id (§3.1).
        if (live.ServedPolicy is { } servedBytes && live.ServedLint is { } served && !servedBytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(expected.Text)))
        {
            clean = false;
            var built = PolicyLinter.Lint(expected.Text);
            var differences = Differences(served, Encoding.UTF8.GetString(servedBytes), built.Mode, built.MxPatterns.Select(m => m.Value).ToList(), built.MaxAge, expected.Text);
            findings.Add(Finding.From(Step, url, M.PolicyDriftFromBuild.Create(default, url, null, url, source, differences)));
        }

        if (live.PublishedId is { } published && published != expected.Id)
        {
            clean = false;
            findings.Add(Finding.From(Step, recordName, M.IdDriftFromBuild.Create(default, recordName, null, recordName, published, source, expected.Id)));
        }

        // The build's TLS-RPT record, when it has one: reports go where the live record says (RFC 8460 §3).
        if (expected.TlsRptRecord is { } record)
        {
            var rua = TlsRptRecordLinter.Lint(record).Rua;
            var rptName = MtaSts.Dns.TlsRptRecord.NameFor(domain);
            if (TlsRptDrift(source, rptName, rua, record, live.PublishedRua) is { } rptDrift)
            {
                clean = false;
                findings.Add(rptDrift);
            }
        }

        if (clean && live.ServedPolicy is not null && live.PublishedId is not null)
        {
            findings.Add(Finding.Pass(Step, recordName, expected.TlsRptRecord is null
                ? $"The live policy and id {expected.Id} are what {source} has."
                : $"The live policy, id {expected.Id} and TLS-RPT record are what {source} has."));
        }

        return findings;
    }

    /// <summary>
    /// The one TLS-RPT drift rule (MTASTS7123), for a configuration and for a build: the destinations published at
    /// <c>_smtp._tls</c> are, as a set, the expected ones (RFC 8460 §3: reports go where the DNS record says); null when they are.
    /// </summary>
    private static Finding? TlsRptDrift(string source, string recordName, IReadOnlyList<string> rua, string record, IReadOnlyList<string>? publishedRua)
    {
        publishedRua ??= [];
        if (rua.OrderBy(r => r, StringComparer.Ordinal).SequenceEqual(publishedRua.OrderBy(r => r, StringComparer.Ordinal)))
        {
            return null;
        }

        var now = publishedRua.Count == 0 ? M.NoTlsRptPublished.Format() : M.PublishesRua.Format(string.Join(", ", publishedRua));
        return Finding.From(Step, recordName, M.TlsRptDrift.Create(default, recordName, null, source, string.Join(", ", rua), now, recordName, record));
    }

    /// <summary>"mode: served testing, generated enforce; mx: served also has …, lacks …; max_age …; line endings or order differ".</summary>
    internal static string Differences(PolicyLintResult served, string servedText, PolicyMode? mode, IReadOnlyList<string> generatedMx, long? maxAge, string generatedText)
    {
        var parts = new List<string>();
        if (served.Mode != mode)
        {
            parts.Add(M.ModeDiffers.Format(served.Mode?.ToKeyword() ?? M.Invalid.Format(), mode?.ToKeyword() ?? M.Invalid.Format()));
        }

        // The linter's parsed patterns: already in the form the configuration's are (lower-case A-labels).
        var servedMx = served.MxPatterns.Select(m => m.Value).ToList();
        var extra = servedMx.Except(generatedMx, StringComparer.Ordinal).ToList();
        var missing = generatedMx.Except(servedMx, StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            parts.Add(M.ExtraMx.Format(string.Join(", ", extra)));
        }

        if (missing.Count > 0)
        {
            parts.Add(M.MissingMx.Format(string.Join(", ", missing)));
        }

        if (served.MaxAge != maxAge)
        {
            parts.Add(M.MaxAgeDiffers.Format(served.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? M.Invalid.Format(), maxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? M.Invalid.Format()));
        }

        if (parts.Count == 0)
        {
            parts.Add(servedText.Replace("\r\n", "\n") == generatedText.Replace("\r\n", "\n")
                ? M.LineEndingsDiffer.Format()
                : M.OtherText.Format());
        }

        return string.Join("; ", parts);
    }
}
