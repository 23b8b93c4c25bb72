using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MtaSts.Serving;

/// <summary>
/// Reads a static host's file that the user already has (<see cref="SiteFileRule"/>) the way the host reads it, to tell
/// whether it already serves <see cref="Deployment.WellKnownPath"/> as <c>text/plain</c> (RFC 8461 §3.3).
/// </summary>
internal static class StaticHostRules
{
    /// <summary>
    /// Azure Static Web Apps ("Configure Azure Static Web Apps", routes): the routes are tried in order and the first
    /// whose <c>route</c> matches the path applies (<c>*</c> only at the end, matching any rest). That route must be one
    /// that sets <c>Content-Type: text/plain</c> and neither redirects, rewrites nor replaces the status.
    /// </summary>
    public static bool AzureStaticWebAppsServesPolicy(string json)
    {
        if (Parse(json) is not YamlMappingNode root || Child(root, "routes") is not YamlSequenceNode routes)
        {
            return false;
        }

        foreach (var route in routes.Children.OfType<YamlMappingNode>())
        {
            if (Child(route, "route") is YamlScalarNode { Value: { } pattern } && Matches(pattern, Deployment.WellKnownPath))
            {
                return Child(route, "redirect") is null && Child(route, "rewrite") is null && Child(route, "statusCode") is null
                    && Child(route, "headers") is YamlMappingNode headers
                    && Child(headers, "Content-Type") is YamlScalarNode { Value: { } type }
                    && string.Equals(type.Trim(), "text/plain", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    /// <summary>
    /// Netlify (<c>_headers</c>): a path at the start of a line, its headers indented below it as <c>Name: value</c>;
    /// every rule whose path matches applies (<c>*</c> matches any rest). Some matching rule must set
    /// <c>Content-Type: text/plain</c>.
    /// </summary>
    public static bool NetlifyServesPolicy(string text)
    {
        var matching = false;
        foreach (var line in Lines(text))
        {
            if (line.TrimStart().StartsWith("#", StringComparison.Ordinal) || line.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                matching = Matches(line.Trim(), Deployment.WellKnownPath);
            }
            else if (matching && line.IndexOf(':') is var colon and > 0
                && string.Equals(line.Substring(0, colon).Trim(), "Content-Type", StringComparison.OrdinalIgnoreCase)
                && string.Equals(line.Substring(colon + 1).Trim(), "text/plain", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two files have the same lines once comments and blank lines are left out.</summary>
    public static bool SameRules(string a, string b) => Rules(a).SequenceEqual(Rules(b), StringComparer.Ordinal);

    private static IEnumerable<string> Rules(string text) =>
        Lines(text).Select(line => line.TrimEnd()).Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("#", StringComparison.Ordinal));

    private static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    /// <summary>A path pattern as both hosts write them: exact, or a prefix followed by one <c>*</c> at the end.</summary>
    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith("*", StringComparison.Ordinal)
            ? path.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, path, StringComparison.Ordinal);

    /// <summary>JSON read with the YAML parser (JSON is YAML's flow style; tabs, which YAML forbids as indentation, are
    /// only whitespace between JSON tokens); null when it is not one document.</summary>
    private static YamlNode? Parse(string json)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(json.Replace('\t', ' ')));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>A mapping's value by key; property names compared as the host does: exactly for JSON keys, except header names.</summary>
    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: { } name }
            && string.Equals(name, key, key == "Content-Type" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)).Value;
}
