namespace MtaSts.Values;

/// <summary>What is wrong with a value. <see cref="ValueMessages"/> turns each kind into the words users read.</summary>
public enum ValueProblemKind
{
    /// <summary>Nothing, or only whitespace.</summary>
    Empty,

    /// <summary>A keyword in the wrong case. Detail: the keyword as it must be written.</summary>
    WrongCase,

    /// <summary>Not one of the keywords. Detail: the closest keyword when it looks like a typo, else empty.</summary>
    UnknownKeyword,

    /// <summary>A published number with other characters. Detail: the seconds a duration such as '1w' means, or empty.</summary>
    NotDigits,

    /// <summary>A published <c>max_age</c> of more than 10 digits (<c>1*10(DIGIT)</c>).</summary>
    TooManyDigits,

    /// <summary>A configured duration that is neither seconds nor a number with a unit.</summary>
    NotADuration,

    /// <summary>A number above its maximum. Detail: the number.</summary>
    OutOfRange,

    /// <summary>An id of more than 32 characters. Detail: its length.</summary>
    TooLong,

    /// <summary>A character that is not a letter or digit in an id. Detail: the character.</summary>
    NotLetterOrDigit,

    /// <summary>A host name written with the root dot.</summary>
    TrailingDot,

    /// <summary>'..' or a leading dot.</summary>
    EmptyLabel,

    /// <summary>Detail: the label.</summary>
    LabelTooLong,

    /// <summary>Detail: the length.</summary>
    NameTooLong,

    /// <summary>Detail: the character.</summary>
    InvalidCharacter,

    /// <summary>Detail: the label.</summary>
    HyphenAtLabelEdge,

    /// <summary>Detail: why IDNA refuses it.</summary>
    InvalidIdn,

    /// <summary>An address literal, dotted quad or IPv6 address instead of a name.</summary>
    IpAddress,

    /// <summary>A Policy Domain of one label.</summary>
    SingleLabel,

    /// <summary>A URL where a Policy Domain belongs. Detail: the domain it names, or empty.</summary>
    Url,

    /// <summary>An e-mail address where a Policy Domain belongs. Detail: the domain after its '@', or empty.</summary>
    MailAddress,

    /// <summary><c>mail.example.com:25</c>. Detail: the port with its colon.</summary>
    HasPort,

    /// <summary>A U-label in published text. Detail: the A-label form of the whole value, or empty.</summary>
    NotAscii,

    /// <summary>A '*' that is not the whole left-most label of an mx pattern.</summary>
    PartialWildcard,

    /// <summary>A space in a URI.</summary>
    UriSpace,

    /// <summary>A character outside US-ASCII or a control character in a URI. Detail: the character.</summary>
    UriNotAscii,

    /// <summary>',', '!' or ';', which RFC 8460 §3 says must be percent-encoded. Detail: the character.</summary>
    UriMustBeEncoded,

    /// <summary>A character RFC 3986 does not allow in a URI. Detail: the character.</summary>
    UriInvalidCharacter,

    /// <summary>No scheme. Detail: <c>mailto:</c> plus the value when it looks like an address, else empty.</summary>
    UriNoScheme,

    /// <summary>A '%' that does not start %XX.</summary>
    UriBadPercent,

    /// <summary><c>http:</c> instead of <c>https:</c>.</summary>
    UriHttp,

    /// <summary>Detail: the scheme as written.</summary>
    UriUnsupportedScheme,

    /// <summary><c>mailto:</c> without <c>local@domain</c>.</summary>
    MailtoNoAddress,

    /// <summary>More than one unencoded '@'.</summary>
    MailtoSeveralAt,

    /// <summary>Detail: the domain; <see cref="ValueProblem.Inner"/> says why.</summary>
    MailtoInvalidDomain,

    /// <summary><c>https:</c> without <c>//host</c>.</summary>
    HttpsNoHost,

    /// <summary>Not an absolute https URL.</summary>
    HttpsInvalid,

    /// <summary>Detail: the host; <see cref="ValueProblem.Inner"/> says why.</summary>
    HttpsInvalidHost,
}
