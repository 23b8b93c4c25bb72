namespace MtaSts.Web.Generator;

/// <summary>Element ids on the page, shared by the markup, the script and the tests.</summary>
public static class FieldIds
{
    /// <summary>The id of the element listing the messages for a form field (named by <c>aria-describedby</c>).</summary>
    public static string Messages(string field) => field.Replace('_', '-') + "-messages";

    /// <summary>The id of the control a message links to (for the error summary).</summary>
    public static string Control(string field) => field switch
    {
        GeneratorForm.Names.Mode => "mode-testing",
        GeneratorForm.Names.MaxAge => "max-age-custom",
        GeneratorForm.Names.Id => "id-timestamp",
        FieldMessage.FormField => "generator",
        _ => field.Replace('_', '-'),
    };
}
