using System.Text.RegularExpressions;
using MtaSts.Diagnostics;

namespace MtaSts.Tests;

/// <summary>Every diagnostic code has its page under docs/diagnostics, where its HelpLink points, and no page is orphaned.</summary>
public class DocsTests
{
    private static readonly string Docs = Path.Combine(RepoRoot.Path, "docs", "diagnostics");

    public static TheoryData<string> Codes => new(DiagnosticDescriptors.All.Select(d => d.Code));

    private static DiagnosticDescriptor Descriptor(string code) => DiagnosticDescriptors.All.Single(d => d.Code == code);

    private static string Page(string code) => File.ReadAllText(Path.Combine(Docs, code + ".md"));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_page_titled_with_its_code_and_title(string code)
    {
        var descriptor = Descriptor(code);
        Assert.True(File.Exists(Path.Combine(Docs, code + ".md")), $"docs/diagnostics/{code}.md is missing");
        Assert.Equal($"# {code}: {descriptor.Title}", Page(code).Split('\n')[0]);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_page_states_the_severity_and_shows_the_code_in_a_message(string code)
    {
        var page = Page(code);
        var severity = Descriptor(code).IsError() ? "error" : "warning";
        Assert.Contains($"| {severity} |", page);
        Assert.Contains($"{severity} {code}:", page);
        foreach (var section in new[] { "## What triggers it", "## Why", "## How to fix", "## Silencing it" })
        {
            Assert.Contains(section, page);
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Warning_pages_say_how_to_silence_them(string code)
    {
        var page = Page(code);
        if (Descriptor(code).IsError())
        {
            Assert.Contains("cannot be silenced", page);
        }
        else
        {
            Assert.Contains($"<NoWarn>$(NoWarn);{code}</NoWarn>", page);
            Assert.Contains($"<MSBuildWarningsAsMessages>$(MSBuildWarningsAsMessages);{code}</MSBuildWarningsAsMessages>", page);
        }
    }

    [Fact]
    public void No_page_exists_for_a_code_outside_the_catalogue()
    {
        var pages = Directory.GetFiles(Docs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README");
        Assert.Empty(pages.Except(DiagnosticDescriptors.All.Select(d => d.Code)));
    }

    [Fact]
    public void The_index_lists_every_code_with_a_link_and_nothing_else()
    {
        var index = File.ReadAllText(Path.Combine(Docs, "README.md"));
        var listed = Regex.Matches(index, @"\[(MTASTS\d{4})\]\(\1\.md\)").Select(m => m.Groups[1].Value);
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Code).OrderBy(c => c), listed.OrderBy(c => c));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_help_link_points_at_the_page(string code)
    {
        Assert.EndsWith($"/docs/diagnostics/{code}.md", Descriptor(code).HelpLink);
    }

    /// <summary>
    /// Every code is expected by at least one test of the suite: the test names it (<c>MTASTS7007</c>), its descriptor
    /// (<c>CheckMxWithoutAddress</c>), or its number in a data row (<c>[InlineData(…, 8101)]</c>, <c>"8102 8105"</c>).
    /// A code no test produces is a message nobody has seen.
    /// </summary>
    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_is_expected_by_at_least_one_test(string code)
    {
        var descriptor = Descriptor(code);
        Assert.True(IsExpectedByATest(descriptor), $"No test under tests/ expects {code} ({descriptor.Title}): add one that produces it.");
    }

    /// <summary>Whether a test of any test project names <paramref name="descriptor"/>'s code, field or number.</summary>
    private static bool IsExpectedByATest(DiagnosticDescriptor descriptor)
    {
        var code = descriptor.Code;
        var number = code["MTASTS".Length..];
        var field = typeof(DiagnosticDescriptors).GetFields().Single(f => f.GetValue(null) == descriptor).Name;
        var named = new Regex($@"\b{code}\b|\b{field}\b");
        var inData = new Regex($@"(InlineData\(|""|, ).*(?<![\d.:/-]){number}(?![\d.:/-])");
        return TestSources.Value.Any(source => named.IsMatch(source.Text) || source.Lines.Any(inData.IsMatch));
    }

    /// <summary>
    /// Every code the core reports (the configuration reader 1xxx-2xxx, the validator 3xxx and 5xxx, the outputs
    /// 4003-4007, the policy lint 60xx, the TXT record lints 61xx-62xx), the live check (7xxx, MtaSts.Checking), the
    /// report reader (8xxx, MtaSts.Reporting and MtaSts.Reporting.Mail) and the hosts themselves (1006, 1007, 4001, 4002,
    /// 9001: the build task, its targets file, the command line) has at least one message in the message table
    /// (<see cref="DiagnosticMessages"/>), its page and a test that produces it (<see cref="IsExpectedByATest"/> reads
    /// every test project, so a check's producing test may live in MtaSts.Checking.Tests, a report's in
    /// MtaSts.Reporting.Tests and a host's in MtaSts.Build.Tests or MtaSts.Cli.Tests). The codes listed below are
    /// reported with the words about a value (<see cref="DiagnosticMessages.Value"/>), which every host reports under a
    /// code of its own; every other code is the table's.
    /// </summary>
    [Theory]
    [MemberData(nameof(TableCodes))]
    public void Every_code_of_the_table_stages_has_a_message_a_page_and_a_producing_test(string code)
    {
        var descriptor = Descriptor(code);
        var messages = DiagnosticMessages.For(descriptor).ToList();
        Assert.True(messages.Count > 0, $"{code} ({descriptor.Title}) has no message in DiagnosticMessages.");
        Assert.True(File.Exists(Path.Combine(Docs, code + ".md")), $"docs/diagnostics/{code}.md is missing");
        Assert.True(IsExpectedByATest(descriptor), $"No test under tests/ expects {code} ({descriptor.Title}): add one that produces it.");
    }

    /// <summary>
    /// The table codes take in the live check, the report reader and the codes the hosts report themselves, whose
    /// producing tests live in their own test projects: every code but those reported with a value's words.
    /// </summary>
    [Fact]
    public void The_table_codes_are_every_code_but_those_reported_with_a_values_words()
    {
        var codes = TableCodeList();
        Assert.Contains("MTASTS7001", codes);
        Assert.Contains("MTASTS8107", codes);
        Assert.All(["MTASTS1006", "MTASTS1007", "MTASTS4001", "MTASTS4002", "MTASTS9001"], code => Assert.Contains(code, codes));
        Assert.DoesNotContain("MTASTS7190", codes);
        Assert.All(ReportedWithValueWords, number => Assert.Contains(DiagnosticDescriptors.All, d => d.Number == number));
    }

    /// <summary>Every code a table entry names is a code of the catalogue, with a page.</summary>
    [Fact]
    public void Every_code_named_in_the_table_has_a_page()
    {
        var named = DiagnosticMessages.All.SelectMany(m => m.Descriptors).Distinct().ToList();
        Assert.NotEmpty(named);
        Assert.All(named, d => Assert.True(File.Exists(Path.Combine(Docs, d.Code + ".md")), $"docs/diagnostics/{d.Code}.md is missing"));
        Assert.All(named, d => Assert.Contains(d, DiagnosticDescriptors.All));
    }

    private static readonly int[] ReportedWithValueWords =
    [
        3001, 3002, 3003, 3005, 3006, 3007, 3008, 3009, 3010, 3011, 3012, 3013, // the configured values
        6004, 6005, 6006, // the policy's mode, max_age and mx
        6103, // the _mta-sts record's id
        7190, // the domain given to mta-sts check (PolicyDomain's words)
    ];

    public static TheoryData<string> TableCodes => new(TableCodeList());

    private static List<string> TableCodeList() => DiagnosticDescriptors.All
        .Where(d => !ReportedWithValueWords.Contains(d.Number))
        .Select(d => d.Code)
        .ToList();

    private static readonly Lazy<List<(string Text, string[] Lines)>> TestSources = new(() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(file) != "DocsTests.cs")
            .Select(file => File.ReadAllText(file))
            .Select(text => (text, text.Split('\n')))
            .ToList());
}

internal static class DescriptorExtensions
{
    public static bool IsError(this DiagnosticDescriptor descriptor) => descriptor.Severity == DiagnosticSeverity.Error;
}

/// <summary>The repository root: the nearest directory above the test binaries that holds MtaSts.Build.sln.</summary>
internal static class RepoRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MtaSts.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MtaSts.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
