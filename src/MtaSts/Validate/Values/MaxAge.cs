using System.Globalization;
using MtaSts.Dns;
using MtaSts.Values;

namespace MtaSts.Policy;

/// <summary>The policy's <c>max_age</c> (RFC 8461 §3.2): how many seconds senders may cache the policy.</summary>
public static class MaxAge
{
    /// <summary>RFC 8461 §3.2: "max_age ... maximum value of 31557600" seconds (about one year).</summary>
    public const long Maximum = 31_557_600;

    /// <summary>One week: the default when <c>mta-sts.yaml</c> gives none.</summary>
    public const long Default = 604_800;

    /// <summary><c>sts-policy-max-age-value = 1*10(DIGIT)</c>.</summary>
    public const int MaxDigits = 10;

    /// <summary>
    /// The one grammar of max_age. <see cref="Strictness.Published"/>: digits only, at most 10 of them, at most
    /// <see cref="Maximum"/>. <see cref="Strictness.Config"/>: seconds or a number with a unit (<c>1w</c>, <c>30d</c>),
    /// at most <see cref="Maximum"/>.
    /// </summary>
    public static Parsed<long> Parse(string? value, Strictness strictness)
    {
        var (text, start) = strictness == Strictness.Config ? HostName.Trimmed(value) : (value ?? "", 0);
        long seconds;
        if (strictness == Strictness.Config)
        {
            if (!Duration.TryParseSeconds(text, out seconds))
            {
                return new ValueProblem(ValueProblemKind.NotADuration, start);
            }
        }
        else
        {
            if (text.Length == 0)
            {
                return new ValueProblem(ValueProblemKind.Empty);
            }

            var digits = 0;
            while (digits < text.Length && text[digits] is >= '0' and <= '9')
            {
                digits++;
            }

            if (digits < text.Length)
            {
                var meant = Duration.TryParseSeconds(text, out var duration) ? duration.ToString(CultureInfo.InvariantCulture) : "";
                return new ValueProblem(ValueProblemKind.NotDigits, digits, meant);
            }

            if (text.Length > MaxDigits)
            {
                return new ValueProblem(ValueProblemKind.TooManyDigits, MaxDigits, text.Length.ToString(CultureInfo.InvariantCulture));
            }

            seconds = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return seconds > Maximum
            ? new ValueProblem(ValueProblemKind.OutOfRange, start, seconds.ToString(CultureInfo.InvariantCulture))
            : Parsed<long>.Ok(seconds);
    }
}
