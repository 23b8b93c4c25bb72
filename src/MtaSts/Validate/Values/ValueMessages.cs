using System.Globalization;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using Words = MtaSts.Diagnostics.DiagnosticMessages.Value;

namespace MtaSts.Values;

/// <summary>The values of a deployment that have a grammar of their own.</summary>
public enum ValueSubject
{
    /// <summary>The Policy Domain (RFC 8461 §1.1).</summary>
    Domain,

    /// <summary><c>mode</c> (RFC 8461 §3.2, §5).</summary>
    Mode,

    /// <summary>An <c>mx</c> pattern (RFC 8461 §3.2, §4.1).</summary>
    Mx,

    /// <summary><c>max_age</c> (RFC 8461 §3.2).</summary>
    MaxAge,

    /// <summary>The policy id (RFC 8461 §3.1).</summary>
    Id,

    /// <summary>A TLS-RPT destination (RFC 8460 §3).</summary>
    Rua,
}

/// <summary>
/// Picks the words for every <see cref="ValueProblem"/> from the message table (<see cref="DiagnosticMessages.Value"/>),
/// so that the build, the command line, the web page and the linters say the same thing about the same mistake. Hosts
/// choose the diagnostic code and the position.
/// </summary>
public static class ValueMessages
{
    /// <summary>
    /// The whole message for a problem with <paramref name="value"/>: what is wrong, how to fix it, and the RFC section.
    /// <paramref name="name"/> replaces how the value is introduced where that reads better (e.g. "The id override").
    /// </summary>
    public static string Describe(ValueSubject subject, string value, ValueProblem problem, Strictness strictness, string? name = null)
    {
        var quoted = UserText.Quoted(value);
        var trimmed = strictness == Strictness.Config ? value.Trim() : value;
        switch (subject)
        {
            case ValueSubject.Mode:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => Words.ModeEmpty.Format(),
                    ValueProblemKind.WrongCase => Words.ModeWrongCase.Format(quoted, problem.Detail),
                    _ => Words.ModeUnknown.Format(quoted, problem.Detail.Length > 0 ? Words.ModeDidYouMean.Format(problem.Detail) : Words.ModeKeywords.Format()),
                };

            case ValueSubject.MaxAge:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => Words.MaxAgeEmpty.Format(),
                    ValueProblemKind.NotDigits when problem.Detail.Length > 0 => Words.MaxAgeWriteSeconds.Format(quoted, problem.Detail),
                    ValueProblemKind.NotDigits => Words.MaxAgeNotDigits.Format(quoted),
                    ValueProblemKind.TooManyDigits => Words.MaxAgeTooManyDigits.Format(quoted, problem.Detail, MtaSts.Policy.MaxAge.MaxDigits),
                    ValueProblemKind.OutOfRange => Words.MaxAgeTooLarge.Format(Number(problem.Detail), MtaSts.Policy.MaxAge.Maximum, strictness == Strictness.Config
                        ? Words.MaxAgeUseDays.Format()
                        : Words.MaxAgeUseSeconds.Format(MtaSts.Policy.MaxAge.Maximum)),
                    _ => Words.MaxAgeNotDuration.Format(quoted),
                };

            case ValueSubject.Id:
                var reason = problem.Kind switch
                {
                    ValueProblemKind.Empty => Words.IdEmpty.Format(),
                    ValueProblemKind.TooLong => Words.IdTooLong.Format(problem.Detail, MtaSts.Policy.PolicyId.MaxLength),
                    _ => Words.IdNotLetterOrDigit.Format(UserText.Show(problem.Detail[0])),
                };
                var choices = strictness == Strictness.Config ? Words.IdConfigChoices.Format() : Words.IdPublishedExamples.Format();
                return Words.Id.Format(name ?? Words.IdName.Format(), quoted, reason, choices);

            case ValueSubject.Rua:
                return Words.Rua.Format(quoted, Why(subject, problem));

