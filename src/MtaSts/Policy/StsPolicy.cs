using System.Globalization;
using System.Text;

namespace MtaSts.Policy;

/// <summary>An MTA-STS policy (RFC 8461 §3.2): mode, MX patterns and max_age. Immutable and already valid.</summary>
public sealed class StsPolicy
{
    /// <summary>
    /// The one policy size limit: RFC 8461 §3.3 suggests senders read at most 64 KB of a policy body. 64,000 bytes is
    /// within it whichever way "KB" is read, so it bounds what we generate, what the linter accepts and what the check reads.
    /// </summary>
    public const int MaxPolicyBytes = 64_000;

    public const string Version = "STSv1";

    public StsPolicy(PolicyMode mode, IReadOnlyList<MxPattern> mx, long maxAge)
    {
        if (maxAge < 0 || maxAge > global::MtaSts.Policy.MaxAge.Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAge));
        }

        Mode = mode;
        Mx = mx ?? throw new ArgumentNullException(nameof(mx));
        MaxAge = maxAge;
    }

    public PolicyMode Mode { get; }

    public IReadOnlyList<MxPattern> Mx { get; }

    /// <summary>Seconds senders may cache the policy (RFC 8461 §3.2).</summary>
    public long MaxAge { get; }

    /// <summary>
    /// The policy file text: US-ASCII, CRLF after every line (RFC 8461 §3.2 says "CRLF-separated"; the ABNF's
    /// <c>sts-policy-term</c> also allows a final one), fields in the order version, mode, mx…, max_age.
    /// </summary>
    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, "version", Version);
        Line(text, "mode", Mode.ToKeyword());
        foreach (var mx in Mx)
        {
            Line(text, "mx", mx.Value);
        }

        Line(text, "max_age", MaxAge.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The exact bytes to serve: ASCII, no BOM.</summary>
    public byte[] ToBytes() => Encoding.ASCII.GetBytes(ToText());

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key).Append(": ").Append(value).Append("\r\n");

    public override string ToString() => ToText();
}
