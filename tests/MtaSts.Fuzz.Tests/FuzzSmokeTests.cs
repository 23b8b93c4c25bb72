using System.Globalization;

namespace MtaSts.Fuzz.Tests;

/// <summary>
/// The CI smoke: build/fuzz.sh runs afl++ on every target for a fixed number of executions (about a minute in all)
/// and fails on any crash, hang or broken property. The long campaign's figures are in docs/reliability.md.
/// </summary>
public sealed class FuzzSmokeTests
{
    private const int Executions = 2000;

    [Fact]
    public async Task Every_target_runs_under_afl_without_findings()
    {
        var output = Path.Combine(Path.GetTempPath(), "mtasts-fuzz-smoke-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var run = await Command.RunAsync(
                "bash", [Path.Combine(RepositoryRoot.Path, "build", "fuzz.sh"), "all", "--execs", Executions.ToString(CultureInfo.InvariantCulture), "--output", output],
                RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(10));
            Assert.True(run.Succeeded, run.Describe());

            // target executions seconds bitmap edges queue crashes hangs
            var rows = run.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 8 && FuzzTarget.All.ContainsKey(f[0]))
                .ToDictionary(f => f[0]);
            Assert.Equal(FuzzTarget.All.Keys.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
            foreach (var (target, row) in rows)
            {
                Assert.True(long.Parse(row[1], CultureInfo.InvariantCulture) >= Executions, $"{target}: {string.Join(' ', row)}");
                Assert.True(int.Parse(row[4].Split('/')[0], CultureInfo.InvariantCulture) > 0, $"{target}: no coverage recorded: {string.Join(' ', row)}");
                Assert.Equal(("0", "0"), (row[6], row[7]));
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
