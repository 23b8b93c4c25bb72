using MtaSts.Diagnostics;
using MtaSts.Lint;
using static MtaSts.Tests.Lint.LintAssert;

namespace MtaSts.Tests.Lint;

/// <summary>The <c>_smtp._tls</c> TXT record against the RFC 8460 §3 ABNF. Column = character position in the value.</summary>
public class TlsRptRecordLinterTests
{
    private static IReadOnlyList<Diagnostic> Diagnostics(string value) => TlsRptRecordLinter.Lint(value, "_smtp._tls.example.com").Diagnostics;

    // ---- valid records ----

    [Theory]
    [InlineData("v=TLSRPTv1;rua=mailto:reports@example.com", "mailto:reports@example.com")]
    [InlineData("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt", "https://reporting.example.com/v1/tlsrpt")]
    [InlineData("v=TLSRPTv1; rua=mailto:a%2Cb@example.com;", "mailto:a%2Cb@example.com")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com; ext=1", "mailto:a@example.com")]
    public void A_record_in_the_grammar_is_clean_and_its_destinations_are_read(string record, string rua)
    {
        var result = TlsRptRecordLinter.Lint(record);
        Clean(result.Diagnostics);
        Assert.Equal([rua], result.Rua);
    }

    [Fact]
    public void Whitespace_around_the_commas_of_rua_is_allowed_with_a_warning()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=mailto:a@example.com ,\thttps://r.example.com/x");
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordSpaceAroundComma, 1, 37);
        Assert.True(result.IsValid);
        Assert.Equal(["mailto:a@example.com", "https://r.example.com/x"], result.Rua);
    }

    [Fact]
    public void A_valid_record_says_where_reports_go()
    {
        Assert.Equal(
            "An RFC 8460 reporter sends daily TLS reports for this domain to 1 destination: mailto:a@example.com.",
            TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=mailto:a@example.com").Verdict);
    }

    // ---- version ----

    [Theory]
    [InlineData("v=tlsrptv1; rua=mailto:a@example.com", 3)]
    [InlineData("v=STSv1; id=abc", 1)]
    [InlineData("rua=mailto:a@example.com; v=TLSRPTv1", 1)]
    [InlineData("v=TLSRPTv1", 11)]
    [InlineData("v=TLSRPTv1 rua=mailto:a@example.com", 12)]
    public void A_record_not_beginning_with_v_TLSRPTv1_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.TlsRptRecordVersion, 1, column);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com")]
    [InlineData("v=TLSRPTv1\t; rua=mailto:a@example.com")]
    [InlineData("v=TLSRPTv1")]
    [InlineData("v=TLSRPTv1 rua=mailto:a@example.com")]
    [InlineData("v=TLSRPTv10; rua=mailto:a@example.com")]
    public void The_linter_discards_exactly_the_records_the_check_discards(string record)
    {
        // RFC 8460 §3: only records beginning with "v=TLSRPTv1;" count, in lint and check alike.
        var result = TlsRptRecordLinter.Lint(record);
        var discarded = result.Diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.TlsRptRecordVersion);
        Assert.Equal(!MtaSts.Dns.TlsRptRecord.IsCandidate(record), discarded);
        Assert.Equal(discarded, result.Verdict.StartsWith("An RFC 8460 reporter discards this record", StringComparison.Ordinal));
    }

    [Fact]
    public void Whitespace_before_the_first_semicolon_is_a_warning()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1 ; rua=mailto:a@example.com");
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordSpaceBeforeDelimiter, 1, 11);
        Assert.True(result.IsValid);
    }

    // ---- rua ----

    [Theory]
    [InlineData("v=TLSRPTv1;", 12)]
    [InlineData("v=TLSRPTv1; ruf=mailto:a@example.com", 13)]
    [InlineData("v=TLSRPTv1; RUA=mailto:a@example.com", 13)]
    [InlineData("v=TLSRPTv1; foo=mailto:a@example.com", 37)]
    public void A_record_without_rua_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.TlsRptRecordMissingRua, 1, column);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; ruf=mailto:a@example.com", "Did you mean 'rua'?")]
    [InlineData("v=TLSRPTv1; RUA=mailto:a@example.com", "Field names are case-sensitive: write 'rua='")]
    public void A_missing_rua_names_the_field_that_was_probably_meant(string record, string fix)
    {
        Assert.Contains(fix, Assert.Single(Diagnostics(record)).Message);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=postmaster@example.com", 17)]
    [InlineData("v=TLSRPTv1; rua=http://r.example.com/", 17)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com!10m", 37)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com mailto:b@example.com", 37)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,", 37)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,,mailto:b@example.com", 38)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/a b", 61)]
    public void An_invalid_destination_is_an_error_at_the_offending_character(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.TlsRptRecordInvalidRua, 1, column);
    }

    [Fact]
    public void A_second_rua_field_is_a_warning_and_every_destination_counts()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=mailto:a@example.com; rua=https://r.example.com/");
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordMultipleRua, 1, 39);
        Assert.Equal(["mailto:a@example.com", "https://r.example.com/"], result.Rua);
    }

    // ---- field syntax ----

    [Theory]
    [InlineData("v=TLSRPTv1;; rua=mailto:a@example.com", 12)]
    [InlineData("v=TLSRPTv1; rua= mailto:a@example.com", 17)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com ", 37)]
    [InlineData("v=TLSRPTv1; rua =mailto:a@example.com", 16)]
    [InlineData("v=TLSRPTv1; rua=", 17)]
    public void A_field_outside_the_grammar_is_an_error(string record, int column)
    {
        Only(Diagnostics(record), DiagnosticDescriptors.TlsRptRecordSyntax, 1, column);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; ext=1; rua=mailto:a@example.com", 20)]
    [InlineData("v=TLSRPTv1; ruf=mailto:x@example.com; rua=mailto:a@example.com", 39)]
    public void Rua_not_first_after_the_version_is_a_warning_the_Postfix_reporter_drops_it(string record, int column)
    {
        // RFC 8460 §3 allows any order; sys4 tlsrpt-reporter reads rua only right after the version.
        var result = TlsRptRecordLinter.Lint(record);
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordRuaNotFirst, 1, column);
        Assert.True(result.IsValid);
        Assert.Equal(["mailto:a@example.com"], result.Rua);
        Assert.Contains("the Postfix reporter (sys4 tlsrpt-reporter) drops a record of this shape", result.Verdict);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com", 38)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com ,mailto:b@example.com", 37)]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com\t,\tmailto:b@example.com", 37)]
    public void Whitespace_around_a_comma_in_rua_is_a_warning_the_Postfix_reporter_drops_it(string record, int column)
    {
        var result = TlsRptRecordLinter.Lint(record);
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordSpaceAroundComma, 1, column);
        Assert.Equal(["mailto:a@example.com", "mailto:b@example.com"], result.Rua);
        Assert.Contains("drops a record of this shape", result.Verdict);
    }

    [Fact]
    public void Rua_first_and_commas_alone_get_no_reporter_warning()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com; ext=1");
        Clean(result.Diagnostics);
        Assert.DoesNotContain("Postfix", result.Verdict);
    }

    [Fact]
    public void Trailing_whitespace_alone_is_an_error_that_only_strict_reporters_discard()
    {
        // mox and the Postfix reporter accept it; the ABNF does not (RFC 8460 §3).
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=mailto:a@example.com ");
        Only(result.Diagnostics, DiagnosticDescriptors.TlsRptRecordSyntax, 1, 37);
        Assert.False(result.IsValid);
        Assert.Equal(
            "Strict RFC 8460 reporters discard this record for the whitespace at its end and send no TLS reports; lenient ones (mox, the Postfix reporter) ignore it and send daily TLS reports to 1 destination: mailto:a@example.com.",
            result.Verdict);
    }

    [Fact]
    public void Trailing_whitespace_with_another_error_is_plainly_invalid()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=postmaster@example.com ");
        Assert.StartsWith("An RFC 8460 reporter finds this record invalid", result.Verdict);
    }

    [Fact]
    public void An_invalid_record_says_no_reports_are_sent()
    {
        var result = TlsRptRecordLinter.Lint("v=TLSRPTv1; rua=postmaster@example.com");
        Assert.Empty(result.Rua);
        Assert.Equal("An RFC 8460 reporter finds this record invalid and sends no TLS reports for the domain.", result.Verdict);
    }
}
