namespace MtaSts.Dns;

/// <summary>Checks a TLS-RPT reporting destination (RFC 8460 §3 <c>tlsrpt-uri</c>): a <c>mailto:</c> or <c>https:</c> URI.</summary>
public static class RuaUri
{
    /// <summary>Returns null when <paramref name="uri"/> is a valid destination, otherwise what is wrong and how to fix it.</summary>
    public static string? Check(string uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "it is empty.";
        }

        foreach (var c in uri)
        {
            if (c > 0x7E || c < 0x21)
            {
                return c == ' '
                    ? "it contains a space; percent-encode it as %20."
                    : $"it contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'; a URI is ASCII only (percent-encode it, or use the A-label of a domain).";
            }

            if (c is ',' or '!' or ';')
            {
                // RFC 8460 §3: commas, exclamation points and semicolons MUST be encoded (%2C, %21, %3B).
                return $"'{c}' must be percent-encoded as %{(int)c:X2} (RFC 8460 §3).";
            }

            if (!IsUriCharacter(c))
            {
                // RFC 3986 §2: only unreserved and reserved characters and '%' may appear in a URI.
                return $"'{c}' is not allowed in a URI; percent-encode it as %{(int)c:X2} (RFC 3986 §2).";
            }
        }

        var colon = uri.IndexOf(':');
        if (colon <= 0)
        {
            return uri.IndexOf('@') > 0
                ? $"it has no scheme. Write 'mailto:{uri}'."
                : "it has no scheme. Use 'mailto:' or 'https:' (RFC 8460 §3).";
        }

        for (var i = 0; i + 2 < uri.Length; i++)
        {
            if (uri[i] == '%' && !(IsHex(uri[i + 1]) && IsHex(uri[i + 2])))
            {
                return "it has a '%' that does not start a percent-encoded octet (%XX).";
            }
        }

        if (uri.Length >= 2 && (uri[uri.Length - 1] == '%' || uri[uri.Length - 2] == '%'))
        {
            return "it has a '%' that does not start a percent-encoded octet (%XX).";
        }

        var scheme = uri.Substring(0, colon).ToLowerInvariant();
        var rest = uri.Substring(colon + 1);
        return scheme switch
        {
            "mailto" => CheckMailto(rest),
            "https" => CheckHttps(uri),
            "http" => "reports must be posted over 'https:', not 'http:' (RFC 8460 §3).",
            _ => $"the scheme '{uri.Substring(0, colon)}:' is not supported. Use 'mailto:' or 'https:' (RFC 8460 §3).",
        };
    }

    private static string? CheckMailto(string rest)
    {
        var address = rest;
        var query = address.IndexOf('?');
        if (query >= 0)
        {
            address = address.Substring(0, query);
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return "a mailto: destination needs an address like 'mailto:tlsrpt@example.com'.";
        }

        if (address.IndexOf('@') != at)
        {
            // RFC 6068 §2: an '@' in the local part is percent-encoded.
            return "it has more than one '@'; percent-encode an '@' in the local part as %40 (RFC 6068 §2).";
        }

        var domain = address.Substring(at + 1);
        var error = HostName.TryNormalize(domain, out _, out var detail);
        return error == HostNameError.None ? null : $"the domain '{domain}' is not valid: {HostName.Describe(error, detail)}.";
    }

    private static string? CheckHttps(string uri)
    {
        if (!uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return "an https: destination needs '//' and a host, e.g. 'https://reports.example.com/v1/tlsrpt'.";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps || parsed.Host.Length == 0)
        {
            return "it is not a valid https: URL, e.g. 'https://reports.example.com/v1/tlsrpt'.";
        }

        if (parsed.HostNameType is UriHostNameType.Dns)
        {
            var error = HostName.TryNormalize(parsed.Host, out _, out var detail);
            if (error != HostNameError.None)
            {
                return $"the host '{parsed.Host}' is not valid: {HostName.Describe(error, detail)}.";
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
