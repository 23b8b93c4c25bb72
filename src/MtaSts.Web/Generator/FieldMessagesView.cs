namespace MtaSts.Web.Generator;

/// <summary>The model of the partial that lists one field's messages.</summary>
public sealed record FieldMessagesView(string Field, IReadOnlyList<FieldMessage> Messages)
{
    public static FieldMessagesView For(Generation? generation, string field) =>
        new(field, generation?.For(field) ?? []);
}
