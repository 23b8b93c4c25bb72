namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>A file's bytes and last write time at one moment, to prove later that nothing rewrote it.</summary>
public sealed record FileSnapshot(string Path, bool Exists, byte[] Bytes, DateTime LastWriteTimeUtc)
{
    public static FileSnapshot Of(string path) =>
        File.Exists(path)
            ? new FileSnapshot(path, true, File.ReadAllBytes(path), File.GetLastWriteTimeUtc(path))
            : new FileSnapshot(path, false, [], default);

    /// <summary>Fails unless the file still has the same bytes and was not written since (not even with equal bytes).</summary>
    public void AssertUnchanged()
    {
        var difference = Difference();
        Assert.True(difference is null, difference);
    }

    /// <summary>How the file differs from the snapshot now, or null if it is exactly as it was.</summary>
    public string? Difference()
    {
        var now = Of(Path);
        return !Exists ? $"{Path} did not exist when the snapshot was taken."
            : !now.Exists ? $"{Path} was deleted."
            : !Bytes.AsSpan().SequenceEqual(now.Bytes) ? $"{Path} has new content."
            : LastWriteTimeUtc != now.LastWriteTimeUtc ? $"{Path} was rewritten at {now.LastWriteTimeUtc:O} (was {LastWriteTimeUtc:O})."
            : null;
    }
}
