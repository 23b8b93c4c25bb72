using System.Text;
using MtaSts.Configuration;
using MtaSts.Lint;
using MtaSts.Policy;
using D = MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Checking;

/// <summary>
/// Step 5: is what is live what mta-sts.yaml generates? The served policy field by field, the published id (with
/// <c>id: auto</c>, the hash of the <em>served</em> policy, so "policy changed, id not" is caught), the TLS-RPT record.
/// </summary>
public static class Drift
{
    private const string Step = CheckSteps.Drift;

    /// <summary>The live facts drift is judged on.</summary>
    public sealed record Live(byte[]? ServedPolicy, PolicyLintResult? ServedLint, string? PublishedId, IReadOnlyList<string>? PublishedRua);

    public static (List<Finding> Findings, Deployment? Generated) Evaluate(ConfigDocument document, string domain, Live live)
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
                ? $"configures {string.Join(", ", result.Deployments.Take(5).Select(d => d.PolicyDomain))}{(result.Deployments.Count > 5 ? $" and {result.Deployments.Count - 5} more" : "")}"
                : $"is for '{result.Deployment.PolicyDomain}'";
            findings.Add(Finding.From(Step, file, D.CheckConfigDomain.Create(
                $"{file} {configured}, not '{domain}': nothing to compare. Check the domain, or give the configuration of {domain}.",
                file: file)));
            return (findings, null);
        }

        var generated = result.Deployments[index];
        var idSetting = document.Policies[index].Id?.Value ?? PolicyId.Auto;

        var clean = true;
        if (servedText is not null && live.ServedLint is { } served && servedText != generated.PolicyText)
        {
            clean = false;
            findings.Add(Finding.From(Step, generated.PolicyUrl, D.CheckPolicyDrift.Create(
                $"The served policy is not the one {file} generates: {Differences(served, servedText, generated.Policy.Mode, generated.Policy.Mx.Select(m => m.Value).ToList(), generated.Policy.MaxAge, generated.PolicyText)}. Publish the generated policy file (mta-sts generate, or deploy the build's output).",
                file: generated.PolicyUrl)));
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
                        ? "the policy changed but the id did not"
                        : "the id is not the one of the served policy";
                    findings.Add(Finding.From(Step, generated.StsRecordName, D.CheckIdNotChanged.Create(
                        $"With id: auto the id is the hash of the policy, and the served policy's is {hash}, but {generated.StsRecordName} publishes id {published}: {reason}. Senders that cached an older policy keep it, because they refetch only when the id changes (RFC 8461 §3.1). Publish the served policy's id: {generated.StsRecordName} TXT \"v=STSv1; id={hash};\" (after the policy itself, §8.1).",
                        file: generated.StsRecordName)));
                }
            }
            else if (idSetting != PolicyId.Auto && idSetting != PolicyId.Timestamp && published != generated.PolicyId)
            {
                clean = false;
                findings.Add(Finding.From(Step, generated.StsRecordName, D.CheckIdDrift.Create(
                    $"{generated.StsRecordName} publishes id {published}, but {file} sets id {generated.PolicyId}. Publish {generated.StsRecordName} TXT \"{generated.StsRecord.Value}\".",
                    file: generated.StsRecordName)));
            }
        }

        if (generated.TlsRptRecord is { } rpt)
        {
            var publishedRua = live.PublishedRua ?? [];
            if (!rpt.Rua.OrderBy(r => r, StringComparer.Ordinal).SequenceEqual(publishedRua.OrderBy(r => r, StringComparer.Ordinal)))
            {
                clean = false;
                var now = publishedRua.Count == 0 ? "no valid TLS-RPT record is published" : $"it publishes rua {string.Join(", ", publishedRua)}";
                findings.Add(Finding.From(Step, generated.TlsRptRecordName, D.CheckTlsRptDrift.Create(
                    $"{file} sends TLS reports to {string.Join(", ", rpt.Rua)}, but {now}. Publish {generated.TlsRptRecordName} TXT \"{rpt.Value}\".",
                    file: generated.TlsRptRecordName)));
            }
        }

        if (clean)
        {
            findings.Add(Finding.Pass(Step, file, $"The live policy, id and TLS-RPT record are what {file} generates."));
        }

        return (findings, generated);
    }

    /// <summary>
    /// Step 5 against what a build produced (<see cref="ExpectedPolicy"/>), e.g. the policy a site serves: the policy
    /// fetched from the public URL is byte for byte the built one, and <c>_mta-sts</c> publishes the built id.
    /// </summary>
    public static List<Finding> EvaluateExpected(string domain, ExpectedPolicy expected, Live live)
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
            findings.Add(Finding.From(Step, url, D.CheckPolicyDrift.Create(
                $"The policy served at {url} is not the one {source} has: {differences}. Senders get the served one: make {url} answer with the current build (another server, an older deployment or a cache answers it now).",
                file: url)));
        }

        if (live.PublishedId is { } published && published != expected.Id)
        {
            clean = false;
            findings.Add(Finding.From(Step, recordName, D.CheckIdDrift.Create(
                $"{recordName} publishes id {published}, but {source} has id {expected.Id}: senders that cached the policy of id {published} do not fetch the current one, they refetch only when the id changes (RFC 8461 §3.1). Publish {recordName} TXT \"v=STSv1; id={expected.Id};\" (after the policy itself, §8.1).",
                file: recordName)));
        }

        if (clean && live.ServedPolicy is not null && live.PublishedId is not null)
        {
            findings.Add(Finding.Pass(Step, recordName, $"The live policy and id {expected.Id} are what {source} has."));
        }

        return findings;
    }

    /// <summary>"mode: served testing, generated enforce; mx: served also has …, lacks …; max_age …; line endings or order differ".</summary>
    internal static string Differences(PolicyLintResult served, string servedText, PolicyMode? mode, IReadOnlyList<string> generatedMx, long? maxAge, string generatedText)
    {
        var parts = new List<string>();
        if (served.Mode != mode)
        {
            parts.Add($"mode is '{served.Mode?.ToKeyword() ?? "(invalid)"}', the configuration says '{mode?.ToKeyword() ?? "(invalid)"}'");
        }

        // The linter's parsed patterns: already in the form the configuration's are (lower-case A-labels).
        var servedMx = served.MxPatterns.Select(m => m.Value).ToList();
        var extra = servedMx.Except(generatedMx, StringComparer.Ordinal).ToList();
        var missing = generatedMx.Except(servedMx, StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            parts.Add($"it has mx {string.Join(", ", extra)}, which the configuration does not");
        }

        if (missing.Count > 0)
        {
            parts.Add($"it lacks mx {string.Join(", ", missing)}");
        }

        if (served.MaxAge != maxAge)
        {
            parts.Add($"max_age is {served.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(invalid)"}, the configuration says {maxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(invalid)"}");
        }

        if (parts.Count == 0)
        {
            parts.Add(servedText.Replace("\r\n", "\n") == generatedText.Replace("\r\n", "\n")
                ? "the line endings differ"
                : "the same values, but other text (field order, extension fields or whitespace)");
        }

        return string.Join("; ", parts);
    }
}
