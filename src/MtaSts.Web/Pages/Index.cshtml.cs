using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MtaSts.Web.Generator;

namespace MtaSts.Web.Pages;

/// <summary>
/// The generator page. Every POST (Generate, the downloads, live validation) recomputes everything from the submitted
/// values, so the page keeps no state and works without JavaScript. Antiforgery tokens are checked on every POST.
/// </summary>
public sealed class IndexModel(TimeProvider clock) : PageModel
{
    /// <summary>The name of the downloaded policy file, as served at /.well-known/ (RFC 8461 §3.2).</summary>
    public const string PolicyFileName = "mta-sts.txt";

    /// <summary>The name of the configuration file the build package and the CLI read.</summary>
    public const string ConfigFileName = "mta-sts.yaml";

    public GeneratorForm Form { get; private set; } = GeneratorForm.Empty;

    /// <summary>Null until the form is submitted.</summary>
    public Generation? Generation { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Generate.</summary>
    public IActionResult OnPost()
    {
        var generation = Generate();
        return generation.HasErrors ? Invalid() : Page();
    }

    /// <summary>The policy file, byte for byte as it must be served: ASCII with CRLF line endings (RFC 8461 §3.2).</summary>
    public IActionResult OnPostPolicyFile()
    {
        var generation = Generate();
        return generation.Deployment is { } deployment
            ? File(deployment.Policy.ToBytes(), "text/plain", PolicyFileName)
            : Invalid();
    }

    /// <summary>The matching mta-sts.yaml.</summary>
    public IActionResult OnPostConfigFile()
    {
        var generation = Generate();
        return generation.Configuration is { } yaml
            ? File(Encoding.UTF8.GetBytes(yaml), "application/yaml", ConfigFileName)
            : Invalid();
    }

    /// <summary>Live validation for the script: the core's diagnostics for the current values, as JSON.</summary>
    public IActionResult OnPostValidate()
    {
        var generation = Generate();
        return new JsonResult(new
        {
            success = !generation.HasErrors,
            messages = generation.Messages.Select(m => new
            {
                field = m.Field,
                code = m.Code,
                severity = m.Severity,
                message = m.Message,
                helpLink = m.HelpLink,
            }),
        });
    }

    private Generation Generate()
    {
        Form = GeneratorForm.Read(Request.Form);
        Generation = Generation.Run(Form, clock.GetUtcNow());
        return Generation;
    }

    /// <summary>The form again with the errors beside their fields; 422 so scripts and tests see it failed.</summary>
    private PageResult Invalid()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
