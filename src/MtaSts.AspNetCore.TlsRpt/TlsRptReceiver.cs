using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;
using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// Answers one report upload (RFC 8460 §5.4: one report per POST). Every refusal is a status and a one-line reason;
/// every report the site keeps, drops as foreign or has already is 200, so a sender learns nothing about which domains
/// are kept, and a sender that retries on anything but 2xx (Stalwart) stops.
/// </summary>
internal sealed class TlsRptReceiver
{
    /// <summary>RFC 8460 §5.3's media types, the only ones accepted.</summary>
    public const string GzipMediaType = "application/tlsrpt+gzip";

    /// <inheritdoc cref="GzipMediaType"/>
    public const string JsonMediaType = "application/tlsrpt+json";

    private readonly TlsRptReceiverOptions options;
    private readonly ITlsRptReportStore store;
    private readonly TlsRptMetrics metrics;
    private readonly ILogger logger;
    private readonly DailyCap cap;
    private readonly BoundedOnce foreignLogged = new(10_000);
    private readonly BoundedOnce otherMx = new(64);
    private readonly Dictionary<string, MxPattern[]> mxByDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider time;

    public TlsRptReceiver(ServedPolicySet policies, IOptions<TlsRptReceiverOptions> options, ITlsRptReportStore store, TlsRptMetrics metrics, ILogger<TlsRptReceiver> logger, TimeProvider time)
    {
        this.options = options.Value;
        this.options.Validate();
        this.store = store;
        this.metrics = metrics;
        this.logger = logger;
        this.time = time;
        cap = new DailyCap(this.options.MaxReportsPerDay, this.options.MaxBytesPerDay, time);
        foreach (var policy in policies.Policies)
        {
            // The mx patterns the site publishes for the domain: the only receiving MX names a metric is tagged with.
            mxByDomain[policy.PolicyDomain] = [.. PolicyLinter.Lint(policy.Text).Policy?.Mx ?? []];
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        // One endpoint for every method, so that another method meets this endpoint's AllowAnonymous and gets 405, not
        // routing's own 405 endpoint, which an authorization fallback policy would turn into a login redirect.
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals(GzipMediaType, StringComparison.OrdinalIgnoreCase) || mediaType.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"Content-Type must be {GzipMediaType} or {JsonMediaType} (RFC 8460 section 5.3), not '{Printable(request.ContentType ?? "")}'.");
            return;
        }

