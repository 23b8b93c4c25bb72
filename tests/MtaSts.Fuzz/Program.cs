using MtaSts.Fuzz;
using SharpFuzz;

// usage:
//   MtaSts.Fuzz list                       the targets
//   MtaSts.Fuzz afl TARGET                 run under afl-fuzz (build/fuzz.sh): one input per run from stdin/file
//   MtaSts.Fuzz replay TARGET|all [PATH…]  check files or folders without afl; default: the target's corpus/
//                                          (exit 1 and one line per finding if a property does not hold)
if (args.Length >= 1 && args[0] == "list")
{
    foreach (var name in FuzzTarget.All.Keys.Order(StringComparer.Ordinal))
    {
        Console.WriteLine(name);
    }

    return 0;
}

if (args.Length == 2 && args[0] == "afl" && FuzzTarget.All.TryGetValue(args[1], out var aflTarget))
{
    // Out of process: a stack overflow or a hang ends only the child, and afl records the input.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        aflTarget.Run(buffer.ToArray());
    });
    return 0;
}

if (args.Length >= 2 && args[0] == "replay" && (args[1] == "all" || FuzzTarget.All.ContainsKey(args[1])))
{
    var targets = args[1] == "all" ? FuzzTarget.All.Values.ToList() : [FuzzTarget.All[args[1]]];
    var findings = 0;
    var inputs = 0;
    foreach (var target in targets)
    {
        var paths = args.Length > 2 ? args.Skip(2) : [Path.Combine(FuzzTarget.CorpusRoot, target.Name)];
        foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
        {
            inputs++;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                findings++;
                var what = ex is FindingException ? ex.Message : ex.GetType().FullName + ": " + ex.Message;
                Console.WriteLine($"{target.Name}: {file}: {Property.Escape(what)}");
            }
        }
    }

    Console.WriteLine($"replay: {inputs} inputs, {findings} findings");
    return findings == 0 ? 0 : 1;
}

Console.Error.WriteLine("usage: MtaSts.Fuzz list | afl TARGET | replay TARGET|all [PATH...]");
return 2;
