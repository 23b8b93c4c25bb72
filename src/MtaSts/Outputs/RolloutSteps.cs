using System.Globalization;
using System.Text;
using MtaSts.Policy;

namespace MtaSts.Output;

/// <summary>
/// What to publish next, in the order RFC 8461 §8.1 asks for (the policy file first, the TXT records second), in one
/// set of words for every host: the build's summary line, <c>mta-sts generate</c>, the zone snippet's comments and the
/// web page. ASCII only (no '§'): the zone snippet is read by DNS tools that differ on other bytes.
/// </summary>
public static class RolloutSteps
{
    public const string Order = "Deploy in this order (RFC 8461 section 8.1):";

    /// <summary>Step 1, before the policy URL.</summary>
    public const string ServeLead = "Serve the policy at";

    /// <summary>Step 2.</summary>
    public const string PublishLead = "Then publish the TXT records";

    /// <summary>Why step 2 comes second.</summary>
    public const string PublishWhy = "Senders refetch the policy when the id changes, so change the policy file first and the id second.";

    /// <summary>Step 1, after the policy URL: how the policy must be served (RFC 8461 §3.3).</summary>
    public static string ServeConditions(Deployment deployment) => ServeConditionsFor($"The host {deployment.PolicyHost} needs");

    /// <summary>Step 1 for several domains: the same conditions for every Policy Host.</summary>
    public static string ServeConditionsForEach => ServeConditionsFor("Each host mta-sts.<domain> needs");

    private static string ServeConditionsFor(string subject) =>
        $"with status 200, Content-Type text/plain and no redirect. {subject} an address record (A/AAAA or CNAME) and a certificate valid for that name from a publicly trusted CA (RFC 8461 section 3.3).";

    /// <summary>One line: what the policy is (mode, mx patterns, max_age) and its id.</summary>
    public static string Describe(Deployment deployment)
    {
        var policy = deployment.Policy;
        return $"Policy id {deployment.PolicyId}: mode {policy.Mode.ToKeyword()}, {policy.Mx.Count} mx pattern{(policy.Mx.Count == 1 ? "" : "s")}, max_age {policy.MaxAge.ToString(CultureInfo.InvariantCulture)}.";
    }

    /// <summary>The TXT records to publish, owner names fully qualified (with the root dot), in publishing order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Records(Deployment deployment) =>
        Dns.DnsTxtRecord.For(deployment).Select(r => (r.Name + ".", r.Value)).ToList();

    /// <summary>
    /// The one line a build prints: where the outputs are and which DNS records to publish, e.g. <c>MtaSts: policy for
    /// example.com (mode testing, id …) -&gt; wwwroot/.well-known/mta-sts.txt; publish the DNS records in …: …</c>.
    /// </summary>
    public static string Summary(Deployment deployment, string? policyFile, string? zoneFile, string? previousId)
    {
        var text = new StringBuilder("MtaSts: policy for ").Append(deployment.UnicodeDomain);
        if (deployment.UnicodeDomain != deployment.PolicyDomain)
        {
            text.Append(" (").Append(deployment.PolicyDomain).Append(')');
        }

        text.Append(" (mode ").Append(deployment.Policy.Mode.ToKeyword()).Append(", id ").Append(deployment.PolicyId);
        if (previousId is not null && previousId != deployment.PolicyId)
        {
            text.Append(", was ").Append(previousId);
        }

        text.Append(')');
        if (policyFile is not null)
        {
            text.Append(" -> ").Append(policyFile);
        }

        text.Append("; publish the DNS records").Append(zoneFile is null ? "" : " in " + zoneFile).Append(": ");
        text.Append(string.Join(", ", Records(deployment).Select(r => $"{r.Name.TrimEnd('.')} TXT \"{r.Value}\"")));
        return text.ToString();
    }

    /// <summary>At most this many domains of one mode are named in the multi-domain summary; the rest are counted.</summary>
    public const int NamedDomainsPerMode = 10;

    /// <summary>
    /// The one line a build of the multi-domain form prints: how many domains, each mode with its domains, where the
    /// policy is served from and where the zone snippets are, e.g. <c>MtaSts: policies for 3 domains (enforce:
    /// contoso.com, fabrikam.com; testing: münchen-contoso.de) -&gt; wwwroot/.well-known/mta-sts.txt; publish each
    /// domain's DNS records from bin/Debug/net10.0/mta-sts/&lt;domain&gt;.zone</c>.
    /// </summary>
    /// <param name="policyFile">The shared policy file, or null when none was written.</param>
    /// <param name="policiesDiffer">The policies differ and there is no file per domain: the endpoint serves them.</param>
    /// <param name="zoneDirectory">The directory of the zone snippets (ending in a separator), or null.</param>
    public static string Summary(IReadOnlyList<Deployment> deployments, string? policyFile, bool policiesDiffer, string? zoneDirectory)
    {
        var text = new StringBuilder("MtaSts: policies for ")
            .Append(deployments.Count.ToString(CultureInfo.InvariantCulture))
            .Append(deployments.Count == 1 ? " domain (" : " domains (");
        // The most common mode first; a tie in the order of the configuration.
        var modes = deployments.GroupBy(d => d.Policy.Mode).OrderByDescending(g => g.Count());
        text.Append(string.Join("; ", modes.Select(mode =>
        {
            var names = mode.Take(NamedDomainsPerMode).Select(d => d.UnicodeDomain);
            var more = mode.Count() > NamedDomainsPerMode ? $" and {(mode.Count() - NamedDomainsPerMode).ToString(CultureInfo.InvariantCulture)} more" : "";
            return mode.Key.ToKeyword() + ": " + string.Join(", ", names) + more;
        }))).Append(')');
        if (policyFile is not null)
        {
            text.Append(" -> ").Append(policyFile);
        }
        else if (policiesDiffer)
        {
            text.Append(" -> no shared policy file, the policies differ: app.MapMtaStsPolicy() serves each host its own (MTASTS5007)");
        }

        text.Append("; publish each domain's DNS records")
            .Append(zoneDirectory is null ? "" : " from " + zoneDirectory + "<domain>.zone");
        return text.ToString();
    }

    /// <summary>Splits <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters
    /// (a longer word, such as a URL, gets a line of its own).</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
