using System.Globalization;

namespace MtaSts.Policy;

/// <summary>Durations in the configuration: plain seconds (<c>604800</c>) or a number with a unit (<c>1w</c>, <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>90s</c>).</summary>
internal static class Duration
{
    public static bool TryParseSeconds(string text, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var multiplier = char.ToLowerInvariant(text[text.Length - 1]) switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3600L,
            'd' => 86400L,
            'w' => 604800L,
            _ => 0L,
        };
        var digits = multiplier == 0 ? text : text.Substring(0, text.Length - 1);
        if (multiplier == 0)
        {
            multiplier = 1;
        }

        // At most 12 digits keeps the product far from overflow and far above any valid value.
        if (digits.Length is 0 or > 12 || !digits.All(c => c is >= '0' and <= '9'))
        {
            return false;
        }

        seconds = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * multiplier;
        return true;
    }

    /// <summary>A readable form for messages: "7 days", "1 hour", "90 seconds".</summary>
    public static string Describe(long seconds)
    {
        static string Unit(long n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? "" : "s");
        return seconds switch
        {
            _ when seconds >= 86400 && seconds % 86400 == 0 => Unit(seconds / 86400, "day"),
            _ when seconds >= 3600 && seconds % 3600 == 0 => Unit(seconds / 3600, "hour"),
            _ when seconds >= 60 && seconds % 60 == 0 => Unit(seconds / 60, "minute"),
            _ => Unit(seconds, "second"),
        };
    }
}
