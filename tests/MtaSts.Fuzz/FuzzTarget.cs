using System.Diagnostics;
using System.Reflection;

namespace MtaSts.Fuzz;

/// <summary>
/// One parser under fuzzing. A target is a class in Targets/ deriving from this one, with a parameterless constructor,
/// and a folder corpus/<see cref="Name"/>/ of seed inputs; nothing else has to be registered anywhere.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>
    /// More than this per input is a finding (a "slow input"): every parser here is meant to be linear in its input,
    /// and fuzzing inputs are at most a few kilobytes. Generous, so that a loaded machine does not report noise.
    /// </summary>
    public static readonly TimeSpan SlowInput = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("MTASTS_FUZZ_SLOW_MS"), out var ms) ? ms : 1000);

    /// <summary>The name on the command line and the corpus folder's name.</summary>
    public abstract string Name { get; }

    /// <summary>Parses <paramref name="input"/> and checks every property; throws <see cref="FindingException"/> when
    /// one does not hold. Exceptions other than the documented ones escape as they are: they are findings too.</summary>
    protected abstract void Check(byte[] input);

    /// <summary>Runs <see cref="Check"/> and reports an input that took longer than <see cref="SlowInput"/>.</summary>
    public void Run(byte[] input)
    {
        var stopwatch = Stopwatch.StartNew();
        Check(input);
        stopwatch.Stop();
        if (stopwatch.Elapsed > SlowInput)
        {
            // A second try: the first one may have paid for JIT compilation or a garbage collection.
            stopwatch.Restart();
            Check(input);
            stopwatch.Stop();
            Property.That(stopwatch.Elapsed <= SlowInput,
                $"slow input: {input.Length} bytes took {stopwatch.Elapsed.TotalMilliseconds:F0} ms (limit {SlowInput.TotalMilliseconds:F0} ms)");
        }
    }

    /// <summary>Every target in this assembly, by name.</summary>
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } =
        typeof(FuzzTarget).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FuzzTarget)) && !t.IsAbstract)
            .Select(t => (FuzzTarget)Activator.CreateInstance(t)!)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>corpus/ beside the fuzzer's assembly (the project copies it there).</summary>
    public static string CorpusRoot => Path.Combine(Path.GetDirectoryName(typeof(FuzzTarget).Assembly.Location)!, "corpus");
}
