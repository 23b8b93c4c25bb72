using MimeKit;
using MtaSts.Diagnostics;
using M = MtaSts.Diagnostics.DiagnosticMessages.Report;

namespace MtaSts.Reporting;

/// <summary>
/// Finds TLS-RPT reports in files, folders (Maildir included), mbox files and standard input, and yields them one at a
/// time: nothing is kept after it is yielded, so memory does not grow with the number of reports. Each file's kind is
/// taken from its first bytes, not its name: gzip (RFC 8460 §5.3 <c>application/tlsrpt+gzip</c>), JSON, an mbox file
/// (<c>From </c> line) or else one e-mail message (<c>.eml</c>, a Maildir file).
/// </summary>
public sealed class ReportReader
{
    /// <summary>The name <c>-</c> reads standard input.</summary>
    public const string StdinName = "-";

    private const string StdinLabel = "stdin";

    private readonly Func<Stream> openStdin;
    private readonly string workingDirectory;

    public ReportReader(Func<Stream>? openStdin = null, string? workingDirectory = null)
    {
        this.openStdin = openStdin ?? Console.OpenStandardInput;
        this.workingDirectory = workingDirectory ?? Environment.CurrentDirectory;
    }

    /// <summary>Every report in the inputs, in the order given; folders in ordinal name order.</summary>
    public IEnumerable<ReportInput> Read(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            if (input == StdinName)
            {
                foreach (var result in ReadStdin())
                {
                    yield return result;
                }

                continue;
            }

            var path = Path.GetFullPath(input, workingDirectory);
            if (Directory.Exists(path))
            {
                foreach (var file in FolderFiles(path))
                {
                    foreach (var result in ReadFile(file, Label(input, path, file)))
                    {
                        yield return result;
                    }
                }
            }
            else if (File.Exists(path))
            {
                foreach (var result in ReadFile(path, input))
                {
                    yield return result;
                }
            }
            else
            {
                yield return Failed(input, M.InputNotFound.Create(default, input, null, input));
            }
        }
    }

    /// <summary>Reads one stream (a file's content) as whatever it is.</summary>
    public IEnumerable<ReportInput> ReadStream(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[5];
        var length = ReadAtMost(stream, head);
        var whole = new PrefixedStream(head.AsSpan(0, length).ToArray(), stream);
        if (length == 0)
        {
            return [Failed(source, M.EmptyInput.Create(default, source, null))];
        }

        var first = FirstSignificant(head.AsSpan(0, length));
        if (ReportDecoder.IsGzip(head.AsSpan(0, length)) || first is (byte)'{' or (byte)'[')
        {
            return [ReportDecoder.Decode(whole, source)];
        }

        if (length == 5 && head.AsSpan().SequenceEqual("From "u8))
        {
            return FromMbox(whole, source);
        }

        return FromMessage(whole, source);
    }

    private IEnumerable<ReportInput> ReadStdin()
    {
        Stream? stream = null;
        ReportInput? failure = null;
        try
        {
            stream = openStdin();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            failure = Failed(StdinLabel, M.StdinUnreadable.Create(default, StdinLabel, null, ex.Message));
        }

        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (stream)
        {
            foreach (var result in Guard(() => ReadStream(stream!, StdinLabel), StdinLabel))
            {
                yield return result;
            }
        }
    }

    private IEnumerable<ReportInput> ReadFile(string path, string label)
    {
        FileStream? stream = null;
        ReportInput? failure = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = Failed(label, M.FileUnreadable.Create(default, label, null, label, ex.Message));
        }

        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (stream)
        {
            foreach (var result in Guard(() => ReadStream(stream!, label), label))
            {
                yield return result;
            }
        }
    }

    /// <summary>An I/O error in the middle of a file is that file's error; the other inputs still count.</summary>
    private static IEnumerable<ReportInput> Guard(Func<IEnumerable<ReportInput>> read, string label)
    {
        using var results = read().GetEnumerator();
        while (true)
        {
            ReportInput? next = null;
            var failed = false;
            try
            {
                if (!results.MoveNext())
                {
                    yield break;
                }

                next = results.Current;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                next = Failed(label, M.FileUnreadableToEnd.Create(default, label, null, label, ex.Message));
                failed = true;
            }

            yield return next;
            if (failed)
            {
                // An enumerator that threw is finished.
                yield break;
            }
        }
    }

    /// <summary>
    /// An mbox file's messages (RFC 4155: each begins with a line starting with <c>From </c>), each parsed on its own:
    /// a message MimeKit cannot parse is that message's error, with its number and line, and the next one is read.
    /// </summary>
    private static IEnumerable<ReportInput> FromMbox(Stream stream, string source)
    {
        var number = 0;
        foreach (var (bytes, line) in MboxMessages(stream))
        {
            number++;
            var label = $"{source}#{number}";
            MimeMessage? message = null;
            string? error = null;
            try
            {
                message = new MimeParser(new MemoryStream(bytes, writable: false), MimeFormat.Mbox).ParseMessage();
            }
            catch (FormatException ex)
            {
                error = ex.Message.TrimEnd('.');
            }

            if (message is null)
            {
                yield return Failed(label, M.MboxMessageUnparsable.Create(SourceSpan.At(line, 1), source, null, number, source, line, error));
                continue;
            }

            foreach (var result in Reports(message, label))
            {
                yield return result;
            }
        }
    }

    /// <summary>The bytes of each message of an mbox file and the line its <c>From </c> line is on; one message in memory at a time.</summary>
    private static IEnumerable<(byte[] Bytes, int Line)> MboxMessages(Stream stream)
    {
        var input = new BufferedStream(stream, 64 * 1024);
        var message = new MemoryStream();
        var head = new byte[5];
        var headLength = 0;
        var lineStart = 0L;
        var atLineStart = true;
        var line = 1;
        var messageLine = 1;
        int b;
        while ((b = input.ReadByte()) >= 0)
        {
            if (atLineStart)
            {
                atLineStart = false;
                headLength = 0;
                lineStart = message.Length;
            }

            message.WriteByte((byte)b);
            if (headLength < head.Length)
            {
                head[headLength++] = (byte)b;
                if (headLength == head.Length && lineStart > 0 && head.AsSpan().SequenceEqual("From "u8))
                {
                    yield return (message.GetBuffer().AsSpan(0, (int)lineStart).ToArray(), messageLine);
                    message.SetLength(0);
                    message.Write(head);
                    lineStart = 0;
                    messageLine = line;
                }
            }

            if (b == '\n')
            {
                atLineStart = true;
                line++;
            }
        }

        if (message.Length > 0)
        {
            yield return (message.ToArray(), messageLine);
        }
    }

    private static IEnumerable<ReportInput> FromMessage(Stream stream, string source)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(stream);
        }
        catch (FormatException ex)
        {
            // A README or an index file next to the reports: not a report, and not the kind of error that loses one.
            return [Failed(source, M.NeitherReportNorMessage.Create(default, source, null, ex.Message.TrimEnd('.')))];
        }

        return Reports(message, source);
    }

    /// <summary>Each report attachment of a message (RFC 8460 §5.3 sends one; a forward may carry more).</summary>
    private static IEnumerable<ReportInput> Reports(MimeMessage message, string source)
    {
        var found = 0;
        var attachments = ReportParts(message, depth: 0).ToList();
        foreach (var part in attachments)
        {
            found++;
            var label = attachments.Count == 1 ? source : $"{source}:{part.FileName ?? "attachment " + found}";
            ReportInput result;
            try
            {
                // Decoded (base64, quoted-printable) as it is read, so the report cap applies while decoding, not after.
                using var content = part.Content?.Open() ?? Stream.Null;
                result = ReportDecoder.Decode(content, label);
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException)
            {
                result = Failed(label, M.AttachmentNotDecodable.Create(default, label, null, ex.Message));
            }

            yield return result;
        }

        if (found == 0)
        {
            var subject = message.Subject is { Length: > 0 } s ? M.Subject.Format(UserText.Quote(s)) : "";
            yield return new ReportInput(source, null,
                [M.NoAttachment.Create(default, source, null, subject)],
                null);
        }
    }

    /// <summary>The report parts of a message and of messages forwarded inside it (message/rfc822), a few levels deep.</summary>
    private static IEnumerable<MimePart> ReportParts(MimeMessage message, int depth)
    {
        foreach (var entity in message.BodyParts)
        {
            if (entity is MimePart part && IsReportPart(part))
            {
                yield return part;
            }
            else if (entity is MessagePart { Message: { } inner } && depth < 4)
            {
                foreach (var innerPart in ReportParts(inner, depth + 1))
                {
                    yield return innerPart;
                }
            }
        }
    }

    /// <summary>
    /// RFC 8460 §5.3 names the media types; senders and forwarders also use generic gzip/JSON types or only a file name
    /// ending in <c>.json</c>, <c>.gz</c> or <c>.json.gz</c>.
    /// </summary>
    private static bool IsReportPart(MimePart part)
    {
        var type = part.ContentType.MimeType.ToLowerInvariant();
        if (type is "application/tlsrpt+gzip" or "application/tlsrpt+json" or "application/gzip" or "application/x-gzip" or "application/json")
        {
            return true;
        }

        var name = (part.FileName ?? "").ToLowerInvariant();
        return part.ContentType.MediaType.Equals("application", StringComparison.OrdinalIgnoreCase)
               && (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".gz", StringComparison.Ordinal));
    }

    /// <summary>A folder's files: a Maildir's cur/ and new/ (tmp/ holds deliveries in progress), other folders recursively.
    /// Hidden entries (Maildir++ subfolders such as <c>.Sent</c>) and mail servers' index files are skipped.</summary>
    private static IEnumerable<string> FolderFiles(string folder)
    {
        var isMaildir = Directory.Exists(Path.Combine(folder, "cur")) && Directory.Exists(Path.Combine(folder, "new"));
        IEnumerable<string> directories;
        try
        {
            directories = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith('.') && !IsMailServerFile(name) && !isMaildir)
            {
                yield return file;
            }
        }

        foreach (var directory in directories)
        {
            var name = Path.GetFileName(directory);
            // Symbolic links to folders are not followed: a link to a parent would never end.
            if (name.StartsWith('.') || (isMaildir && name == "tmp") || new DirectoryInfo(directory).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in FolderFiles(directory))
            {
                yield return file;
            }
        }
    }

    private static bool IsMailServerFile(string name) =>
        name.StartsWith("dovecot", StringComparison.OrdinalIgnoreCase) || name.StartsWith("courier", StringComparison.OrdinalIgnoreCase)
        || name is "maildirfolder" or "subscriptions" or "maildirsize";

    private static string Label(string input, string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        return Path.Combine(input, relative);
    }

    private static int ReadAtMost(Stream stream, byte[] buffer) => ReportDecoder.ReadAtMost(stream, buffer);

    /// <summary>The first byte that is not whitespace or part of a UTF-8 byte order mark.</summary>
    private static byte FirstSignificant(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return b;
            }
        }

        return 0;
    }

    private static ReportInput Failed(string source, Diagnostic diagnostic, string? reporter = null) => ReportDecoder.Failed(source, diagnostic, reporter);
}
