using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace MtaSts.Build.Tests;

/// <summary>What one in-process build did: its result, every event, and the project's state afterwards.</summary>
internal sealed record BuildOutcome(
    bool Succeeded,
    IReadOnlyList<BuildErrorEventArgs> Errors,
    IReadOnlyList<BuildWarningEventArgs> Warnings,
    IReadOnlyList<BuildMessageEventArgs> Messages,
    IReadOnlyList<string> TasksRun,
    ProjectInstance? State)
{
    public bool Ran(string taskName) => TasksRun.Contains(taskName);

    public IEnumerable<string> Items(string itemType) => State?.GetItems(itemType).Select(i => i.EvaluatedInclude) ?? [];

    public string? Property(string name) => State?.GetPropertyValue(name);

    public override string ToString() =>
        string.Join("\n", Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
            .Concat(Warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}")));
}

/// <summary>
/// Builds a project inside the test process with the MSBuild of the installed SDK (registered by
/// <see cref="MSBuildSetup"/>): one node, no node reuse, a fresh evaluation each time. One build at a time.
/// </summary>
internal static class InProcessBuild
{
    private static readonly Lock gate = new();

    public static BuildOutcome Run(string projectFile, IReadOnlyDictionary<string, string>? properties = null, params string[] targets)
    {
        lock (gate)
        {
            var globalProperties = new Dictionary<string, string?>(properties?.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)) ?? []);
            var logger = new RecordingLogger();
            using var collection = new ProjectCollection(globalProperties);
            var parameters = new BuildParameters(collection)
            {
                Loggers = [logger],
                EnableNodeReuse = false,
                MaxNodeCount = 1,
                ResetCaches = true,
                DisableInProcNode = false,
            };
            var request = new BuildRequestData(projectFile, globalProperties, null, targets.Length == 0 ? ["Build"] : targets, null,
                BuildRequestDataFlags.ProvideProjectStateAfterBuild);
            using var manager = new BuildManager("MtaSts.Build.Tests");
            var result = manager.Build(parameters, request);
            var state = result.ProjectStateAfterBuild;
            return new BuildOutcome(result.OverallResult == BuildResultCode.Success, logger.Errors, logger.Warnings, logger.Messages, logger.Tasks, state);
        }
    }

    /// <summary>NuGet restore, as <c>dotnet build</c> runs it before the build: its own evaluation and session.</summary>
    public static BuildOutcome Restore(string projectFile, IReadOnlyDictionary<string, string>? properties = null)
    {
        var restoreProperties = new Dictionary<string, string>(properties ?? new Dictionary<string, string>())
        {
            ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
            ["MSBuildIsRestoring"] = "true",
        };
        var outcome = Run(projectFile, restoreProperties, "Restore");
        Assert.True(outcome.Succeeded, "restore failed:\n" + outcome);
        return outcome;
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public List<BuildMessageEventArgs> Messages { get; } = [];

        public List<string> Tasks { get; } = [];

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

        public string? Parameters { get; set; }

        public void Initialize(IEventSource eventSource)
        {
            eventSource.ErrorRaised += (_, e) => Errors.Add(e);
            eventSource.WarningRaised += (_, e) => Warnings.Add(e);
            eventSource.MessageRaised += (_, e) => Messages.Add(e);
            eventSource.TaskStarted += (_, e) => Tasks.Add(e.TaskName);
        }

        public void Shutdown()
        {
        }
    }
}
