namespace MtaSts.Dns;

/// <summary>The <c>_smtp._tls.&lt;domain&gt;</c> TXT record (RFC 8460 §3).</summary>
public sealed class TlsRptRecord
{
    public const string Version = "v=TLSRPTv1";

    public TlsRptRecord(IReadOnlyList<string> rua)
    {
        if (rua is null || rua.Count == 0)
        {
            throw new ArgumentException("At least one reporting destination is required.", nameof(rua));
        }

        Rua = rua;
    }

    /// <summary>Reporting destinations, <c>mailto:</c> or <c>https:</c> URIs, in order.</summary>
    public IReadOnlyList<string> Rua { get; }

    /// <summary>The owner name for a Policy Domain (A-label form). Note <c>_tls</c>, not <c>_tcp</c>.</summary>
    public static string NameFor(string policyDomain) => "_smtp._tls." + policyDomain;

    /// <summary>The record value, <c>v=TLSRPTv1; rua=a,b</c> (RFC 8460 §3, one <c>rua</c> with a comma-separated list).</summary>
    public string Value => $"{Version}; rua={string.Join(",", Rua)}";

    /// <summary>
    /// Whether a reporter keeps this TXT record (RFC 8460 §3: records that do not begin with <c>v=TLSRPTv1;</c> are
    /// discarded; whitespace before the ';' is allowed by the ABNF and warned about by the linter, MTASTS6204).
    /// </summary>
    public static bool IsCandidate(string value) => VersionRecords.BeginsWith(value, Version);

    public override string ToString() => Value;
}
