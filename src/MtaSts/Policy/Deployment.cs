using MtaSts.Dns;

namespace MtaSts;

/// <summary>How the id of a deployment was chosen (the <c>id</c> setting of <c>mta-sts.yaml</c>).</summary>
public enum PolicyIdKind
{
    /// <summary>Given as 1-32 letters and digits.</summary>
    Literal,

    /// <summary>The hash of the policy text: changes exactly when the policy does.</summary>
    Auto,

    /// <summary>The UTC time of the change, kept while the policy is unchanged (<see cref="Output.PolicyIdState"/>).</summary>
    Timestamp,
}

/// <summary>
/// Everything one Policy Domain publishes, validated and normalized: the policy file served by the Policy Host and the
/// DNS records. Hosts (build task, CLI, web page) only render or write these values.
/// </summary>
public sealed class Deployment
{
    /// <summary>The path of the policy file on the Policy Host (RFC 8461 §3.2, registered in §9.1).</summary>
    public const string WellKnownPath = "/.well-known/mta-sts.txt";

    /// <summary>What comes before the Policy Domain in the Policy Host name (RFC 8461 §3.2).</summary>
    public const string PolicyHostPrefix = "mta-sts.";
    public const int DefaultTtl = 3600;

    public Deployment(string policyDomain, Policy.StsPolicy policy, StsTxtRecord stsRecord, TlsRptRecord? tlsRptRecord, int ttl, PolicyIdKind idKind = PolicyIdKind.Literal)
    {
        IdKind = idKind;
        PolicyDomain = policyDomain;
        Policy = policy;
        PolicyText = policy.ToText();
        StsRecord = stsRecord;
        TlsRptRecord = tlsRptRecord;
        Ttl = ttl;
    }

    /// <summary>The Policy Domain in lower-case A-label form, e.g. <c>xn--bcher-kva.example</c>.</summary>
    public string PolicyDomain { get; }

    /// <summary>The Policy Domain for display (U-labels).</summary>
    public string UnicodeDomain => HostName.ToUnicode(PolicyDomain);

    /// <summary><c>mta-sts.&lt;domain&gt;</c>, the host that serves the policy (RFC 8461 §3.2).</summary>
    public string PolicyHost => PolicyHostFor(PolicyDomain);

    public string PolicyUrl => PolicyUrlFor(PolicyDomain);

    /// <summary>The Policy Host of a Policy Domain (A-label form): <c>mta-sts.&lt;domain&gt;</c> (RFC 8461 §3.2).</summary>
    public static string PolicyHostFor(string policyDomain) => PolicyHostPrefix + policyDomain;

    /// <summary>Where senders fetch the policy of a Policy Domain, with HTTPS GET (RFC 8461 §3.2, §3.3).</summary>
    public static string PolicyUrlFor(string policyDomain) => "https://" + PolicyHostFor(policyDomain) + WellKnownPath;

    public Policy.StsPolicy Policy { get; }

    /// <summary>The policy file text (ASCII, CRLF).</summary>
    public string PolicyText { get; }

    public string PolicyId => StsRecord.Id;

    /// <summary>How <see cref="PolicyId"/> was chosen: <c>auto</c>, <c>timestamp</c> or a literal.</summary>
    public PolicyIdKind IdKind { get; }

    public StsTxtRecord StsRecord { get; }

    public string StsRecordName => StsTxtRecord.NameFor(PolicyDomain);

    public TlsRptRecord? TlsRptRecord { get; }

    public string TlsRptRecordName => TlsRptRecord.NameFor(PolicyDomain);

    /// <summary>TTL of the DNS records, seconds.</summary>
    public int Ttl { get; }
}
