using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Reporting;
using MtaSts.Web.Console;

namespace MtaSts.Web.Pages;

/// <summary>
/// Read reports: uploaded TLS-RPT reports (.json, .json.gz, .eml, mbox) → the page <c>mta-sts reports --html</c> writes
/// (<see cref="HtmlReport"/>), with the verdict on enforce when the policy's mta-sts.yaml is given. Files are read in
/// memory within the request and dropped: nothing is stored. Caps: <see cref="ReportsPageOptions"/> on count and bytes,
/// the reader's own on each report's decompressed size.
/// </summary>
// No antiforgery token: the upload changes nothing on the server and returns its page only to the uploader; reading
// the form here (not in a filter) is what lets an oversized upload get a page that says so.
[IgnoreAntiforgeryToken]
public sealed class ReportsModel(IOptions<ReportsPageOptions> settings) : PageModel
{
    /// <summary>Why the upload was not read (too many files, too many bytes, no file, an invalid mta-sts.yaml), or empty.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The diagnostics of an upload in which no report could be read (a gzip bomb, not a report).</summary>
    public List<Diagnostic> InputErrors { get; } = [];

    public string Config { get; private set; } = "";

    public ReportsPageOptions Limits => settings.Value;

    public void OnGet(string? config) => Config = config ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        var limits = settings.Value;
        if (Request.ContentLength > limits.MaxUploadBytes)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, TooLarge(limits));
        }

        // Kestrel stops reading at the cap (a body without Content-Length too); the form stays in memory (no temp files).
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limits.MaxUploadBytes;
        }

        HttpContext.Features.Set<IFormFeature>(new FormFeature(Request, new FormOptions
        {
            MultipartBodyLengthLimit = limits.MaxUploadBytes,
            MemoryBufferThreshold = (int)Math.Min(limits.MaxUploadBytes, int.MaxValue),
            ValueCountLimit = limits.MaxFiles + 16,
        }));

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, $"The upload has more parts than this server reads: at most {limits.MaxFiles} files at once.");
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, TooLarge(limits));
        }

        Config = form["config"].ToString();
        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count == 0)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, "Choose at least one report file (.json, .json.gz, .eml or an mbox file).");
        }

        if (files.Count > limits.MaxFiles)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, $"{files.Count} files: at most {limits.MaxFiles} can be read at once. Upload them in parts, or use mta-sts reports on your machine.");
        }

        // The policy now in testing, as mta-sts reports --config has it: scope and verdict.
        Deployment? deployment = null;
        if (!string.IsNullOrWhiteSpace(Config))
        {
            var result = ConfigValidator.Validate(Config);
            if (result.Deployment is null || result.Deployments.Count != 1)
            {
                Problems.AddRange(result.Diagnostics.Where(d => d.IsError).Select(d => $"mta-sts.yaml: {d.Code}: {d.Message}"));
                if (result.Deployments.Count > 1)
                {
                    Problems.Add($"mta-sts.yaml lists {result.Deployments.Count} domains; paste the configuration of one.");
                }

                return Refused(StatusCodes.Status422UnprocessableEntity, null);
            }

            deployment = result.Deployment;
        }

        var summary = new ReportSummary(SummaryScope.For(deployment));
        var reader = new ReportReader(() => Stream.Null);
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            foreach (var input in reader.ReadStream(stream, Label(file.FileName)))
            {
                summary.Add(input);
            }
        }

        if (summary.ReportsCounted == 0 && summary.Duplicates == 0 && summary.ReportsAboutOtherDomains == 0 && summary.Errors.Count > 0)
        {
            InputErrors.AddRange(summary.Errors);
            return Refused(StatusCodes.Status422UnprocessableEntity, "No report could be read from the upload:");
        }

        var verdict = deployment is null ? null : ReadinessVerdict.Evaluate(summary, deployment.PolicyDomain);
        // HtmlReport's page is self-contained (an inline style sheet, no script): its own policy, not the site's.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return Content(HtmlReport.Write(summary, verdict), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string TooLarge(ReportsPageOptions limits) =>
        $"The upload is larger than {limits.MaxUploadBytes:N0} bytes, the most this server reads at once. Upload fewer files, or use mta-sts reports on your machine.";

    /// <summary>The file's name without any path a browser may send (as the CLI labels the files it is given).</summary>
    private static string Label(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        return name.Length == 0 ? "upload" : name;
    }

    private PageResult Refused(int status, string? problem)
    {
        if (problem is not null)
        {
            Problems.Insert(0, problem);
        }

        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
