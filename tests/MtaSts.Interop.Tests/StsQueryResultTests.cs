using MtaSts.Interop.Tests.Infrastructure;

namespace MtaSts.Interop.Tests;

/// <summary>The reader of mta-sts-query's printed result, on the shapes postfix-mta-sts-resolver 1.1 prints.</summary>
public sealed class StsQueryResultTests
{
    [Fact]
    public void A_valid_policy_gives_its_id_mode_mx_and_max_age()
    {
        var result = StsQueryResult.Parse(
            "(<STSFetchResult.VALID: 1>, ('04c3b70f9868c5e30fdc3d63d391c2d1', {'mx': ['mx1.xn--bcher-kva.example', '*.mail.xn--bcher-kva.example'], 'version': 'STSv1', 'mode': 'testing', 'max_age': 604800}))\n");

        Assert.Equal((StsQueryResult.Valid, "04c3b70f9868c5e30fdc3d63d391c2d1"), (result.Result, result.Id));
        Assert.Equal(("STSv1", "testing", (long?)604800), (result.Policy!.Version, result.Policy.Mode, result.Policy.MaxAge));
        Assert.Equal(["mx1.xn--bcher-kva.example", "*.mail.xn--bcher-kva.example"], result.Policy.Mx);
    }

    [Fact]
    public void A_none_policy_without_mx_has_an_empty_mx_list()
    {
        var result = StsQueryResult.Parse("(<STSFetchResult.VALID: 1>, ('idn1', {'mx': [], 'version': 'STSv1', 'mode': 'none', 'max_age': 86400}))");

        Assert.Equal(("none", (long?)86400), (result.Policy!.Mode, result.Policy.MaxAge));
        Assert.Empty(result.Policy.Mx);
    }

    [Theory]
    [InlineData("(<STSFetchResult.NOT_CHANGED: 3>, None)", StsQueryResult.NotChanged)]
    [InlineData("(<STSFetchResult.NONE: 0>, None)", StsQueryResult.None)]
    [InlineData("(<STSFetchResult.FETCH_ERROR: 2>, None)", StsQueryResult.FetchError)]
    public void Results_without_a_policy_have_no_id(string printed, string expected)
    {
        var result = StsQueryResult.Parse(printed);

        Assert.Equal((expected, null, null), (result.Result, result.Id, result.Policy));
    }

    [Fact]
    public void Only_the_last_line_is_the_result()
    {
        var result = StsQueryResult.Parse("2026-11-28 14:00:00 WARNING  RES: STS policy fetch for domain 'x' failed\n(<STSFetchResult.FETCH_ERROR: 2>, None)\n");

        Assert.Equal(StsQueryResult.FetchError, result.Result);
    }

    [Fact]
    public void Extension_fields_and_double_quoted_strings_are_read()
    {
        var result = StsQueryResult.Parse("""(<STSFetchResult.VALID: 1>, ('a1', {'mx': ["mx.example"], 'version': 'STSv1', 'mode': 'enforce', 'max_age': 1, 'x-note': 'it\'s'}))""");

        Assert.Equal(["mx.example"], result.Policy!.Mx);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Traceback (most recent call last):")]
    [InlineData("(<STSFetchResult.VALID: 1>, ('id', {'mx': [}))")]
    public void Anything_else_is_a_format_error(string printed)
    {
        Assert.Throws<FormatException>(() => StsQueryResult.Parse(printed));
    }
}
