using Json.Schema;

namespace MtaSts.Checking.Tests;

/// <summary>schema/mta-sts-check.schema.json, loaded once: JsonSchema.Net registers a schema by its $id, once per process.</summary>
internal static class CheckSchema
{
    public static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema", "mta-sts-check.schema.json")));
}
