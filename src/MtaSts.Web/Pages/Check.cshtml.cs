using Microsoft.AspNetCore.Mvc.RazorPages;
using MtaSts.Checking;
using MtaSts.Diagnostics;
using MtaSts.Web.Console;

namespace MtaSts.Web.Pages;

/// <summary>
/// Check a domain: <c>GET /check?domain=…</c> runs the same steps as <c>mta-sts check</c> (<see cref="DomainChecker"/>)
/// and shows the report; with <c>config</c> (the generator's mta-sts.yaml) also drift from it. A GET so that a result
/// can be linked and the form works without JavaScript; it changes nothing on the server.
/// </summary>
public sealed class CheckModel(DomainCheckRunner runner) : PageModel
{
    public string Domain { get; private set; } = "";

    public string? Config { get; private set; }

    /// <summary>Why the domain cannot be checked (MTASTS7190), or null.</summary>
    public Diagnostic? Problem { get; private set; }

    public CheckReport? Report { get; private set; }

    public bool ProbesSmtp => runner.ProbesSmtp;

    public bool PublicOnly => runner.AddressPolicy == AddressPolicy.PublicOnly;

    public async Task<PageResult> OnGetAsync(string? domain, string? config)
    {
        Domain = domain ?? "";
        Config = string.IsNullOrWhiteSpace(config) ? null : config;
        if (domain is null)
        {
            return Page();
        }

        if (!DomainChecker.TryNormalizeDomain(domain, out var name, out var problem))
        {
            Problem = DiagnosticDescriptors.CheckInvalidDomain.Create(problem);
            var invalid = Page();
            invalid.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return invalid;
        }

        Report = await runner.CheckAsync(name, Config, HttpContext.RequestAborted);
        return Page();
    }

    public static string Word(CheckStatus status) => CheckStatusText.Word(status);
}
