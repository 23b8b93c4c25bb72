using System.Text.RegularExpressions;
using MtaSts.Diagnostics;

namespace MtaSts.Tests;

/// <summary>
/// The message table (<see cref="DiagnosticMessages"/>): every entry is well-formed, and the stages it serves take their
/// words from it. The words themselves are asserted where behaviour is (the reader's, linters' and hosts' tests); here,
/// that the table is one that a docs page, a test and a translator can rely on.
/// </summary>
public class DiagnosticMessagesTests
{
    public static TheoryData<string> Names => new(DiagnosticMessages.All.Select(m => m.Name));

    private static DiagnosticMessage Message(string name) => DiagnosticMessages.All.Single(m => m.Name == name);

    [Fact]
    public void Every_message_has_a_unique_name_made_of_its_code_or_group_and_its_field()
    {
        var names = DiagnosticMessages.All.Select(m => m.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.Matches(@"^(MTASTS\d{4}|RecordLint|Lint|Outputs|Value|Verdict|Check|Report)\.[A-Z][A-Za-z0-9]+$", name));
        Assert.Equal("MTASTS2003.UnknownSuggestion", DiagnosticMessages.Config.UnknownSuggestion.Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_formats_with_exactly_its_arguments_and_uses_each(string name)
    {
        var message = Message(name);
        var args = Enumerable.Range(0, message.Arguments).Select(i => (object?)$"⟨{i}⟩").ToArray();
        var text = message.Format(args);
        for (var i = 0; i < message.Arguments; i++)
        {
            Assert.Contains($"⟨{i}⟩", text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"\{\d", text);
        Assert.Throws<ArgumentException>(() => message.Format([.. args, "extra"]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_is_one_printable_line_without_doubled_spaces(string name)
    {
        var text = Message(name).Text;
        Assert.DoesNotContain(text, c => char.IsControl(c));
        Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
        Assert.Equal(text.TrimEnd(), text);
    }

    [Fact]
    public void A_message_shared_by_two_codes_is_created_under_one_of_them_only()
    {
        var shared = DiagnosticMessages.RecordLint.EmptyField;
        Assert.Equal([DiagnosticDescriptors.StsRecordSyntax, DiagnosticDescriptors.TlsRptRecordSyntax], shared.Descriptors);
        Assert.Null(shared.Descriptor);

        var diagnostic = shared.Create(DiagnosticDescriptors.TlsRptRecordSyntax, SourceSpan.At(1, 12), "record", "RFC 8460 §3");
        Assert.Equal("MTASTS6205", diagnostic.Code);
        Assert.Equal("Empty field (';;'). Remove the extra ';' (RFC 8460 §3).", diagnostic.Message);
        Assert.Throws<ArgumentException>(() => shared.Create(DiagnosticDescriptors.PolicyLineSyntax, default, null, "RFC 8461 §3.1"));
        Assert.Throws<InvalidOperationException>(() => shared.Create(default, null, null, "RFC 8460 §3"));
    }

    [Fact]
    public void A_message_of_one_code_creates_its_diagnostic_with_the_values_in_place()
    {
        var diagnostic = DiagnosticMessages.Config.Duplicate.Create(SourceSpan.At(4, 1), "mta-sts.yaml", "mode", "mode", 2);
        Assert.Equal(DiagnosticDescriptors.DuplicateKey, diagnostic.Descriptor);
        Assert.Equal("'mode' is already set at line 2. Keep one of them.", diagnostic.Message);
        Assert.Equal("mode", diagnostic.Field?.Key);
    }

    [Fact]
    public void Numbers_are_formatted_the_same_in_every_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(
                "The policy is 70,000 bytes. Senders may stop reading a policy at 64 KB (RFC 8461 §3.3) and then reject it; keep it under 64,000 bytes, e.g. with wildcard mx patterns.",
                DiagnosticMessages.PolicyLint.TooLarge.Format(70_000));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    /// <summary>
    /// The stages the table serves compose no words of their own: a diagnostic is created from a table entry
    /// (<c>Messages.X.Create(…)</c>) or from words the table made, never from a string literal at the call site.
    /// </summary>
    [Theory]
    [InlineData("src/MtaSts/Read")]
    [InlineData("src/MtaSts/Validate")]
    [InlineData("src/MtaSts/Lint")]
    public void The_stages_the_table_serves_compose_no_message_at_a_call_site(string folder)
    {
        var literal = new Regex(@"\.Create\(\s*\$?@?""|Report\([^;]*,\s*\$?""[A-Za-z'{]|=>\s*\$""[A-Z'{][^""]*\s[^""]*""", RegexOptions.Multiline);
        Assert.Empty(Offenders(folder, literal));
    }

    /// <summary>
    /// A diagnostic made from words written at the call site: <c>Descriptor.Create("…")</c>, a branch of a condition
    /// inside <c>Create(…)</c> (<c>Create(isDirectory ? $"…" : …)</c>), or a local helper handed a descriptor and a
    /// literal (<c>Warn(DiagnosticDescriptors.X, $"…")</c>).
    /// </summary>
    private static readonly Regex DiagnosticFromLiteral = new(
        @"\.Create\(\s*\$?@?""|\.Create\([^;]*[^?]\?\s*\$?@?""[A-Za-z'{]|\b(?:D|DiagnosticDescriptors)\.\w+\s*,\s*\$?@?""",
        RegexOptions.Multiline);

    /// <summary>
    /// Nowhere in the core, the live check, the report reader or the hosts (the build task, the command line, the web
    /// page) is a diagnostic created from words written at the call site (<see cref="DiagnosticFromLiteral"/>): the
    /// hosts take the words of what they report themselves from <see cref="DiagnosticMessages.Hosts"/>.
    /// </summary>
    [Theory]
    [InlineData("src/MtaSts")]
    [InlineData("src/MtaSts.Checking")]
    [InlineData("src/MtaSts.Reporting")]
    [InlineData("src/MtaSts.Reporting.Mail")]
    [InlineData("src/MtaSts.Build")]
    [InlineData("src/MtaSts.Cli")]
    [InlineData("src/MtaSts.Web")]
    public void No_diagnostic_is_created_from_a_string_literal(string folder)
    {
        Assert.Empty(Offenders(folder, DiagnosticFromLiteral));
    }

    /// <summary>The guard above finds what it looks for (a guard that cannot fail proves nothing).</summary>
    [Theory]
    [InlineData("D.CheckNullMx.Create(\n    $\"{domain} publishes a null MX\", file: domain)")]
    [InlineData("Warn(DiagnosticDescriptors.ReportFieldMissing, $\"{path} has no summary\")")]
    [InlineData("Error(D.CheckPolicyStatus,\n    $\"{url} answered {status}\")")]
    [InlineData("DiagnosticDescriptors.ConfigFileNotFound.Create(\n    Directory.Exists(path) ? $\"'{file}' is a directory\" : $\"The policy file '{file}' does not exist.\", file: label)")]
    public void The_literal_guard_finds_a_diagnostic_made_from_a_literal(string code)
    {
        Assert.Matches(DiagnosticFromLiteral, code);
    }

    /// <summary>The guard does not take a table entry's arguments, or words the table made, for words at the call site.</summary>
    [Theory]
    [InlineData("DiagnosticMessages.Hosts.CannotWrite.Create(default, display, null, display, ex.Message)")]
    [InlineData("DiagnosticDescriptors.CheckInvalidDomain.Create(problem)")]
    public void The_literal_guard_passes_a_diagnostic_made_from_the_table(string code)
    {
        Assert.DoesNotMatch(DiagnosticFromLiteral, code);
    }

    /// <summary>
    /// MTASTS1006 is reported by MSBuild itself (a &lt;Warning&gt; in the targets file, as no task runs without a
    /// configuration), so its words are written there too: they are the table's, with the property MSBuild expands in
    /// place of the path, so that the table stays the one owner of the words.
    /// </summary>
    [Fact]
    public void The_targets_file_warns_MTASTS1006_with_the_words_of_the_table()
    {
        var targets = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "src", "MtaSts.Build", "build", "MtaSts.Build.targets"));
        var warning = Assert.Single(targets.Descendants(), e => e.Name.LocalName == "Warning" && (string?)e.Attribute("Code") == "MTASTS1006");
        Assert.Equal(DiagnosticMessages.Hosts.NoConfig.Format("$(_MtaStsConfigFullPath)"), (string?)warning.Attribute("Text"));
        Assert.Equal(DiagnosticDescriptors.NoConfigFile.HelpLink, (string?)warning.Attribute("HelpLink"));
    }

    private static List<string> Offenders(string folder, Regex literal) =>
        (File.Exists(Path.Combine(RepoRoot.Path, folder))
            ? [Path.Combine(RepoRoot.Path, folder)]
            : Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => literal.Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();
}
