using System.Globalization;
using MtaSts.Diagnostics;

namespace MtaSts.Web.Generator;

/// <summary>
/// A core <see cref="Diagnostic"/> placed beside the form field it belongs to. Code, severity and message are the
/// core's own, so the page says exactly what the build and the CLI say; only a "Line n:" prefix is added for an item
/// of a multi-line field, since the form has no file to point into.
/// </summary>
public sealed record FieldMessage(string Field, string Code, bool IsError, string Message, string HelpLink)
{
    /// <summary>Messages that belong to no single field (shown above the form).</summary>
    public const string FormField = "form";

    public string Severity => IsError ? "error" : "warning";

    public static FieldMessage From(Diagnostic diagnostic)
    {
        var field = FieldFor(diagnostic.Field);
        var message = diagnostic.Message;
        if (diagnostic.Field is { IsListItem: true } && !diagnostic.Span.IsNone)
        {
            message = string.Create(CultureInfo.InvariantCulture, $"Line {diagnostic.Span.Line}: {message}");
        }

        return new FieldMessage(field, diagnostic.Code, diagnostic.IsError, message, diagnostic.HelpLink);
    }

    /// <summary>
    /// The form field for a configuration key: <c>mx</c> and <c>mx[2]</c> are the MX text area, <c>tls_rpt.rua</c> and
    /// <c>tls_rpt.rua[0]</c> the TLS-RPT text area; keys the form has no field for go to the form as a whole.
    /// </summary>
    public static string FieldFor(ConfigField? configField) => configField?.Key switch
    {
        ConfigField.Domain => GeneratorForm.Names.Domain,
        ConfigField.Mode => GeneratorForm.Names.Mode,
        ConfigField.Mx => GeneratorForm.Names.Mx,
        ConfigField.MaxAge => GeneratorForm.Names.MaxAge,
        ConfigField.Id => GeneratorForm.Names.Id,
        ConfigField.TlsRpt or ConfigField.TlsRptRua => GeneratorForm.Names.TlsRpt,
        _ => FormField,
    };
}
