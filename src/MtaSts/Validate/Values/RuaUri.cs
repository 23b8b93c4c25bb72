using MtaSts.Values;

namespace MtaSts.Dns;

/// <summary>A TLS-RPT reporting destination (RFC 8460 §3 <c>tlsrpt-uri</c>): a <c>mailto:</c> or <c>https:</c> URI.</summary>
public static class RuaUri
{
    /// <summary>
    /// The one grammar of a destination: RFC 3986 characters with ',', '!' and ';' percent-encoded (RFC 8460 §3), and a
    /// <c>mailto:</c> address with one unencoded '@' (RFC 6068 §2) or an <c>https:</c> URL with a valid host.
    /// <see cref="Strictness.Config"/> trims surrounding whitespace; published text is taken as it is.
    /// </summary>
    public static Parsed<string> Parse(string? value, Strictness strictness)
    {
        var (uri, start) = strictness == Strictness.Config ? HostName.Trimmed(value) : (value ?? "", 0);
        var problem = Problem(uri);
        return problem is null ? Parsed<string>.Ok(uri) : problem.Shift(start);
    }

    /// <summary>Returns null when <paramref name="uri"/> is a valid destination, otherwise what is wrong and how to fix it.</summary>
    public static string? Check(string uri) =>
        Parse(uri, Strictness.Config).Problem is { } problem ? ValueMessages.Why(ValueSubject.Rua, problem) : null;

    private static ValueProblem? Problem(string uri)
    {
        if (uri.Length == 0)
        {
            return new ValueProblem(ValueProblemKind.Empty);
        }

        for (var i = 0; i < uri.Length; i++)
        {
            var c = uri[i];
            if (c == ' ')
            {
                return new ValueProblem(ValueProblemKind.UriSpace, i);
            }

            if (c > 0x7E || c < 0x21)
            {
                return new ValueProblem(ValueProblemKind.UriNotAscii, i, c.ToString());
            }

            if (c is ',' or '!' or ';')
            {
                return new ValueProblem(ValueProblemKind.UriMustBeEncoded, i, c.ToString());
            }

            if (!IsUriCharacter(c))
            {
                return new ValueProblem(ValueProblemKind.UriInvalidCharacter, i, c.ToString());
            }
        }

        var colon = uri.IndexOf(':');
        if (colon <= 0)
        {
            return new ValueProblem(ValueProblemKind.UriNoScheme, 0, uri.IndexOf('@') > 0 ? "mailto:" + uri : "");
        }

        for (var i = 0; i < uri.Length; i++)
        {
            if (uri[i] == '%' && !(i + 2 < uri.Length && IsHex(uri[i + 1]) && IsHex(uri[i + 2])))
            {
                return new ValueProblem(ValueProblemKind.UriBadPercent, i);
            }
        }

        return uri.Substring(0, colon).ToLowerInvariant() switch
        {
            "mailto" => MailtoProblem(uri, colon + 1),
            "https" => HttpsProblem(uri),
            "http" => new ValueProblem(ValueProblemKind.UriHttp),
            _ => new ValueProblem(ValueProblemKind.UriUnsupportedScheme, 0, uri.Substring(0, colon)),
        };
    }

    private static ValueProblem? MailtoProblem(string uri, int start)
    {
        var query = uri.IndexOf('?', start);
        var address = uri.Substring(start, (query < 0 ? uri.Length : query) - start);
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return new ValueProblem(ValueProblemKind.MailtoNoAddress, start);
        }

        if (address.IndexOf('@') != at)
        {
            // RFC 6068 §2: an '@' in the local part is percent-encoded.
            return new ValueProblem(ValueProblemKind.MailtoSeveralAt, start + address.IndexOf('@'));
        }

        var domain = address.Substring(at + 1);
        var host = HostName.Parse(domain, Strictness.Published);
        return host.Problem is { } problem
            ? new ValueProblem(ValueProblemKind.MailtoInvalidDomain, start + at + 1 + problem.Offset, domain, problem)
            : null;
    }

    private static ValueProblem? HttpsProblem(string uri)
    {
        if (!uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new ValueProblem(ValueProblemKind.HttpsNoHost, 6);
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps || parsed.Host.Length == 0)
        {
            return new ValueProblem(ValueProblemKind.HttpsInvalid);
        }

        if (parsed.HostNameType is UriHostNameType.Dns)
        {
            var host = HostName.Parse(parsed.Host, Strictness.Config);
            if (host.Problem is { } problem)
            {
                return new ValueProblem(ValueProblemKind.HttpsInvalidHost, 8, parsed.Host, problem);
            }
        }

        return null;
    }

    private static bool IsUriCharacter(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '-' or '.' or '_' or '~' or ':' or '/' or '?' or '#' or '[' or ']' or '@'
            or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or '=' or '%';

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
