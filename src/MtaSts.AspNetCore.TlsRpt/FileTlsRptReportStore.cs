using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt;

/// <summary>
/// Keeps each report as one gzip file that <c>mta-sts reports FOLDER</c> reads as it is:
/// <c>FOLDER/&lt;organization&gt;/&lt;report-id&gt;!&lt;key&gt;.json.gz</c>, where the key is a hash of
/// organization-name and report-id (RFC 8460 §4.4 names a report by both), so a report sent twice has one name and is
/// kept once. Written atomically and durably: into a hidden temporary file in the same folder (the report reader skips
/// hidden files), flushed to disk, then moved to its name without overwriting; a kill at any moment leaves either no
/// file or the whole file, never a partial one under a report's name. JSON bodies are gzip-compressed on the way.
/// </summary>
public sealed class FileTlsRptReportStore : ITlsRptReportStore
{
    private const string Extension = ".json.gz";

    /// <summary>
    /// Copies of one report arriving at once (a sender's retry racing its first try) take turns in this process, so
    /// exactly one is <see cref="TlsRptStoreResult.Stored"/>. Across processes sharing the folder the name is still
    /// one file: the move does not overwrite, so the later copy finds the name taken and is a duplicate.
    /// </summary>
    private readonly SemaphoreSlim[] turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Creates a store over <paramref name="folder"/> (created when the first report arrives).</summary>
    public FileTlsRptReportStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The folder the reports are kept in.</summary>
    public string Folder { get; }

    /// <summary>The path <paramref name="report"/> is kept at: the same for every copy of one report.</summary>
    public string PathOf(TlsRptReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(report.OrganizationName + "\0" + report.ReportId), hash);
        var key = Convert.ToHexString(hash[..10]).ToLowerInvariant();
        return Path.Combine(Folder, SafeName(report.OrganizationName, 64), SafeName(report.ReportId, 80) + "!" + key + Extension);
    }

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(TlsRptReport report, CancellationToken cancellationToken) => ValueTask.FromResult(File.Exists(PathOf(report)));

    /// <inheritdoc />
    public async ValueTask<TlsRptStoreResult> StoreAsync(ReceivedTlsRptReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var path = PathOf(report.Report);
        var turn = turns[(uint)StringComparer.Ordinal.GetHashCode(path) % (uint)turns.Length];
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return File.Exists(path) ? TlsRptStoreResult.Duplicate : await WriteAsync(report, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private static async ValueTask<TlsRptStoreResult> WriteAsync(ReceivedTlsRptReport report, string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var content = report.IsGzip ? report.Content : Compress(report.Content);
            await using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous }))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                // The bytes reach the disk before the name does: after a crash the name never points at missing data.
                stream.Flush(flushToDisk: true);
            }

            try
            {
                // Without overwrite: of two copies of one report arriving together, the second finds the name taken.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return TlsRptStoreResult.Duplicate;
            }

            return TlsRptStoreResult.Stored;
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover hidden .tmp file is skipped by every reader.
            }
        }
    }

    private static ReadOnlyMemory<byte> Compress(ReadOnlyMemory<byte> json)
    {
        using var buffer = new MemoryStream(json.Length / 4 + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json.Span);
        }

        return buffer.ToArray();
    }

    /// <summary>A file name made of the value's letters, digits, '.', '-' and '_' (others become '_'), never hidden or empty.</summary>
    private static string SafeName(string value, int maxLength)
    {
        var name = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, maxLength)))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? char.ToLowerInvariant(c) : '_');
        }

        var text = name.ToString().TrimStart('.');
        return text.Length == 0 ? "_" : text;
    }
}
