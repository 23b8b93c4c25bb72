using System.Text;

namespace MtaSts.AspNetCore;

/// <summary>
/// One Policy Domain's MTA-STS policy as the site serves it (RFC 8461 §3.2): the Policy Host it answers, the policy id
/// announced in the <c>_mta-sts</c> TXT record, and the exact policy text. MtaSts.Build generates these from
/// <c>mta-sts.yaml</c>; the values are taken as they are, already validated by the build.
/// </summary>
public sealed class ServedPolicy
{
    /// <summary>Creates the served form of one domain's policy.</summary>
    /// <param name="policyDomain">The Policy Domain in A-label (ASCII) form, e.g. <c>example.com</c>.</param>
    /// <param name="policyHost">The Policy Host in A-label form: <c>mta-sts.</c> and the Policy Domain.</param>
    /// <param name="id">The policy id of the <c>_mta-sts</c> TXT record (RFC 8461 §3.1).</param>
    /// <param name="text">The policy file: US-ASCII, CRLF line endings (RFC 8461 §3.2).</param>
    public ServedPolicy(string policyDomain, string policyHost, string id, string text)
        : this(policyDomain, policyHost, id, text, null)
    {
    }

    internal ServedPolicy(string policyDomain, string policyHost, string id, string text, byte[]? content)
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

        PolicyDomain = policyDomain;
        PolicyHost = policyHost;
        Id = id;
        Text = text;
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

    /// <summary>The bytes of <see cref="Text"/> as served (US-ASCII).</summary>
    public ReadOnlyMemory<byte> Content { get; }
}
