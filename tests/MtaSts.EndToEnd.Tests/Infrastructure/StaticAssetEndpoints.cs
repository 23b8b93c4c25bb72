using System.Text.Json;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads <c>&lt;App&gt;.staticwebassets.endpoints.json</c>, the manifest <c>MapStaticAssets</c> serves from: each route
/// with the headers (Content-Type, Content-Length, Content-Encoding) it will answer with.
/// </summary>
public static class StaticAssetEndpoints
{
    public sealed record Endpoint(string Route, string AssetFile, string? ContentType, long? ContentLength, string? Encoding);

    public static IReadOnlyList<Endpoint> Read(string manifestPath)
    {
        Assert.True(File.Exists(manifestPath), $"{manifestPath} does not exist.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var endpoints = new List<Endpoint>();
        foreach (var endpoint in document.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            var headers = endpoint.GetProperty("ResponseHeaders").EnumerateArray()
                .ToDictionary(h => h.GetProperty("Name").GetString()!, h => h.GetProperty("Value").GetString()!, StringComparer.OrdinalIgnoreCase);
            endpoints.Add(new Endpoint(
                endpoint.GetProperty("Route").GetString()!,
                endpoint.GetProperty("AssetFile").GetString()!,
                headers.GetValueOrDefault("Content-Type"),
                headers.TryGetValue("Content-Length", out var length) ? long.Parse(length) : null,
                headers.GetValueOrDefault("Content-Encoding")));
        }

        return endpoints;
    }
}
