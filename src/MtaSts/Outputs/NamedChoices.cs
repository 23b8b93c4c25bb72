using MtaSts.Diagnostics;

namespace MtaSts;

/// <summary>
/// A choice among named things given by the user as a list of names (<c>--dns-format</c>, <c>--server</c>, their MSBuild
/// properties): the names, case-insensitive, repeated names once, blanks ignored, in the order of the list of every
/// choice; an unknown name is an error with the closest name and the list of names.
/// </summary>
internal static class NamedChoices
{
    /// <summary>The choice of that name (case-insensitive, trimmed), or null.</summary>
    public static T? Find<T>(IReadOnlyList<T> all, Func<T, string> nameOf, string? name)
        where T : class =>
        all.FirstOrDefault(c => string.Equals(nameOf(c), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The choices named in <paramref name="names"/>, in the order of <paramref name="all"/> (empty when none is named).
    /// An unknown name is <paramref name="unknown"/> in <paramref name="diagnostics"/>: "'x' is not a <paramref name="noun"/>.
    /// Did you mean 'y'? The <paramref name="nouns"/> are: …".
    /// </summary>
    public static IReadOnlyList<T> Parse<T>(
        IEnumerable<string>? names, IReadOnlyList<T> all, Func<T, string> nameOf, ICollection<Diagnostic> diagnostics,
        DiagnosticDescriptor unknown, string noun, string nouns)
        where T : class
    {
        if (diagnostics is null)
        {
            throw new ArgumentNullException(nameof(diagnostics));
        }

        var chosen = new HashSet<T>();
        foreach (var name in (names ?? []).Select(n => n?.Trim() ?? "").Where(n => n.Length > 0))
        {
            if (Find(all, nameOf, name) is { } choice)
            {
                chosen.Add(choice);
                continue;
            }

            var closest = Suggestions.Closest(name, all.Select(nameOf));
            diagnostics.Add(DiagnosticMessages.Outputs.UnknownName.Create(
                unknown, default, null, name, noun, closest is null ? "" : DiagnosticMessages.Outputs.DidYouMean.Format(closest), nouns, string.Join(", ", all.Select(nameOf))));
        }

        return all.Where(chosen.Contains).ToList();
    }
}
