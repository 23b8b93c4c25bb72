using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MtaSts.Dns;
using MtaSts.Values;

namespace MtaSts.Policy;

/// <summary>
/// The policy id of the <c>_mta-sts</c> TXT record (RFC 8461 §3.1: <c>1*32(ALPHA / DIGIT)</c>). Senders compare it
/// for equality only, to learn that the policy changed.
/// </summary>
public static class PolicyId
{
    public const int MaxLength = 32;

    /// <summary>The keyword for an id derived from the policy text.</summary>
    public const string Auto = "auto";

    /// <summary>The keyword for an id made of the UTC time, like <c>20261128T102900Z</c>.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>Whether <paramref name="id"/> matches <c>1*32(ALPHA / DIGIT)</c>.</summary>
    public static bool IsValid(string? id) => id is not null && Parse(id, Strictness.Published).IsValid;

    /// <summary>The one grammar of a literal id, <c>sts-id = 1*32(ALPHA / DIGIT)</c> (RFC 8461 §3.1).</summary>
    public static Parsed<string> Parse(string? value, Strictness strictness)
    {
        var (text, start) = strictness == Strictness.Config ? HostName.Trimmed(value) : (value ?? "", 0);
        if (text.Length == 0)
        {
            return new ValueProblem(ValueProblemKind.Empty, start);
        }

        for (var i = 0; i < text.Length && i < MaxLength; i++)
        {
            var c = text[i];
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'))
            {
                return new ValueProblem(ValueProblemKind.NotLetterOrDigit, start + i, c.ToString());
            }
        }

        return text.Length > MaxLength
            ? new ValueProblem(ValueProblemKind.TooLong, start + MaxLength, text.Length.ToString(CultureInfo.InvariantCulture))
            : Parsed<string>.Ok(text);
    }

    /// <summary>
    /// The first 32 hex digits (128 bits) of SHA-256 over the policy text: the same policy always gets the same id and
    /// any change gets a new one, so the id changes exactly when the policy does.
    /// </summary>
    public static string FromPolicyText(string policyText)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(policyText));
        var hex = new StringBuilder(MaxLength);
        for (var i = 0; i < MaxLength / 2; i++)
        {
            hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    /// <summary>A UTC timestamp id, <c>yyyyMMddTHHmmssZ</c>: letters and digits only, unlike ISO 8601's extended form.</summary>
    public static string FromTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