            case ValueSubject.Domain:
                // The domain is the part of an address after '@' (RFC 8461 §1.1): what to write instead, where it can be said.
                var write = problem.Detail.Length > 0 ? Words.DomainWrite.Format(UserText.Quoted(problem.Detail)) : Words.DomainExample.Format();
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => Words.DomainEmpty.Format(),
                    ValueProblemKind.Url => Words.DomainUrl.Format(quoted, write),
                    ValueProblemKind.MailAddress => Words.DomainMailAddress.Format(quoted, write),
                    ValueProblemKind.IpAddress => Words.DomainIpAddress.Format(quoted),
                    ValueProblemKind.HasPort => Words.DomainHasPort.Format(quoted, UserText.Quoted(problem.Detail), UserText.Quoted(trimmed.Substring(0, trimmed.Length - problem.Detail.Length))),
                    _ => Words.DomainInvalid.Format(quoted, HostWhy(problem)),
                };

            default:
                return problem.Kind switch
                {
                    ValueProblemKind.Empty => Words.MxEmpty.Format(),
                    ValueProblemKind.PartialWildcard => Words.MxPartialWildcard.Format(quoted),
                    ValueProblemKind.TrailingDot => Words.MxTrailingDot.Format(quoted, UserText.Quoted(trimmed.TrimEnd('.'))),
                    ValueProblemKind.IpAddress => Words.MxIpAddress.Format(quoted),
                    ValueProblemKind.HasPort => Words.MxHasPort.Format(quoted, UserText.Quoted(problem.Detail), UserText.Quoted(trimmed.Substring(0, trimmed.Length - problem.Detail.Length))),
                    ValueProblemKind.NotAscii => Words.MxNotAscii.Format(quoted, UserText.Quoted(problem.Detail)),
                    ValueProblemKind.LabelTooLong or ValueProblemKind.NameTooLong => Words.MxTooLong.Format(quoted, HostWhy(problem)),
                    ValueProblemKind.InvalidCharacter when problem.Detail == "_" => Words.MxUnderscore.Format(quoted, HostWhy(problem)),
                    _ => Words.MxInvalid.Format(quoted, HostWhy(problem)),
                };
        }
    }

    /// <summary>Why a value is wrong, as the part of a sentence after "is not valid: ".</summary>
    public static string Why(ValueSubject subject, ValueProblem problem)
    {
        if (subject != ValueSubject.Rua)
        {
            return HostWhy(problem);
        }

        return problem.Kind switch
        {
            ValueProblemKind.Empty => Words.RuaEmpty.Format(),
            ValueProblemKind.UriSpace => Words.RuaSpace.Format(),
            ValueProblemKind.UriNotAscii => Words.RuaNotAscii.Format(UserText.Show(problem.Detail[0])),
            ValueProblemKind.UriMustBeEncoded => Words.RuaMustBeEncoded.Format(problem.Detail, Percent(problem.Detail)),
            ValueProblemKind.UriInvalidCharacter => Words.RuaInvalidCharacter.Format(problem.Detail, Percent(problem.Detail)),
            ValueProblemKind.UriNoScheme when problem.Detail.Length > 0 => Words.RuaNoSchemeWrite.Format(UserText.Quoted(problem.Detail)),
            ValueProblemKind.UriNoScheme => Words.RuaNoScheme.Format(),
            ValueProblemKind.UriBadPercent => Words.RuaBadPercent.Format(),
            ValueProblemKind.UriHttp => Words.RuaHttp.Format(),
            ValueProblemKind.UriUnsupportedScheme => Words.RuaUnsupportedScheme.Format(UserText.Quoted(problem.Detail + ":")),
            ValueProblemKind.MailtoNoAddress => Words.RuaMailtoNoAddress.Format(),
            ValueProblemKind.MailtoSeveralAt => Words.RuaMailtoSeveralAt.Format(),
            ValueProblemKind.MailtoInvalidDomain => Words.RuaMailtoInvalidDomain.Format(UserText.Quoted(problem.Detail), HostWhy(problem.Inner!)),
            ValueProblemKind.HttpsNoHost => Words.RuaHttpsNoHost.Format(),
            ValueProblemKind.HttpsInvalidHost => Words.RuaHttpsInvalidHost.Format(UserText.Quoted(problem.Detail), HostWhy(problem.Inner!)),
            _ => Words.RuaHttpsInvalid.Format(),
        };
    }

    /// <summary>Why a host name is wrong (RFC 1035 §2.3.4, RFC 5890), for "… is not valid: ".</summary>
    internal static string HostWhy(ValueProblem problem) => problem.Kind switch
    {
        ValueProblemKind.Empty => Words.HostEmpty.Format(),
        ValueProblemKind.TrailingDot => Words.HostTrailingDot.Format(),
        ValueProblemKind.EmptyLabel => Words.HostEmptyLabel.Format(),
        ValueProblemKind.LabelTooLong => Words.HostLabelTooLong.Format(UserText.Quoted(problem.Detail), HostName.MaxLabelLength),
        ValueProblemKind.NameTooLong => Words.HostNameTooLong.Format(problem.Detail, HostName.MaxNameLength),
        ValueProblemKind.InvalidCharacter => Words.HostInvalidCharacter.Format(problem.Detail.Length == 1 ? UserText.Show(problem.Detail[0]) : UserText.Quoted(problem.Detail)),
        ValueProblemKind.HyphenAtLabelEdge => Words.HostHyphenAtLabelEdge.Format(UserText.Quoted(problem.Detail)),
        ValueProblemKind.InvalidIdn => Words.HostInvalidIdn.Format(UserText.Quote(problem.Detail)),
        ValueProblemKind.IpAddress => Words.HostIpAddress.Format(),
        ValueProblemKind.SingleLabel => Words.HostSingleLabel.Format(),
        ValueProblemKind.HasPort => Words.HostHasPort.Format(UserText.Quoted(problem.Detail)),
        ValueProblemKind.NotAscii => Words.HostNotAscii.Format(UserText.Quoted(problem.Detail)),
        ValueProblemKind.PartialWildcard => Words.HostWildcard.Format(),
        _ => Words.HostInvalid.Format(),
    };

    private static string Percent(string c) => "%" + ((int)c[0]).ToString("X2", CultureInfo.InvariantCulture);

    private static string Number(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : digits;
}
