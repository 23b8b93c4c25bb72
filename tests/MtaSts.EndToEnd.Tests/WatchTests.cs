using System.Net;
using System.Text.RegularExpressions;
using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// An ASP.NET Core developer's loop: <c>dotnet watch run</c> serves the site, and mta-sts.yaml is edited in place (as
/// an editor saves it). A valid edit ends with the restarted site serving the new policy; an invalid one shows the
/// build error with its code, file, line and column, as dotnet watch shows other build errors, and fixing it brings
/// the site back. Every wait is bounded; the watch process tree is killed at the end.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class WatchTests(PackagedMtaStsBuild package)
{
    private const string WellKnownPath = "/.well-known/mta-sts.txt";
    private static readonly TimeSpan Rebuild = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Editing_the_config_under_dotnet_watch_ends_with_the_site_serving_the_new_policy()
    {
        var project = await WebProject.CreateAsync(package, "Contoso.Watch", Policies.Testing);
        var environment = new Dictionary<string, string?>(package.DotNetEnvironment)
        {
            ["DOTNET_WATCH_SUPPRESS_EMOJIS"] = "1",
            ["DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER"] = "1",
            ["DOTNET_WATCH_SUPPRESS_BROWSER_REFRESH"] = "1",
        };
        await using var watch = await RunningSite.StartProcessAsync(
            "dotnet",
            ["watch", "run", "--non-interactive", "--project", project.ProjectFile, "--", "--urls", RunningSite.AnyLoopbackPort],
            project.Directory,
            environment,
            Rebuild);
        await AssertServesAsync(watch, Policies.TestingPolicyText);

        // testing -> enforce: the site restarts with the new policy.
        var mark = watch.OutputMark;
        project.WriteConfig(Policies.Enforce);
        await watch.WaitForListeningAsync(mark, Rebuild);
        await AssertServesAsync(watch, Policies.EnforcePolicyText);

        // An invalid mode: the build error, with its place in mta-sts.yaml.
        mark = watch.OutputMark;
        project.WriteConfig(Policies.Testing.Replace("mode: testing", "mode: enforcing", StringComparison.Ordinal));
        var error = await watch.WaitForOutputAsync(mark, ConfigError(), Rebuild);
        Assert.StartsWith(Path.Combine(project.Directory, "mta-sts.yaml"), error.Groups["file"].Value, StringComparison.Ordinal);
        Assert.Equal("3", error.Groups["line"].Value);
        // Edits made while dotnet watch is still building are not seen: wait until it asks for the fix, as a user would.
        await watch.WaitForOutputAsync(error.Index, WaitingForFix(), Rebuild);

        // Fixed: the site comes back with the testing policy.
        mark = watch.OutputMark;
        project.WriteConfig(Policies.Testing);
        await watch.WaitForListeningAsync(mark, Rebuild);
        await AssertServesAsync(watch, Policies.TestingPolicyText);
    }

    private static async Task AssertServesAsync(RunningSite watch, string policyText)
    {
        var response = await watch.GetAsync(Policies.PolicyHost, WellKnownPath);
        Assert.True(response.Status == HttpStatusCode.OK, $"{(int)response.Status}\n{watch.Output}");
        Assert.True(Policies.Bytes(policyText).AsSpan().SequenceEqual(response.Body), $"Expected:\n{policyText}\nServed:\n{response.BodyText}\n--- dotnet watch ---\n{watch.Output}");
    }

    [GeneratedRegex(@"(?<file>\S*mta-sts\.yaml)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): error MTASTS\d{4}")]
    private static partial Regex ConfigError();

    [GeneratedRegex(@"Fix the error to continue|Waiting for a file to change")]
    private static partial Regex WaitingForFix();
}
