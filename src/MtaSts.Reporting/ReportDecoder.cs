using System.IO.Compression;
using MtaSts.Diagnostics;
using M = MtaSts.Diagnostics.DiagnosticMessages.Report;

namespace MtaSts.Reporting;

/// <summary>
/// What one input gave: a report (null when nothing could be counted) and the diagnostics about it. <see cref="Source"/>
/// names the input (a file, with <c>#n</c> for the n-th message of an mbox file; a request).
/// </summary>
public sealed record ReportInput(string Source, TlsRptReport? Report, IReadOnlyList<Diagnostic> Diagnostics, string? Reporter);

/// <summary>
/// Reads one report body as senders send it (RFC 8460 §5.3, §5.4): JSON, or gzip over JSON, told apart by the first
/// bytes and never by a name or a media type, which senders get wrong. The one place where the decompressed size is
/// capped, so a file, a mail attachment and an HTTPS upload share the bomb protection. No MIME here: the e-mail forms
/// are MtaSts.Reporting.Mail's, so a site that receives reports over HTTPS does not carry a MIME parser.
/// </summary>
public static class ReportDecoder
{
    /// <summary>The gzip magic number (RFC 1952 §2.3.1: ID1 0x1f, ID2 0x8b), however the input is named or labelled.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>
    /// Reads <paramref name="stream"/> as one report: gzip when it starts with the gzip magic number, JSON otherwise.
    /// At most <paramref name="maxReportBytes"/> (never more than <see cref="TlsRptParser.MaxReportBytes"/>) are
    /// decompressed; past that the result is <c>MTASTS</c> ReportTooLarge, before more is read.
    /// </summary>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static ReportInput Decode(Stream stream, string source, string? reporterHint = null, int maxReportBytes = TlsRptParser.MaxReportBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        maxReportBytes = Math.Clamp(maxReportBytes, 1, TlsRptParser.MaxReportBytes);
        var head = new byte[2];
        var length = ReadAtMost(stream, head);
        var whole = new PrefixedStream(head.AsSpan(0, length).ToArray(), stream);
        return IsGzip(head.AsSpan(0, length))
            ? FromGzip(whole, source, reporterHint, maxReportBytes)
            : FromJson(whole, source, reporterHint, maxReportBytes);
    }

    /// <summary>Whether <paramref name="diagnostic"/> says the report is over the size cap (an upload answers 413 for it).</summary>
    public static bool IsTooLarge(Diagnostic diagnostic) => diagnostic?.Code == DiagnosticDescriptors.ReportTooLarge.Code;

    private static ReportInput FromJson(Stream stream, string source, string? reporterHint, int maxReportBytes)
    {
        var bytes = ReadCapped(stream, maxReportBytes, out var tooLarge);
        if (tooLarge)
        {
            return Failed(source, M.LargerThan.Create(default, source, null, maxReportBytes), reporterHint);
        }

        var parsed = TlsRptParser.Parse(bytes, source);
        return new ReportInput(source, parsed.Report, parsed.Diagnostics, parsed.Reporter ?? reporterHint);
    }

    private static ReportInput FromGzip(Stream stream, string source, string? reporterHint, int maxReportBytes)
    {
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            var bytes = ReadCapped(gzip, maxReportBytes, out var tooLarge);
            if (tooLarge)
            {
                return Failed(source, M.DecompressesToMore.Create(default, source, null, maxReportBytes), reporterHint);
            }

            if (bytes.Length == 0)
            {
                return Failed(source, M.GzipEmpty.Create(default, source, null), reporterHint);
            }

            var parsed = TlsRptParser.Parse(bytes, source);
            return new ReportInput(source, parsed.Report, parsed.Diagnostics, parsed.Reporter ?? reporterHint);
        }
        catch (InvalidDataException ex)
        {
            return Failed(source, M.GzipDamaged.Create(default, source, null, ex.Message), reporterHint);
        }
    }

    /// <summary>The stream's bytes, or nothing and <paramref name="tooLarge"/> as soon as there are more than <paramref name="max"/>.</summary>
    private static byte[] ReadCapped(Stream stream, int max, out bool tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                tooLarge = true;
                return [];
            }
        }

        tooLarge = false;
        return buffer.ToArray();
    }

    internal static int ReadAtMost(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    internal static ReportInput Failed(string source, Diagnostic diagnostic, string? reporter = null) => new(source, null, [diagnostic], reporter);
}

/// <summary>The bytes already read to sniff the kind, then the rest of the stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - position);
            prefix.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        return inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
