using MtaSts.Diagnostics;
using MtaSts.Lint;
using static MtaSts.Tests.Lint.LintAssert;

namespace MtaSts.Tests.Lint;

/// <summary>The <c>_mta-sts</c> TXT record against the RFC 8461 §3.1 ABNF. Column = character position in the value.</summary>
public class StsRecordLinterTests
{
    private static IReadOnlyList<Diagnostic> Diagnostics(string value) => StsRecordLinter.Lint(value, "_mta-sts.example.com").Diagnostics;

    // ---- valid records ----

    [Theory]
    [InlineData("v=STSv1; id=20160831085700Z;", "20160831085700Z")]
    [InlineData("v=STSv1;id=abc", "abc")]
    [InlineData("v=STSv1; id=abc ;", "abc")]
    [InlineData("v=STSv1;\tid=abc;\t", "abc")]
    [InlineData("v=STSv1; id=0123456789abcdefABCDEF0123456789;", "0123456789abcdefABCDEF0123456789")]
    public void A_record_in_the_grammar_is_clean_and_its_id_is_read(string record, string id)
    {
        var result = StsRecordLinter.Lint(record);
        Clean(result.Diagnostics);
        Assert.Equal(id, result.Id);
    }

    [Fact]
    public void Unknown_fields_are_accepted_and_ignored()
    {
        var result = StsRecordLinter.Lint("v=STSv1; ext.name_1-x=!~:<>; id=abc;");
        Clean(result.Diagnostics);
        Assert.Equal("abc", result.Id);
    }

    [Fact]
    public void A_valid_record_says_what_the_sender_reads()
    {
        Assert.Equal(
            "An RFC 8461 sender reads policy id 'abc' and fetches the policy again whenever this id differs from the one it has cached.",
            StsRecordLinter.Lint("v=STSv1; id=abc;").Verdict);
    }

    // ---- version ----

    [Theory]
    [InlineData("V=STSv1; id=abc", 1)]
    [InlineData("v=stsv1; id=abc", 3)]
    [InlineData(" v=STSv1; id=abc", 1)]
    [InlineData("\"v=STSv1; id=abc;\"", 1)]
    [InlineData("v=STSv10; id=abc", 1)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com", 1)]
    [InlineData("id=abc; v=STSv1", 1)]
    [InlineData("", 1)]
    [InlineData("v=STSv1", 8)]
    [InlineData("v=STSv1 ", 9)]
    [InlineData("v=STSv1 id=abc", 9)]
    [InlineData("v=STSv1=x; id=abc", 8)]
    public void A_record_not_beginning_with_v_STSv1_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.StsRecordVersion, 1, column);
    }

    [Fact]
    public void A_record_without_the_version_is_discarded()
    {
        Assert.StartsWith("An RFC 8461 sender discards this record", StsRecordLinter.Lint("v=STSv2; id=abc").Verdict);
    }

    [Theory]
    [InlineData("v=STSv1", "The record is only 'v=STSv1'")]
    [InlineData("v=STSv1 id=abc", "'v=STSv1' is not followed by ';'")]
    public void A_version_without_its_semicolon_is_discarded_as_check_discards_it(string record, string phrase)
    {
        // RFC 8461 §3.1: only records beginning with "v=STSv1;" count; the check picks records with the same rule.
        var result = StsRecordLinter.Lint(record);
        Assert.Contains(phrase, Assert.Single(result.Diagnostics).Message);
        Assert.StartsWith("An RFC 8461 sender discards this record", result.Verdict);
        Assert.False(MtaSts.Dns.StsTxtRecord.IsCandidate(record));
    }

    [Theory]
    [InlineData("v=STSv1; id=abc;")]
    [InlineData("v=STSv1 ; id=abc;")]
    [InlineData("v=STSv1;")]
    [InlineData("v=STSv1")]
    [InlineData("v=STSv1 id=abc;")]
    [InlineData("v=STSv1\tid=abc;")]
    [InlineData("v=STSv10; id=abc;")]
    [InlineData("V=STSv1; id=abc;")]
    [InlineData(" v=STSv1; id=abc;")]
    public void The_linter_discards_exactly_the_records_the_check_discards(string record)
    {
        var discarded = StsRecordLinter.Lint(record).Diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.StsRecordVersion);
        Assert.Equal(!MtaSts.Dns.StsTxtRecord.IsCandidate(record), discarded);
    }

    [Fact]
    public void Whitespace_before_the_first_semicolon_is_a_warning()
    {
        var result = StsRecordLinter.Lint("v=STSv1 ; id=abc;");
        Only(result.Diagnostics, DiagnosticDescriptors.StsRecordSpaceBeforeDelimiter, 1, 8);
        Assert.True(result.IsValid);
        Assert.Contains("literal 'v=STSv1;'", result.Verdict);
    }

    // ---- id ----

    [Theory]
    [InlineData("v=STSv1;", 9)]
    [InlineData("v=STSv1; foo=bar;", 18)]
    [InlineData("v=STSv1; ID=abc;", 10)]
    public void A_record_without_id_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.StsRecordMissingId, 1, column);
    }

    [Theory]
    [InlineData("v=STSv1; id=abc-def;", 16)]
    [InlineData("v=STSv1; id=2026-01-01T00:00:00Z;", 17)]
    [InlineData("v=STSv1; id=abc+def/g;", 16)]
    [InlineData("v=STSv1; id=abcdefghijabcdefghijabcdefghijabc;", 45)]
    public void An_id_outside_1_to_32_letters_and_digits_is_invalid_not_missing(string record, int column)
    {
        var diagnostic = Only(Diagnostics(record), DiagnosticDescriptors.StsRecordInvalidId, 1, column);
        Assert.DoesNotContain("no 'id'", diagnostic.Message);
    }

    [Fact]
    public void A_repeated_id_is_a_warning_and_the_first_wins()
    {
        var result = StsRecordLinter.Lint("v=STSv1; id=a; id=b;");
        Only(result.Diagnostics, DiagnosticDescriptors.StsRecordDuplicateField, 1, 16);
        Assert.Equal("a", result.Id);
    }

    // ---- field syntax ----

    [Theory]
    [InlineData("v=STSv1;; id=abc", 9)]
    [InlineData("v=STSv1; id=abc ", 16)]
    [InlineData("v=STSv1; id =abc", 12)]
    [InlineData("v=STSv1; id= abc", 13)]
    [InlineData("v=STSv1; id=abc; _x=1", 18)]
    [InlineData("v=STSv1; id=abc; x=a=b", 21)]
    [InlineData("v=STSv1; id=abc; x=", 20)]
    [InlineData("v=STSv1; id=abc; x", 19)]
    [InlineData("v=STSv1; id=abc; x=caf\u00e9", 23)]
    [InlineData("v=STSv1; id=abc; abcdefghijklmnopqrstuvwxyz0123456=1", 50)]
    public void A_field_outside_the_grammar_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.StsRecordSyntax, 1, column);
    }

    [Fact]
    public void An_invalid_record_says_the_sender_sees_no_policy()
    {
        var result = StsRecordLinter.Lint("v=STSv1;; id=abc");
        Assert.False(result.IsValid);
        Assert.Null(result.Id);
        Assert.StartsWith("An RFC 8461 sender finds this record syntactically invalid and treats the domain as having no available MTA-STS policy", result.Verdict);
    }
}
