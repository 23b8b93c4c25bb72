using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Output;

namespace MtaSts.Tests;

/// <summary>
/// <see cref="OutputPlanner"/> for the multi-domain form: a zone snippet per domain, the shared policy file only while
/// every domain has the same policy, one warning when they differ, <c>id: timestamp</c> state per domain.
/// </summary>
public sealed class MultiDomainGenerateTests : IDisposable
{
    private const string Shared =
        "defaults: { mode: enforce, mx: [\"*.mail.protection.outlook.com\"], tls_rpt: { rua: [mailto:tlsrpt@contoso.com] } }\n" +
        "domains: { contoso.com: {}, contoso.co.uk: {}, münchen-contoso.de: {} }\n";

    /// <summary>Four domains with three policies; münchen-contoso.de (line 9) is the first that differs.</summary>
    private const string Differing = MtaSts.Testing.ValidConfig.MultiDomain;

    private static readonly DateTimeOffset First = new(2026, 11, 28, 10, 29, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string directory = Directory.CreateTempSubdirectory("mtasts-multi-").FullName;

    private string Config => Path.Combine(directory, "mta-sts.yaml");

    private string PolicyFile => Path.Combine(directory, "wwwroot", ".well-known", "mta-sts.txt");

    private string OutputList => Path.Combine(directory, "obj", "MtaSts.outputs");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private OutputPlan Plan(string yaml, DateTimeOffset? now = null)
    {
        File.WriteAllText(Config, yaml);
        return OutputPlanner.Plan(Config, new OutputOptions
        {
            PolicyFile = PolicyFile,
            ZoneFile = Path.Combine(directory, "bin", "mta-sts.zone"),
            ZoneDirectory = Path.Combine(directory, "bin", "mta-sts"),
            OutputListFile = OutputList,
            DisplayDirectory = directory,
            Now = now ?? First,
        });
    }

    /// <summary>What a build does with a plan: write the files, delete the stale ones.</summary>
    internal static OutputPlan Write(OutputPlan plan)
    {
        foreach (var file in plan.Files)
        {
            AtomicFile.WriteIfChanged(file.Path, file.Content);
        }

        foreach (var stale in plan.StaleFiles)
        {
            File.Delete(stale);
        }

        return plan;
    }

    [Fact]
    public void Every_domain_gets_its_zone_snippet_under_the_zone_directory_named_by_its_a_label()
    {
        var plan = Plan(Shared);

        Assert.Empty(plan.Diagnostics);
        var zones = plan.Files.Where(f => f.Kind == GeneratedFileKind.Zone).ToList();
        Assert.Equal(["contoso.com.zone", "contoso.co.uk.zone", "xn--mnchen-contoso-gsb.de.zone"], zones.Select(z => Path.GetFileName(z.Path)));
        Assert.All(zones, z => Assert.Equal(Path.Combine(directory, "bin", "mta-sts"), Path.GetDirectoryName(z.Path)));
        var munich = Encoding.ASCII.GetString(zones[2].Content);
        Assert.Contains("_mta-sts.xn--mnchen-contoso-gsb.de. 3600 IN TXT \"v=STSv1; id=", munich);
        Assert.Contains("_smtp._tls.xn--mnchen-contoso-gsb.de. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@contoso.com\"", munich);
        Assert.Contains("mode enforce", munich);
        Assert.DoesNotContain(plan.Files, f => f.Path.EndsWith("mta-sts.zone", StringComparison.Ordinal) && f.Kind == GeneratedFileKind.Zone && Path.GetFileName(f.Path) == "mta-sts.zone");
    }

    [Fact]
    public void The_policy_and_the_id_state_are_flushed_to_disk_and_the_many_zone_snippets_and_the_list_are_not()
    {
        var multi = Plan(Shared.Replace("enforce", "testing").Replace("defaults: {", "defaults: { id: timestamp,"));
        var single = Plan(MtaSts.Testing.ValidConfig.Yaml);

        Assert.Equal(
            [(GeneratedFileKind.Policy, true), (GeneratedFileKind.Zone, false), (GeneratedFileKind.Zone, false), (GeneratedFileKind.Zone, false), (GeneratedFileKind.IdState, true), (GeneratedFileKind.OutputList, false)],
            multi.Files.Select(f => (f.Kind, f.Durable)));
        Assert.Equal([(GeneratedFileKind.Policy, true), (GeneratedFileKind.Zone, true), (GeneratedFileKind.OutputList, false)], single.Files.Select(f => (f.Kind, f.Durable)));
    }

    [Fact]
    public void Where_every_domain_has_the_same_policy_the_one_static_file_serves_them_all()
    {
        var plan = Plan(Shared);

        var policy = Assert.Single(plan.Files, f => f.Kind == GeneratedFileKind.Policy);
        Assert.Equal(PolicyFile, policy.Path);
        Assert.Equal(plan.Deployments[0].Policy.ToBytes(), policy.Content);
        Assert.Equal(GeneratedFileKind.Policy, plan.Files[0].Kind);
    }

    [Fact]
    public void Where_the_policies_differ_one_warning_says_so_and_no_shared_policy_file_is_written()
    {
        var plan = Plan(Differing);

        var warning = Assert.Single(plan.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.PoliciesDiffer, warning.Descriptor);
        Assert.Equal((9, 3), (warning.Span.Line, warning.Span.Column));
        Assert.Contains("The 4 domains have 3 different policies", warning.Message);
        Assert.Contains("MapMtaStsPolicy()", warning.Message);
        Assert.Contains(Path.Combine("wwwroot", ".well-known", "mta-sts.txt"), warning.Message);
        Assert.Equal("münchen-contoso.de", warning.Field!.Value.PolicyDomain);
        Assert.DoesNotContain(plan.Files, f => f.Kind == GeneratedFileKind.Policy);
        Assert.Equal(4, plan.Files.Count(f => f.Kind == GeneratedFileKind.Zone));
        Assert.NotNull(plan.Summary);
    }

    [Fact]
    public void The_shared_policy_file_an_earlier_build_wrote_is_deleted_once_the_policies_differ()
    {
        Write(Plan(Shared));
        Assert.True(File.Exists(PolicyFile));

        var plan = Write(Plan(Differing));

        Assert.Equal([PolicyFile], plan.StaleFiles);
        Assert.Contains("The copy an earlier build wrote there is deleted.", Assert.Single(plan.Diagnostics).Message);
        Assert.False(File.Exists(PolicyFile));
    }

    [Fact]
    public void A_policy_file_this_build_did_not_write_is_left_alone_and_the_warning_says_so()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PolicyFile)!);
        File.WriteAllText(PolicyFile, "hand written");

        var plan = Write(Plan(Differing));

        Assert.Empty(plan.StaleFiles);
        Assert.Contains("was not written by this build and is left as it is", Assert.Single(plan.Diagnostics).Message);
        Assert.Equal("hand written", File.ReadAllText(PolicyFile));
    }

    [Fact]
    public void A_path_of_another_kind_in_the_output_list_is_never_stale()
    {
        var precious = Path.Combine(directory, "Program.cs");
        var renamedPolicy = Path.Combine(directory, "wwwroot", "old", "mta-sts.txt");
        File.WriteAllText(precious, "class Program {}");
        Directory.CreateDirectory(Path.GetDirectoryName(renamedPolicy)!);
        File.WriteAllText(renamedPolicy, "version: STSv1\r\n");
        Directory.CreateDirectory(Path.GetDirectoryName(OutputList)!);
        File.WriteAllText(OutputList, precious + ";" + renamedPolicy);

        var plan = Write(Plan(Differing));

        Assert.Empty(plan.StaleFiles);
        Assert.True(File.Exists(precious));
        Assert.True(File.Exists(renamedPolicy));
    }

    [Fact]
    public void A_removed_domain_zone_snippet_and_the_single_domain_snippet_are_stale_after_the_change()
    {
        Write(Plan(MtaSts.Testing.ValidConfig.Yaml));
        var single = Path.Combine(directory, "bin", "mta-sts.zone");
        Assert.True(File.Exists(single));

        var multi = Write(Plan(Shared));
        Assert.Equal([single], multi.StaleFiles);

        var fewer = Write(Plan(Shared.Replace(" contoso.co.uk: {},", "")));
        Assert.Equal([Path.Combine(directory, "bin", "mta-sts", "contoso.co.uk.zone")], fewer.StaleFiles);
        Assert.Equal(
            [PolicyFile, Path.Combine(directory, "bin", "mta-sts", "contoso.com.zone"), Path.Combine(directory, "bin", "mta-sts", "xn--mnchen-contoso-gsb.de.zone")],
            File.ReadAllText(OutputList).Split(';'));
    }

    [Fact]
    public void The_summary_names_how_many_domains_each_mode_and_where_the_snippets_are()
    {
        var plan = Plan(Differing);

        Assert.Equal(
            $"MtaSts: policies for 4 domains (enforce: contoso.com, contoso.co.uk, fabrikam.com; testing: münchen-contoso.de) -> no shared policy file, the policies differ: app.MapMtaStsPolicy() serves each host its own (MTASTS5007); publish each domain's DNS records from {Path.Combine("bin", "mta-sts")}{Path.DirectorySeparatorChar}<domain>.zone",
            plan.Summary);
        Assert.Contains($"-> {Path.Combine("wwwroot", ".well-known", "mta-sts.txt")};", Plan(Shared).Summary);
    }

    [Fact]
    public void The_summary_counts_the_domains_of_a_mode_beyond_the_first_ten()
    {
        var domains = string.Concat(Enumerable.Range(1, 25).Select(i => $"  d{i}.example: {{}}\n"));

        var summary = Plan("defaults: {mode: testing, mx: [mx.example.com]}\ndomains:\n" + domains).Summary!;

        Assert.StartsWith("MtaSts: policies for 25 domains (testing: d1.example, d2.example,", summary);
        Assert.Contains("d10.example and 15 more)", summary);
    }

    [Fact]
    public void Timestamp_ids_are_kept_per_domain_and_a_change_to_one_domain_renews_only_its_id()
    {
        var yaml = Differing.Replace("  mode: enforce\n", "  mode: enforce\n  id: timestamp\n");
        var first = Write(Plan(yaml, First));
        var state = Encoding.ASCII.GetString(Assert.Single(first.Files, f => f.Kind == GeneratedFileKind.IdState).Content);
        Assert.Contains("\ndomain: contoso.co.uk\nid: 20261128T102900Z\npolicy: ", state);
        Assert.Equal(4, PolicyIdState.ParseAll(state).Count);

        var second = Plan(yaml.Replace("{ mode: testing }", "{ mode: testing, max_age: 2w }"), Later);

        Assert.Equal(["20261128T102900Z", "20261128T102900Z", "20261201T000000Z", "20261128T102900Z"], second.Deployments.Select(d => d.PolicyId));
    }

    [Fact]
    public void A_single_domain_state_file_keeps_its_id_when_the_configuration_moves_to_the_multi_domain_form()
    {
        Write(Plan(MtaSts.Testing.ValidConfig.Yaml + "\nid: timestamp\n", First));
        var single = File.ReadAllText(PolicyIdState.PathFor(Config));
        Assert.DoesNotContain("domain:", single);

        var valid = TestConfig.Deploy(MtaSts.Testing.ValidConfig.Yaml);
        var multi = Plan($"defaults: {{id: timestamp, mode: testing, mx: [{string.Join(", ", valid.Policy.Mx.Select(m => $"\"{m.Value}\""))}]}}\ndomains:\n  example.com: {{}}\n  example.org: {{mode: enforce}}\n", Later);

        Assert.Equal(DiagnosticDescriptors.PoliciesDiffer, Assert.Single(multi.Diagnostics).Descriptor);
        Assert.Equal(["20261128T102900Z", "20261201T000000Z"], multi.Deployments.Select(d => d.PolicyId));
    }

    [Fact]
    public void Per_domain_policy_files_are_written_when_the_host_asks_for_them_without_a_warning()
    {
        File.WriteAllText(Config, Differing);

        var plan = OutputPlanner.Plan(Config, new OutputOptions
        {
            PolicyFileFor = d => Path.Combine(directory, "out", d.PolicyDomain, ".well-known", "mta-sts.txt"),
            ZoneFileFor = d => Path.Combine(directory, "out", d.PolicyDomain + ".zone"),
        });

        Assert.Empty(plan.Diagnostics);
        Assert.Equal(4, plan.Files.Count(f => f.Kind == GeneratedFileKind.Policy));
        Assert.Equal(plan.Deployments[2].Policy.ToBytes(), plan.Files.Single(f => f.Path.Contains("xn--mnchen", StringComparison.Ordinal) && f.Kind == GeneratedFileKind.Policy).Content);
        Assert.True(plan.Files.TakeWhile(f => f.Kind == GeneratedFileKind.Policy).Count() == 4, "the policies come first (RFC 8461 section 8.1)");
    }
}
