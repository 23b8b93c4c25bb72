using MtaSts.EndToEnd.Tests.Infrastructure;

namespace MtaSts.EndToEnd.Tests;

/// <summary>
/// An invalid mta-sts.yaml fails `dotnet build` with canonical `mta-sts.yaml(line,col): error MTASTSnnnn: …` lines,
/// every problem at once, and writes nothing: the outputs of the last good build stay as they were.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InvalidConfigTests(InvalidConfigTests.Site site) : IClassFixture<InvalidConfigTests.Site>
{
    private const string UnknownMode = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: enforcing
        mx:
          - mx1.contoso.example
        max_age: 1w

        """;

    private const string ModeInUpperCase = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: Enforce
        mx:
          - mx1.contoso.example
        max_age: 1w

        """;

    private const string MisplacedWildcard = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: enforce
        mx:
          - mx1.contoso.example
          - "mail.*.contoso.example"
        max_age: 1w

        """;

    private const string TwoProblems = """
        # MTA-STS for contoso.example
        domain: contoso.example
        mode: enforcing
        mx:
          - mx1.contoso.example
          - "mail.*.contoso.example"
        max_age: 1w

        """;

    public sealed class Site(PackagedMtaStsBuild package) : IAsyncLifetime
    {
        public WebProject Project { get; private set; } = null!;

        public IReadOnlyList<FileSnapshot> GoodOutputs { get; private set; } = null!;

        public string[] WellKnownFiles { get; private set; } = null!;

        public Dictionary<string, CommandResult> Builds { get; } = [];

        /// <summary>What the failed builds changed in the last good outputs (nothing, if all is well).</summary>
        public List<string> ChangedByFailedBuilds { get; } = [];

        public CommandResult BuildAfterFix { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Project = await WebProject.CreateAsync(package, "Contoso.Invalid", Policies.Testing);
            var good = await Project.BuildAsync();
            Assert.True(good.Succeeded, good.Describe());
            GoodOutputs = [FileSnapshot.Of(Project.PolicyFile), FileSnapshot.Of(Project.ZoneFile()), FileSnapshot.Of(Assert.Single(Project.GeneratedSources()))];
            WellKnownFiles = Directory.GetFileSystemEntries(Project.WellKnownDirectory);

            foreach (var (name, yaml) in new[] { (nameof(UnknownMode), UnknownMode), (nameof(ModeInUpperCase), ModeInUpperCase), (nameof(MisplacedWildcard), MisplacedWildcard), (nameof(TwoProblems), TwoProblems) })
            {
                Project.WriteConfig(yaml);
                Builds[name] = await Project.BuildAsync();
            }

            ChangedByFailedBuilds.AddRange(GoodOutputs.Select(output => output.Difference()).OfType<string>());
            var wellKnownFiles = Directory.GetFileSystemEntries(Project.WellKnownDirectory);
            if (!wellKnownFiles.SequenceEqual(WellKnownFiles))
            {
                ChangedByFailedBuilds.Add($"wwwroot/.well-known now holds {string.Join(", ", wellKnownFiles)}");
            }

            Project.WriteConfig(Policies.Enforce);
            BuildAfterFix = await Project.BuildAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData(nameof(UnknownMode))]
    [InlineData(nameof(ModeInUpperCase))]
    [InlineData(nameof(MisplacedWildcard))]
    [InlineData(nameof(TwoProblems))]
    public void The_build_fails(string config)
    {
        var build = site.Builds[config];
        Assert.False(build.Succeeded, build.Describe());
    }

    [Fact]
    public void An_unknown_mode_is_reported_at_its_value_with_a_suggestion()
    {
        var error = Assert.Single(MtaStsErrors(nameof(UnknownMode)));
        Assert.Equal(("MTASTS3002", 3, 7), (error.Code, error.Line, error.Column));
        Assert.Contains("'enforce'", error.Message);
    }

    [Fact]
    public void A_mode_in_upper_case_is_reported_at_its_value()
    {
        var error = Assert.Single(MtaStsErrors(nameof(ModeInUpperCase)));
        Assert.Equal(("MTASTS3003", 3, 7), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void A_wildcard_that_is_not_the_left_most_label_is_reported_at_the_mx_entry()
    {
        var error = Assert.Single(MtaStsErrors(nameof(MisplacedWildcard)));
        Assert.Equal(("MTASTS3006", 6, 5), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_build()
    {
        var errors = MtaStsErrors(nameof(TwoProblems));
        Assert.Equal([("MTASTS3002", 3), ("MTASTS3006", 6)], errors.Select(e => (e.Code, e.Line)).Order());
    }

    [Theory]
    [InlineData(nameof(UnknownMode))]
    [InlineData(nameof(ModeInUpperCase))]
    [InlineData(nameof(MisplacedWildcard))]
    [InlineData(nameof(TwoProblems))]
    public void Errors_point_at_the_project_s_mta_sts_yaml(string config)
    {
        var errors = BuildLog.Errors(site.Builds[config]);
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal(site.Project.ConfigFile, Path.GetFullPath(error.File, site.Project.Directory)));
    }

    [Theory]
    [InlineData(nameof(UnknownMode))]
    [InlineData(nameof(MisplacedWildcard))]
    public void The_compiler_is_not_reached(string config)
    {
        // Only the configuration errors: a failed validation must not cascade into C# errors.
        Assert.All(BuildLog.Errors(site.Builds[config]), error => Assert.StartsWith("MTASTS", error.Code));
    }

    [Fact]
    public void The_last_good_outputs_stay_untouched()
    {
        Assert.Empty(site.ChangedByFailedBuilds);
    }

    [Fact]
    public void Once_the_file_is_fixed_the_next_build_writes_the_new_policy()
    {
        Assert.True(site.BuildAfterFix.Succeeded, site.BuildAfterFix.Describe());
        Assert.Equal(Policies.Bytes(Policies.EnforcePolicyText), File.ReadAllBytes(site.Project.PolicyFile));
        Assert.Contains($"\"{Policies.StsRecord(Policies.EnforcePolicyText)}\"", File.ReadAllText(site.Project.ZoneFile()));
    }

    private IReadOnlyList<BuildLog.Diagnostic> MtaStsErrors(string config)
    {
        var build = site.Builds[config];
        var errors = BuildLog.Errors(build).Where(e => e.Code.StartsWith("MTASTS", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count > 0, build.Describe());
        return errors;
    }
}
