using System.Text.Json;

namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads <c>&lt;App&gt;.staticwebassets.endpoints.json</c>, the manifest <c>MapStaticAssets</c> serves from: each route
/// with the headers (Content-Type, Content-Length, Content-Encoding) it will answer with.
/// </summary>
public static class StaticAssetEndpoints
{
    /// <param name="ETag">For an uncompressed asset, the quoted base64 SHA-256 of its content.</param>
    public sealed record Endpoint(string Route, string AssetFile, string? ContentType, long? ContentLength, string? Encoding, string? ETag);

    public static IReadOnlyList<Endpoint> Read(string manifestPath)
    {
        Assert.True(File.Exists(manifestPath), $"{manifestPath} does not exist.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var endpoints = new List<Endpoint>();
        foreach (var endpoint in document.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            // A header may repeat: .NET 9 manifests list a weak ETag beside the strong one.
            var headers = endpoint.GetProperty("ResponseHeaders").EnumerateArray()
                .ToLookup(h => h.GetProperty("Name").GetString()!, h => h.GetProperty("Value").GetString()!, StringComparer.OrdinalIgnoreCase);
            endpoints.Add(new Endpoint(
                endpoint.GetProperty("Route").GetString()!,
                endpoint.GetProperty("AssetFile").GetString()!,
                headers["Content-Type"].SingleOrDefault(),
                headers["Content-Length"].SingleOrDefault() is { } length ? long.Parse(length) : null,
                headers["Content-Encoding"].SingleOrDefault(),
                headers["ETag"].SingleOrDefault(etag => !etag.StartsWith("W/", StringComparison.Ordinal))));
        }

        return endpoints;
    }

    /// <summary>The uncompressed endpoint for <paramref name="route"/>; fails unless there is exactly one.</summary>
    public static Endpoint Identity(string manifestPath, string route) =>
        Assert.Single(Read(manifestPath), endpoint => endpoint.Route == route && endpoint.Encoding is null);

    /// <summary>The ETag the SDK gives an uncompressed asset with these bytes.</summary>
    public static string ETagOf(byte[] content) => "\"" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(content)) + "\"";
}