        // gzip is read from the body's first bytes whatever the headers say; another content coding is not read at all.
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length > 0 && !encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_content_encoding",
                $"Content-Encoding '{Printable(encoding)}' is not supported; send gzip or no Content-Encoding.");
            return;
        }

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body is larger than {options.MaxRequestBodyBytes} bytes.", close: true);
            return;
        }

        var (body, length, failure) = await ReadBodyAsync(context);
        if (failure is { } refused)
        {
            await RefuseAsync(context, refused.Status, refused.ErrorType, refused.Reason, close: true);
            return;
        }

        var content = body.AsMemory(0, length);
        var input = ReportDecoder.Decode(new MemoryStream(body, 0, length, writable: false), "request", maxReportBytes: options.MaxReportBytes);
        if (input.Report is not { } report)
        {
            var first = input.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) ?? input.Diagnostics.FirstOrDefault();
            if (input.Diagnostics.Any(ReportDecoder.IsTooLarge))
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "report_too_large", first?.Message ?? "The report is too large.");
            }
            else
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "not_a_report", first is null ? "The body is not a TLS-RPT report." : $"{first.Code}: {first.Message}");
            }

            return;
        }

        var organization = Printable(report.OrganizationName);
        if (!IsForThisSite(report, out var policyDomain))
        {
            if (foreignLogged.FirstTime(organization + "\0" + policyDomain, out var nowFull))
            {
                TlsRptLog.Foreign(logger, organization, Printable(policyDomain!));
            }
            else if (nowFull)
            {
                TlsRptLog.ForeignLogFull(logger);
            }

            metrics.Received("foreign_policy_domain");
            Answer(context, StatusCodes.Status200OK);
            return;
        }

        if (!cap.TryReserve(length))
        {
            if (await KeptAlreadyAsync(report, context.RequestAborted))
            {
                TlsRptLog.Duplicate(logger, Printable(report.ReportId), organization);
                metrics.Received("duplicate");
                Answer(context, StatusCodes.Status200OK);
                return;
            }

            if (cap.FirstRefusalToday(out var reportsToday, out var bytesToday))
            {
                TlsRptLog.DailyCapReached(logger, reportsToday, bytesToday);
            }

            context.Response.Headers.RetryAfter = cap.SecondsUntilTomorrow().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "daily_cap", "The daily cap of stored reports is reached; send it again after Retry-After.");
            return;
        }

        TlsRptStoreResult result;
        try
        {
            result = await store.StoreAsync(new ReceivedTlsRptReport(report, content, policyDomain, time.GetUtcNow()), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The sender went away: nothing was kept (the store writes under a temporary name), nothing is answered.
            cap.Release(length);
            throw;
        }
        catch (Exception ex)
        {
            cap.Release(length);
            TlsRptLog.StoreFailed(logger, ex, Printable(report.ReportId), organization);
            await RefuseAsync(context, StatusCodes.Status500InternalServerError, "store_failed", "The report cannot be stored now; send it again later.");
            return;
        }

        if (result == TlsRptStoreResult.Duplicate)
        {
            cap.Release(length);
            TlsRptLog.Duplicate(logger, Printable(report.ReportId), organization);
            metrics.Received("duplicate");
        }
        else
        {
            TlsRptLog.Stored(logger, Printable(report.ReportId), organization, policyDomain ?? "(none)", length);
            metrics.Received("stored");
            metrics.Sessions(report, p => Normalize(p.PolicyDomain) is { } d && mxByDomain.ContainsKey(d) ? d : policyDomain ?? "unknown", MxTag);
        }

        Answer(context, StatusCodes.Status200OK);
    }

    private async Task<bool> KeptAlreadyAsync(TlsRptReport report, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ContainsAsync(report, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// A report is kept when one of its policies names a Policy Domain of this site. A report that names none at all
    /// (the Postfix reporter's no-policy-found entries have no policy-domain) is kept too: it came to this site's rua,
    /// and the daily cap bounds what that lets anyone store.
    /// </summary>
    private bool IsForThisSite(TlsRptReport report, out string? policyDomain)
    {
        policyDomain = null;
        string? foreign = null;
        foreach (var policy in report.Policies)
        {
            if (string.IsNullOrWhiteSpace(policy.PolicyDomain))
            {
                continue;
            }

            var domain = Normalize(policy.PolicyDomain);
            if (domain is not null && mxByDomain.ContainsKey(domain))
            {
                policyDomain = domain;
                return true;
            }

            foreign ??= domain ?? policy.PolicyDomain;
        }

        policyDomain = foreign;
        return foreign is null;
    }

    private static string? Normalize(string? domain) => domain is null ? null : PolicyDomain.Parse(domain).Value;

    /// <summary>A receiving MX as a metric tag: the name when the domain's policy lists it, else <c>other</c>.</summary>
    private string MxTag(string domain, string? mx)
    {
        if (string.IsNullOrWhiteSpace(mx))
        {
            return "unknown";
        }

        var host = HostName.Normalize(mx);
        return mxByDomain.TryGetValue(domain, out var patterns) && patterns.Any(p => p.Matches(host)) ? host : TlsRptMetrics.Other;
    }

    /// <summary>The body, read up to the cap and within the body timeout, into one array.</summary>
    private async Task<(byte[] Body, int Length, (int Status, string ErrorType, string Reason)? Failure)> ReadBodyAsync(HttpContext context)
    {
        var max = options.MaxRequestBodyBytes;
        var buffer = new byte[(int)Math.Min(context.Request.ContentLength is > 0 and var declared ? declared : 16 * 1024, max) + 1];
        var length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.BodyTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        return ([], 0, (StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body is larger than {max} bytes."));
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max + 1));
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), timeout.Token);
                if (read == 0)
                {
                    return (buffer, length, null);
                }

                length += read;
                if (length > max)
                {
                    return ([], 0, (StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body is larger than {max} bytes."));
                }
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return ([], 0, (StatusCodes.Status408RequestTimeout, "body_timeout", $"The body did not arrive within {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} seconds."));
        }
        catch (BadHttpRequestException ex)
        {
            // The server's own limits (Kestrel's minimum data rate, its request size limit) end the body first.
            return ([], 0, (ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "body_timeout", ex.Message));
        }
    }

    private async Task RefuseAsync(HttpContext context, int status, string errorType, string reason, bool close = false)
    {
        metrics.Rejected(errorType);
        TlsRptLog.Rejected(logger, status, errorType, reason);
        if (context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (close)
        {
            // The rest of an oversized or slow body is not read: the connection ends with this response.
            context.Response.Headers.Connection = "close";
        }

        await context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }

    private static void Answer(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }

    /// <summary>A sender's string for a log line: printable, at most 200 characters.</summary>
    private static string Printable(string value)
    {
        var text = value.Length > 200 ? value[..200] + "…" : value;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
