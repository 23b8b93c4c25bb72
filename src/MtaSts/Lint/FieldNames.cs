using MtaSts.Diagnostics;

namespace MtaSts.Lint;

/// <summary>
/// Field names in the policy file (RFC 8461 §3.2) and the TXT records (RFC 8461 §3.1, RFC 8460 §3) are case-sensitive
/// (<c>%s"…"</c> in the ABNF), and an unknown name is an extension that senders ignore. So <c>Mode:</c>, <c>ID=</c> or
/// <c>nmx:</c> is not the field it was meant to be: the one rule for telling the user so.
/// </summary>
internal static class FieldNames
{
    /// <summary>Which of <paramref name="known"/> <paramref name="written"/> was meant as: the same name in another case,
    /// or a near miss (<see cref="Suggestions"/>); null when it looks like none of them or is one of them.</summary>
    public static string? Meant(string written, IReadOnlyCollection<string> known)
    {
        if (written.Length == 0 || known.Contains(written))
        {
            return null;
        }

        return known.FirstOrDefault(k => string.Equals(k, written, StringComparison.OrdinalIgnoreCase))
            ?? Suggestions.Closest(written, known);
    }

    /// <summary>The fix: "Field names are case-sensitive: write 'mode:'" or "Did you mean 'mx'?".</summary>
    public static string Fix(string written, string meant, char separator) =>
        string.Equals(written, meant, StringComparison.OrdinalIgnoreCase)
            ? DiagnosticMessages.Lint.FixCase.Format(meant, separator)
            : DiagnosticMessages.Lint.FixSpelling.Format(meant);

    /// <summary>
    /// A required field is missing and <paramref name="lookalike"/> (if any) was probably meant as it: "The policy has no
    /// 'mode' field: … has 'Mode', which senders treat as an unknown field and ignore. Field names are case-sensitive…".
    /// </summary>
    public static string Missing(string what, string name, string? lookalike, string where, string readers, char separator, string rfc, string required) =>
        lookalike is null
            ? DiagnosticMessages.Lint.Missing.Format(what, name, required, rfc)
            : DiagnosticMessages.Lint.MissingLookalike.Format(what, name, where, UserText.Quoted(lookalike), readers, Fix(lookalike, name, separator), rfc);

    /// <summary>
    /// RFC 8461 §3.2 (which also covers the TXT record): a field that may not repeat counts only once, the first time.
    /// One warning per repeated name, at its first repeat, whatever the number of repeats: an input of thousands of
    /// repeats gets one line, not thousands. <paramref name="repeats"/> are the later occurrences, in order.
    /// </summary>
    public static IEnumerable<(TField First, TField Repeat, string Message)> Repeats<TField>(
        IReadOnlyDictionary<string, TField> firsts, IEnumerable<TField> repeats, Func<TField, string> name, Func<TField, string> where,
        Func<TField, string?> kept, string rfc)
    {
        foreach (var group in repeats.GroupBy(name))
        {
            var first = firsts[group.Key];
            var more = group.Count() - 1;
            var value = kept(first) is { } shown ? DiagnosticMessages.Lint.Kept.Format(UserText.Quoted(shown)) : "";
            var message = more == 0
                ? DiagnosticMessages.Lint.Repeated.Format(UserText.Quoted(group.Key), where(first), value, rfc)
                : DiagnosticMessages.Lint.RepeatedMore.Format(UserText.Quoted(group.Key), where(first), more, value, rfc);
            yield return (first, group.First(), message);
        }
    }
}
