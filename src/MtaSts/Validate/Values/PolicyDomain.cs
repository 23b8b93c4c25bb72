using MtaSts.Dns;
using MtaSts.Values;

namespace MtaSts.Policy;

/// <summary>
/// The Policy Domain (RFC 8461 §1.1): the mail domain whose policy senders look up, the part of an address after '@'.
/// The one rule for a domain a person gives, in <c>mta-sts.yaml</c>, on the command line or in the web form.
/// </summary>
public static class PolicyDomain
{
    /// <summary>
    /// Reads a Policy Domain as a person writes it: surrounding whitespace is trimmed, one final root dot is accepted
    /// (<c>example.com.</c> is the same domain), U-labels become lower-case A-labels, and at least two labels are
    /// required. Two spellings are the same domain exactly when their parsed values are equal. A problem is put into
    /// words by <see cref="ValueMessages.Describe"/> with <see cref="ValueSubject.Domain"/>; its offset is into
    /// <paramref name="value"/> as given.
    /// </summary>
    public static Parsed<string> Parse(string? value)
    {
        var (text, start) = HostName.Trimmed(value);
        var parsed = ParseTrimmed(text);
        return parsed.Problem is { } problem ? problem.Shift(start) : parsed;
    }

    private static Parsed<string> ParseTrimmed(string text)
    {
        // A URL or an address pasted where the domain belongs: name the domain in it rather than its first bad character.
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 || text.IndexOf('/') >= 0)
        {
            var authority = scheme >= 0 ? text.Substring(scheme + 3) : text;
            authority = authority.Substring(0, IndexOrLength(authority, authority.IndexOfAny(['/', '?', '#'])));
            var host = authority.Substring(authority.LastIndexOf('@') + 1);
            host = host.Substring(0, IndexOrLength(host, host.IndexOf(':')));

            // The policy URL, https://mta-sts.<domain>/.well-known/mta-sts.txt, names the Policy Host, not the domain
            // (RFC 8461 §3.2).
            var policyHost = host.StartsWith(Deployment.PolicyHostPrefix, StringComparison.OrdinalIgnoreCase) ? Suggestion(host.Substring(Deployment.PolicyHostPrefix.Length)) : "";
            return new ValueProblem(ValueProblemKind.Url, 0, policyHost.Length > 0 ? policyHost : Suggestion(host));
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            return new ValueProblem(ValueProblemKind.MailAddress, at, Suggestion(text.Substring(at + 1)));
        }

        var name = text.Length > 1 && text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        var parsed = HostName.ParseUntrimmed(name, Strictness.Config);
        return parsed.IsValid && parsed.Value.IndexOf('.') < 0 ? new ValueProblem(ValueProblemKind.SingleLabel) : parsed;
    }

    private static int IndexOrLength(string text, int index) => index < 0 ? text.Length : index;

    /// <summary>The domain in a URL or an address as the person wrote it, when it is one; else empty.</summary>
    private static string Suggestion(string candidate)
    {
        var name = candidate.Trim();
        return name.Length > 0 && name.IndexOf('@') < 0 && ParseTrimmed(name).IsValid ? name : "";
    }
}
