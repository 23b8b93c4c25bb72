using System.Globalization;
using System.Text;
using MtaSts.Checking;
using MtaSts.Configuration;
using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts init --from-dns DOMAIN</c>: the <c>mta-sts.yaml</c> that reproduces what <see cref="DomainChecker"/> found
/// live. With a live policy (a valid <c>_mta-sts</c> record and a policy the strict fetch accepts), its mode, mx patterns
/// and max_age as served, and the published id: <c>id: auto</c> when the id is the hash of the served policy, else the
/// id itself, so that <c>mta-sts check --config</c> finds no drift. Without one, <c>mode: testing</c> and the live MX
/// hosts as <see cref="MxPattern.Covering"/> groups them. The published TLS-RPT destinations either way. Every value read
/// from DNS gets a comment saying so; where live and policy disagree, the checker's own findings are the warnings.
/// </summary>
internal static class LiveConfig
{
    /// <param name="Yaml">The file to write.</param>
    /// <param name="Config">The values in it, for validation.</param>
    /// <param name="Warnings">Lines in the canonical <c>subject: warning CODE: message</c> form.</param>
    /// <param name="HasLivePolicy">Whether the values came from a live policy (else from the MX records alone).</param>
    /// <param name="LookupsFailed">
    /// The DNS lookups that had no answer, as the checker reports them (MTASTS7003): without them what is live is not
    /// known, and a file written anyway could turn a live enforce policy into testing, so nothing is written.
    /// </param>
    internal sealed record Result(string Yaml, PolicyConfig Config, IReadOnlyList<string> Warnings, bool HasLivePolicy, IReadOnlyList<string> LookupsFailed);

    public static Result Build(CheckReport report)
    {
        var domain = report.Domain;
        var stsId = report.StsRecord is { } sts ? StsRecordLinter.Lint(sts).Id : null;
        var rua = report.TlsRptRecord is { } rpt ? TlsRptRecordLinter.Lint(rpt).Rua : null;
        var body = report.PolicyFetch?.Body;
        var served = body is null ? null : PolicyLinter.Lint(body);
        var fetchFailed = report.Findings.Any(f => f.Step == CheckSteps.PolicyFetch && f.Status == CheckStatus.Error);
        var live = stsId is not null && served?.Mode is not null && !fetchFailed;

        // What the checker found wrong with DNS, the fetch and MX coverage is what differs between live and policy.
        var warnings = report.Findings
            .Where(f => f.IsProblem && f.Diagnostic is not null && f.Step is CheckSteps.Dns or CheckSteps.PolicyFetch or CheckSteps.Coverage)
            .Select(Warning)
            .ToList();

        var policyUrl = Deployment.PolicyUrlFor(domain);
        var comments = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PolicyConfig config;
        if (live)
        {
            var servedText = Encoding.UTF8.GetString(body!);
            var idIsHash = stsId == PolicyId.FromPolicyText(servedText);
            config = new PolicyConfig
            {
                Domain = domain,
                Mode = served!.Mode!.Value.ToKeyword(),
                Mx = ConfigList.Of(served.MxPatterns.Select(p => p.Value).ToArray()),
                MaxAge = served.MaxAge?.ToString(CultureInfo.InvariantCulture) ?? "604800",
                Id = idIsHash ? PolicyId.Auto : stsId!,
                TlsRptRua = rua is { Count: > 0 } ? ConfigList.Of(rua.ToArray()) : null,
            };
            comments["mode"] = [$"# From DNS: the mode of the served policy ({policyUrl})."];
            comments["mx"] = ["# From DNS: the mx patterns of the served policy, as served (not the MX records)."];
            comments["max_age"] = ["# From DNS: the max_age of the served policy, in seconds."];
            comments["id"] = idIsHash
                ? [$"# From DNS: the id in _mta-sts.{domain} is the hash of the served policy, which is what 'auto' gives."]
                :
                [
                    $"# From DNS: the id published in _mta-sts.{domain}, kept as it is so that 'mta-sts check --config'",
                    "# finds no drift. It is not the hash 'auto' would give: after the first deploy of what this file",
                    "# generates, switch to 'id: auto' (the id then changes once, and senders refetch the policy).",
                ];
        }
        else
        {
            var hosts = report.MxHosts.Select(h => h.Host).ToList();
            var patterns = MxPattern.Covering(hosts);
            config = new PolicyConfig
            {
                Domain = domain,
                Mode = "testing",
                Mx = patterns.Count > 0 ? ConfigList.Of(patterns.Select(p => p.Value).ToArray()) : null,
                MaxAge = "1w",
                Id = PolicyId.Auto,
                TlsRptRua = rua is { Count: > 0 } ? ConfigList.Of(rua.ToArray()) : null,
            };
            comments["mode"] = [$"# No MTA-STS policy is live for {domain} (no valid _mta-sts record and policy): start in testing."];
            comments["mx"] =
            [
                $"# From DNS: the MX records of {domain}; hosts under the same parent domain as one wildcard",
                "# (a wildcard matches exactly one left-most label, RFC 8461 section 4.1).",
            ];
        }

        if (config.TlsRptRua is not null)
        {
            comments["tls_rpt"] = [$"# From DNS: the rua of _smtp._tls.{domain}."];
        }

        var yaml = Annotate(ConfigWriter.Write(config), comments, report.CheckedAt);
        if (live)
        {
            // What check --config would say of this file, by the same rules: no drift unless the served text is not
            // what the core writes (field order, line endings, extension fields).
            var (drift, _) = DriftCheck.AgainstConfig(ConfigReader.Read(yaml, InitCommand.DefaultOutput), domain,
                new DriftCheck.Live(body, served, stsId, rua));
            warnings.AddRange(drift.Where(f => f.IsProblem && f.Diagnostic is not null).Select(Warning));
        }

        var lookupsFailed = report.Findings
            .Where(f => f.Step == CheckSteps.Dns && f.Status == CheckStatus.NotChecked && f.Diagnostic is not null)
            .Select(f => f.Diagnostic!.ToString())
            .ToList();
        return new Result(yaml, config, warnings, live, lookupsFailed);
    }

    /// <summary>A finding as a warning of init: the file is written, but live and policy disagree.</summary>
    private static string Warning(Finding finding)
    {
        var diagnostic = finding.Diagnostic!;
        return $"{diagnostic.File ?? finding.Subject}: warning {diagnostic.Code}: {diagnostic.Message}";
    }

    /// <summary>A header, and the comments directly above the keys they are about.</summary>
    private static string Annotate(string yaml, Dictionary<string, string[]> comments, DateTimeOffset checkedAt)
    {
        var lines = yaml.Split('\n').ToList();
        var output = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i == 1)
            {
                output.Append("# Written by 'mta-sts init --from-dns' from what was live on ")
                    .Append(checkedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC.\n");
            }

            var colon = line.IndexOf(':');
            if (colon > 0 && !line.StartsWith("#", StringComparison.Ordinal) && !line.StartsWith(" ", StringComparison.Ordinal)
                && comments.TryGetValue(line.Substring(0, colon), out var comment))
            {
                foreach (var c in comment)
                {
                    output.Append(c).Append('\n');
                }
            }

            output.Append(line);
            if (i < lines.Count - 1)
            {
                output.Append('\n');
            }
        }

        return output.ToString();
    }
}
