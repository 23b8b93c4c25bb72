using System.Text;

namespace MtaSts.AspNetCore;

/// <summary>
/// One Policy Domain's MTA-STS policy as the site serves it (RFC 8461 §3.2): the Policy Host it answers, the policy id
/// announced in the <c>_mta-sts</c> TXT record, and the exact policy text. MtaSts.Build generates these from
/// <c>mta-sts.yaml</c>; the values are taken as they are, already validated by the build.
/// </summary>
public sealed class ServedPolicy
{
    /// <summary>Creates the served form of one domain's policy, without a TLS-RPT record.</summary>
    /// <param name="policyDomain">The Policy Domain in A-label (ASCII) form, e.g. <c>example.com</c>.</param>
    /// <param name="policyHost">The Policy Host in A-label form: <c>mta-sts.</c> and the Policy Domain.</param>
    /// <param name="id">The policy id of the <c>_mta-sts</c> TXT record (RFC 8461 §3.1).</param>
    /// <param name="text">The policy file: US-ASCII, CRLF line endings (RFC 8461 §3.2).</param>
    public ServedPolicy(string policyDomain, string policyHost, string id, string text)
        : this(policyDomain, policyHost, id, text, tlsRptRecord: null)
    {
    }

    /// <summary>Creates the served form of one domain's policy, with the TLS-RPT record the build generated for the domain.</summary>
    /// <param name="policyDomain">The Policy Domain in A-label (ASCII) form, e.g. <c>example.com</c>.</param>
    /// <param name="policyHost">The Policy Host in A-label form: <c>mta-sts.</c> and the Policy Domain.</param>
    /// <param name="id">The policy id of the <c>_mta-sts</c> TXT record (RFC 8461 §3.1).</param>
    /// <param name="text">The policy file: US-ASCII, CRLF line endings (RFC 8461 §3.2).</param>
    /// <param name="tlsRptRecord">
    /// The <c>_smtp._tls</c> TXT record to publish, exactly <c>v=TLSRPTv1; rua=…</c> (RFC 8460 §3), or null when the
    /// configuration has no <c>tls_rpt</c>.
    /// </param>
    public ServedPolicy(string policyDomain, string policyHost, string id, string text, string? tlsRptRecord)
        : this(policyDomain, policyHost, id, text, tlsRptRecord, content: null)
    {
    }

    internal ServedPolicy(string policyDomain, string policyHost, string id, string text, string? tlsRptRecord, byte[]? content)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyDomain);
        ArgumentException.ThrowIfNullOrEmpty(policyHost);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(text);
        if (!Ascii.IsValid(policyHost) || !Ascii.IsValid(text))
        {
            // RFC 8461 §3.2: the policy is US-ASCII; the host is matched in A-labels.
            throw new ArgumentException("The Policy Host and the policy text must be ASCII (A-labels, RFC 8461 section 3.2).");
        }

        if (tlsRptRecord is not null && (tlsRptRecord.Length == 0 || !Ascii.IsValid(tlsRptRecord)))
        {
            // RFC 8460 §3: a TXT record of ASCII text; null, not empty, means none.
            throw new ArgumentException("The TLS-RPT record must be ASCII text (RFC 8460 section 3), or null for none.", nameof(tlsRptRecord));
        }

        PolicyDomain = policyDomain;
        PolicyHost = policyHost;
        Id = id;
        Text = text;
        TlsRptRecord = tlsRptRecord;
        Content = content ?? Encoding.ASCII.GetBytes(text);
    }

    /// <summary>The Policy Domain in A-label (ASCII) form.</summary>
    public string PolicyDomain { get; }

    /// <summary>The host that serves the policy, <c>mta-sts.</c> and the Policy Domain, in A-label form.</summary>
    public string PolicyHost { get; }

    /// <summary>The policy id announced in the <c>_mta-sts</c> TXT record.</summary>
    public string Id { get; }

    /// <summary>The policy file exactly as served.</summary>
    public string Text { get; }

    /// <summary>
    /// The TLS-RPT record the build generated for the Policy Domain, <c>v=TLSRPTv1; rua=…</c> (RFC 8460 §3), to publish
    /// at <c>_smtp._tls.</c> and the Policy Domain; null when the configuration has no <c>tls_rpt</c>.
    /// </summary>
    public string? TlsRptRecord { get; }

    /// <summary>The bytes of <see cref="Text"/> as served (US-ASCII).</summary>
    public ReadOnlyMemory<byte> Content { get; }
}
