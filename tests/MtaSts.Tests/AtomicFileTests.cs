using System.Text;
using MtaSts.Output;

namespace MtaSts.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mta-sts-atomic-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Creates_missing_directories_and_the_file()
    {
        var path = Path.Combine(directory, ".well-known", "mta-sts.txt");
        Assert.True(AtomicFile.WriteIfChanged(path, Encoding.ASCII.GetBytes("a\r\n")));
        Assert.Equal("a\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void Identical_content_is_not_rewritten()
    {
        var path = Path.Combine(directory, "f.txt");
        AtomicFile.WriteIfChanged(path, [1, 2, 3]);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.False(AtomicFile.WriteIfChanged(path, [1, 2, 3]));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 4 })]
    [InlineData(new byte[] { 1, 2 })]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    public void Changed_content_is_replaced(byte[] content)
    {
        var path = Path.Combine(directory, "f.txt");
        AtomicFile.WriteIfChanged(path, [1, 2, 3]);
        Assert.True(AtomicFile.WriteIfChanged(path, content));
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void No_temporary_files_are_left_behind()
    {
        var path = Path.Combine(directory, "f.txt");
        AtomicFile.WriteIfChanged(path, [1]);
        AtomicFile.WriteIfChanged(path, [2]);
        Assert.Equal(["f.txt"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parallel_writers_of_the_same_content_all_succeed(bool durable)
    {
        var path = Path.Combine(directory, "race.txt");
        var content = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        for (var round = 0; round < 5; round++)
        {
            File.Delete(path);
            Parallel.For(0, 16, _ => AtomicFile.WriteIfChanged(path, content, durable));
            Assert.Equal(content, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(directory));
        }
    }

    [Fact]
    public void A_derived_output_is_created_in_place_and_replaced_atomically_once_it_exists()
    {
        var path = Path.Combine(directory, "zones", "a.example.zone");
        Assert.True(AtomicFile.WriteIfChanged(path, [1, 2, 3], durable: false));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));

        // Replacing goes through a temporary file and a rename: a reader that opened the old file keeps reading it whole.
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Assert.True(AtomicFile.WriteIfChanged(path, [4, 5], durable: false));
        Assert.Equal([4, 5], File.ReadAllBytes(path));
        var old = new byte[8];
        Assert.Equal(3, reader.Read(old, 0, old.Length));
        Assert.Equal(["a.example.zone"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}
