using Microsoft.Build.Framework;
using MtaSts.Dns;
namespace MtaSts.Build.Tests;

/// <summary>
/// <c>id: timestamp</c> from a fresh clone, as every CI build sees the project: the id lives in the committed
/// <c>mta-sts.id</c> beside <c>mta-sts.yaml</c>, not under bin/, so an unchanged policy keeps it.
/// </summary>
public sealed class FreshCloneTests : IDisposable
{
    private static readonly DateTime Edited = new(2026, 11, 28, 10, 29, 0, DateTimeKind.Utc);

    private readonly TempDirectory workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_clean_clone_keeps_the_timestamp_id_of_an_unchanged_policy()
    {
        var origin = Path.Combine(workspace.Path, "origin");
        workspace.Write("origin/mta-sts.yaml", ValidConfig.Yaml + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(Path.Combine(origin, "mta-sts.yaml"), Edited);
        Assert.True(Build(origin, out _).Execute());
        Assert.True(File.Exists(Path.Combine(origin, "mta-sts.id")));

        // What a developer commits: everything but bin/ and obj/.
        File.WriteAllText(Path.Combine(origin, ".gitignore"), "bin/\nobj/\n");
        await Git(origin, "init", "-q");
        await Git(origin, "add", "-A");
        await Git(origin, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "policy");
        await Git(workspace.Path, "clone", "-q", origin, "clone");

        var clone = Path.Combine(workspace.Path, "clone");
        Assert.False(File.Exists(Path.Combine(clone, "bin", "mta-sts.zone")));
        Assert.NotEqual(Edited, File.GetLastWriteTimeUtc(Path.Combine(clone, "mta-sts.yaml")));
        Assert.True(Build(clone, out var engine).Execute(), engine.ToString());

        Assert.Equal("20261128T102900Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(Path.Combine(clone, "bin", "mta-sts.zone")), "example.com"));
        Assert.Contains("(mode testing, id 20261128T102900Z)", engine.Messages.Last(m => m.Importance == MessageImportance.High).Message);
        Assert.Equal(File.ReadAllBytes(Path.Combine(origin, "mta-sts.id")), File.ReadAllBytes(Path.Combine(clone, "mta-sts.id")));
    }

    [Fact]
    public async Task Without_the_state_file_a_clean_checkout_makes_a_new_id_from_the_config_time()
    {
        var project = Path.Combine(workspace.Path, "project");
        workspace.Write("project/mta-sts.yaml", ValidConfig.Yaml + "\nid: timestamp\n");
        File.SetLastWriteTimeUtc(Path.Combine(project, "mta-sts.yaml"), Edited);
        Assert.True(Build(project, out _).Execute());

        File.Delete(Path.Combine(project, "mta-sts.id"));
        Directory.Delete(Path.Combine(project, "bin"), recursive: true);
        var checkedOut = new DateTime(2026, 12, 24, 8, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(project, "mta-sts.yaml"), checkedOut);
        Assert.True(Build(project, out _).Execute());

        Assert.Equal("20261224T080000Z", await NamedCheckZone.PolicyIdAsync(File.ReadAllText(Path.Combine(project, "bin", "mta-sts.zone")), "example.com"));
    }

    [Fact]
    public void An_auto_id_writes_no_state_file()
    {
        var project = Path.Combine(workspace.Path, "auto");
        workspace.Write("auto/mta-sts.yaml", ValidConfig.Yaml);
        Assert.True(Build(project, out _).Execute());
        Assert.False(File.Exists(Path.Combine(project, "mta-sts.id")));
    }

    private static GenerateMtaStsFiles Build(string project, out RecordingBuildEngine engine)
    {
        engine = new RecordingBuildEngine();
        return new GenerateMtaStsFiles
        {
            BuildEngine = engine,
            ConfigFile = "mta-sts.yaml",
            PolicyFile = "wwwroot/.well-known/mta-sts.txt",
            ZoneFile = "bin/mta-sts.zone",
            CodeFile = "obj/MtaSts.g.cs",
            ProjectDirectory = project,
        };
    }

    private static async Task Git(string directory, params string[] arguments)
    {
        var result = await Command.RunAsync("git", arguments, directory, timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.Succeeded, result.Describe());
    }
}
