namespace MtaSts.Testing;

/// <summary>
/// build/check-lab.sh, the network-namespace lab (Knot DNS for <c>example.</c>, HTTPS policy hosts with a throwaway CA,
/// postfix as the MX hosts) that the live tests of the checker, the web page and the health check run in.
/// </summary>
public static class CheckLabScript
{
    /// <summary>knotc, ip and the lab's tools live in the sbin directories, which a test host's PATH may lack.</summary>
    public static IReadOnlyDictionary<string, string?> SbinPath { get; } =
        new Dictionary<string, string?> { ["PATH"] = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin" };

    /// <summary><c>check-lab.sh COMMAND --ns NAMESPACE --work WORK OPTIONS…</c>, bounded to two minutes.</summary>
    public static Task<CommandResult> RunAsync(string command, string @namespace, string work, params string[] options) =>
        Command.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build", "check-lab.sh"), command, "--ns", @namespace, "--work", work, .. options],
            RepositoryRoot.Path,
            SbinPath,
            TimeSpan.FromMinutes(2));
}
