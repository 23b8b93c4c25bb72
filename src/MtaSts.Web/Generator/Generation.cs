using System.Globalization;
using MtaSts.Configuration;
using MtaSts.Dns;
using MtaSts.Policy;

namespace MtaSts.Web.Generator;

/// <summary>
/// One press of Generate: the form validated by the core, its diagnostics placed beside their fields, and when there
/// is no error every output the page shows. Nothing here decides validity; the core does.
/// </summary>
public sealed class Generation
{
    private Generation(GeneratorForm form, ValidationResult result)
    {
        Form = form;
        Result = result;
        Messages = result.Diagnostics.Select(FieldMessage.From).ToList();
        if (result.Deployment is { } deployment)
        {
            ZoneSnippet = ZoneSnippetWriter.Write(deployment);
            Configuration = ConfigWriter.Write(form.ToConfig());
        }
    }

    public GeneratorForm Form { get; }

    public ValidationResult Result { get; }

    /// <summary>Null when any error was found.</summary>
    public Deployment? Deployment => Result.Deployment;

    public IReadOnlyList<FieldMessage> Messages { get; }

    public bool HasErrors => Messages.Any(m => m.IsError);

    /// <summary>The DNS master-file snippet (RFC 1035 §5) for the records.</summary>
    public string? ZoneSnippet { get; }

    /// <summary>The same settings as an <c>mta-sts.yaml</c>, the way to move to the build package or the CLI.</summary>
    public string? Configuration { get; }

    /// <summary>Validates <paramref name="form"/> with the core, as the build would validate the same mta-sts.yaml.</summary>
    public static Generation Run(GeneratorForm form, DateTimeOffset now) =>
        new(form, Validator.Validate(form.ToConfig(), new ValidationOptions { Now = now }));

    public IReadOnlyList<FieldMessage> For(string field) => Messages.Where(m => m.Field == field).ToList();

    public bool HasErrorsFor(string field) => Messages.Any(m => m.Field == field && m.IsError);

    /// <summary>A readable form of a number of seconds: "604800 seconds (1 week)".</summary>
    public static string DescribeSeconds(long seconds)
    {
        var text = seconds.ToString(CultureInfo.InvariantCulture) + " seconds";
        var preset = GeneratorForm.MaxAgePresets.FirstOrDefault(p => p.Seconds == seconds);
        return preset is null ? text : $"{text} ({preset.Label})";
    }
}
