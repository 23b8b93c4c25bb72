using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// How <c>app.MapTlsRptReports()</c> receives reports; set with <c>builder.Services.AddTlsRptReceiver(options =&gt; …)</c>
/// or bound from configuration (<c>builder.Services.Configure&lt;TlsRptReceiverOptions&gt;(section)</c>).
/// The defaults suit a site that receives its own domains' reports: a few per sender and day, a few KB each.
/// </summary>
public sealed class TlsRptReceiverOptions
{
    /// <summary>The default <see cref="StorePath"/>, relative to the content root: outside <c>wwwroot</c>, never served.</summary>
    public const string DefaultStoreFolder = "tlsrpt-reports";

    /// <summary>
    /// The folder the default store writes to; relative paths are relative to the app's content root. Default
    /// <c>tlsrpt-reports</c> beside <c>wwwroot</c> (not in it: reports name the site's MX hosts and the senders' IP
    /// addresses). Ignored when the app registers its own <see cref="ITlsRptReportStore"/>.
    /// </summary>
    public string StorePath { get; set; } = DefaultStoreFolder;

    /// <summary>
    /// The largest request body accepted, as sent (gzip or not): 413 past it, before more is read. Default 1 MiB; a
    /// real report is a few KB, gzip makes it ten times smaller.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest report after decompression: 413 past it, before more is decompressed (a gzip bomb costs at most
    /// this). Default and upper bound: the report reader's own cap, <see cref="TlsRptParser.MaxReportBytes"/> (32 MiB),
    /// so a report this receiver takes is one that <c>mta-sts reports</c> reads.
    /// </summary>
    public int MaxReportBytes { get; set; } = TlsRptParser.MaxReportBytes;

    /// <summary>
    /// How long one request may take to send its body: past it the request is answered 408 and its connection closed.
    /// Kestrel's minimum data rate (240 bytes/s after 5 s) stops the slowest bodies already; this also holds behind a
    /// proxy or server that buffers differently. Default 30 seconds.
    /// </summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many reports are stored per UTC day at most (duplicates and foreign reports do not count); past it the
    /// receiver answers 503 with <c>Retry-After</c> (the next UTC day) and logs a warning once that day. Default 1,000.
    /// </summary>
    public int MaxReportsPerDay { get; set; } = 1000;

    /// <summary>
    /// How many bytes of reports are stored per UTC day at most, counted as received (the gzip files the default store keeps are
    /// usually smaller), as <see cref="MaxReportsPerDay"/>. Default 100 MiB.
    /// </summary>
    public long MaxBytesPerDay { get; set; } = 100L * 1024 * 1024;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(StorePath))
        {
            throw new InvalidOperationException("TlsRptReceiverOptions.StorePath is empty: name the folder reports are stored in.");
        }

        Positive(MaxRequestBodyBytes, nameof(MaxRequestBodyBytes));
        Positive(MaxReportBytes, nameof(MaxReportBytes));
        Positive(MaxReportsPerDay, nameof(MaxReportsPerDay));
        Positive(MaxBytesPerDay, nameof(MaxBytesPerDay));
        if (MaxReportBytes > TlsRptParser.MaxReportBytes)
        {
            throw new InvalidOperationException($"TlsRptReceiverOptions.MaxReportBytes is at most {TlsRptParser.MaxReportBytes} (the report reader's cap).");
        }

        if (BodyTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("TlsRptReceiverOptions.BodyTimeout must be positive.");
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new InvalidOperationException($"TlsRptReceiverOptions.{name} must be positive, not {value}.");
        }
    }
}
