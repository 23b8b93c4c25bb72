using MtaSts.Diagnostics;

namespace MtaSts.Configuration;

/// <summary>
/// One Policy Domain's configuration as read from <c>mta-sts.yaml</c> (or filled in by a form): raw user values with
/// their source positions, not yet validated. A null member means the key was absent.
/// </summary>
public sealed record PolicyConfig
{
    /// <summary>The Policy Domain (RFC 8461 §1.1), e.g. <c>example.com</c>; Unicode (U-label) names allowed.</summary>
    public ConfigScalar? Domain { get; init; }

    /// <summary><c>testing</c>, <c>enforce</c> or <c>none</c> (RFC 8461 §5).</summary>
    public ConfigScalar? Mode { get; init; }

    /// <summary>MX host patterns (RFC 8461 §3.2, §4.1).</summary>
    public ConfigList? Mx { get; init; }

    /// <summary>Seconds, or a number with unit s, m, h, d or w. Default one week.</summary>
    public ConfigScalar? MaxAge { get; init; }

    /// <summary><c>auto</c> (hash of the policy), <c>timestamp</c> (UTC time) or a literal 1-32 letters/digits.</summary>
    public ConfigScalar? Id { get; init; }

    /// <summary>TLS-RPT (RFC 8460) reporting destinations; null when TLS-RPT is not configured.</summary>
    public ConfigList? TlsRptRua { get; init; }

    /// <summary>Where the <c>tls_rpt</c> key itself was written.</summary>
    public SourceSpan TlsRptSpan { get; init; }

    /// <summary>The TTL for the DNS records, seconds or a duration.</summary>
    public ConfigScalar? Ttl { get; init; }

    /// <summary>Where the whole mapping starts (for "missing key" diagnostics).</summary>
    public SourceSpan Span { get; init; }
}
