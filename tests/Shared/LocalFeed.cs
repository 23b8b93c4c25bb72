namespace MtaSts.Testing;

/// <summary>How test projects take the packed MtaSts packages from a local feed, the way users take them from NuGet.</summary>
public static class LocalFeed
{
    /// <summary>
    /// A nuget.config in which only the local feed serves MtaSts and MtaSts.* (source mapping), so a same-named package elsewhere
    /// can never be picked. nuget.org stays for the targeting packs of older frameworks that the multi-targeting test
    /// restores.
    /// </summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <clear />
            <packageSource key="local">
              <package pattern="MtaSts" />
              <package pattern="MtaSts.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
          <auditSources>
            <clear />
          </auditSources>
          <disabledPackageSources>
            <clear />
          </disabledPackageSources>
        </configuration>

        """;
}
