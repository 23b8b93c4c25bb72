namespace MtaSts.Output;

/// <summary>
/// Writes output files atomically (temp file in the same directory, then rename: a reader never sees half a file) and
/// only when the content changed (timestamps stay put, so incremental builds stay no-ops).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> unless the file already holds exactly these bytes. Returns whether it wrote.</summary>
    public static bool WriteIfChanged(string path, byte[] content) => WriteIfChanged(path, content, durable: true);

    /// <summary>
    /// Like <see cref="WriteIfChanged(string, byte[])"/>; with <paramref name="durable"/> false the bytes are not flushed
    /// to the disk before the rename (still atomic for every reader). For derived outputs that the next run rewrites,
    /// where a flush per file would dominate: a thousand zone snippets cost seconds of flushes and milliseconds without.
    /// </summary>
    public static bool WriteIfChanged(string path, byte[] content, bool durable)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var full = Path.GetFullPath(path);
        if (HasContent(full, content))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: durable);
            }

            Replace(temp, full, content);
            return true;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Whether the file exists and holds exactly <paramref name="content"/>.</summary>
    public static bool HasContent(string path, byte[] content)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length)
            {
                return false;
            }

            var existing = File.ReadAllBytes(path);
            for (var i = 0; i < existing.Length; i++)
            {
                if (existing[i] != content[i])
                {
                    return false;
                }
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Replace(string temp, string destination, byte[] content)
    {
        // Parallel builds (multi-targeted projects) may race to write the same bytes: retry briefly, and treat a file
        // that meanwhile got our exact content as success.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (File.Exists(destination))
                {
                    File.Replace(temp, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(temp, destination);
                }

                return;
            }
            catch (IOException) when (HasContent(destination, content))
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(20 * (attempt + 1));
            }
        }
    }
}
