using MtaSts.Diagnostics;
using MtaSts.Fuzz;

namespace MtaSts.Fuzz.Tests;

/// <summary>Every seed of every target passes the properties the fuzzer checks, and the checks can fail.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Targets => new(FuzzTarget.All.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_parser_of_outside_input_is_a_target()
    {
        Assert.Equal(["config", "policy", "sts-record", "tlsrpt-record", "tlsrpt-report"], FuzzTarget.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_holds_every_property(string target)
    {
        var seeds = Directory.GetFiles(Path.Combine(FuzzTarget.CorpusRoot, target));
        Assert.NotEmpty(seeds);
        foreach (var seed in seeds)
        {
            var exception = Record.Exception(() => FuzzTarget.All[target].Run(File.ReadAllBytes(seed)));
            Assert.True(exception is null, $"{seed}: {exception}");
        }
    }

    [Fact]
    public void A_span_outside_the_input_is_a_finding()
    {
        var diagnostic = DiagnosticDescriptors.InternalError.Create("m", new SourceSpan(3, 1, 3, 2), "f");
        var finding = Assert.Throws<FindingException>(() => Property.Diagnostics([diagnostic], "one line\ntwo"));
        Assert.Contains("outside the input", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_span_that_ends_before_it_starts_is_a_finding()
    {
        var diagnostic = DiagnosticDescriptors.InternalError.Create("m", new SourceSpan(1, 5, 1, 2), "f");
        Assert.Throws<FindingException>(() => Property.Diagnostics([diagnostic], "one line"));
    }

    [Fact]
    public void A_round_trip_that_changes_a_value_is_a_finding()
    {
        Assert.Throws<FindingException>(() => Property.SameSequence(["a", "b"], ["a"], "mx"));
        Property.SameSequence(["a", "b"], ["a", "b"], "mx");
    }
}
