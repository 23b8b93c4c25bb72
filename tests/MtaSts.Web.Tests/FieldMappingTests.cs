using MtaSts.Diagnostics;
using MtaSts.Web.Generator;

namespace MtaSts.Web.Tests;

/// <summary>Core diagnostics land beside the form field they belong to.</summary>
public sealed class FieldMappingTests
{
    [Theory]
    [InlineData("domain", null, "domain")]
    [InlineData("mode", null, "mode")]
    [InlineData("mx", null, "mx")]
    [InlineData("mx", 2, "mx")]
    [InlineData("max_age", null, "max_age")]
    [InlineData("id", null, "id")]
    [InlineData("tls_rpt.rua", null, "tls_rpt")]
    [InlineData("tls_rpt.rua", 0, "tls_rpt")]
    [InlineData("ttl", null, "form")]
    [InlineData(null, null, "form")]
    public void Each_config_field_maps_to_its_form_field(string? key, int? index, string formField) =>
        Assert.Equal(formField, FieldMessage.FieldFor(key is null ? default(ConfigField?) : new ConfigField(key, index)));

    [Fact]
    public void Mx_lines_keep_their_text_area_line_numbers_and_skip_blank_lines()
    {
        var config = new GeneratorForm { Mx = "mx1.example.com\r\n\r\n   mx2.example.com  \r\n" }.ToConfig();

        var items = config.Mx!.Items;
        Assert.Equal(["mx1.example.com", "mx2.example.com"], items.Select(i => i.Value));
        Assert.Equal([1, 3], items.Select(i => i.Span.Line));
        Assert.Equal(4, items[1].Span.Column);
    }

    [Fact]
    public void A_message_about_a_list_item_names_its_line()
    {
        var form = new GeneratorForm { Domain = "example.com", Mx = "mx1.example.com\nmx1.example.com." };

        var message = Assert.Single(Generation.Run(form, DateTimeOffset.UnixEpoch).Messages);

        Assert.Equal(("mx", "MTASTS3008", true), (message.Field, message.Code, message.IsError));
        Assert.StartsWith("Line 2: 'mx1.example.com.' ends with a dot.", message.Message);
        Assert.Equal(DiagnosticDescriptors.MxTrailingDot.HelpLink, message.HelpLink);
    }

    [Fact]
    public void Empty_optional_fields_are_left_out_of_the_config()
    {
        var config = new GeneratorForm { Domain = " ", TlsRpt = "\n", MaxAge = "" }.ToConfig();

        Assert.Null(config.Domain);
        Assert.Null(config.TlsRptRua);
        Assert.Null(config.MaxAge);
    }

    [Fact]
    public void Other_max_age_left_empty_gets_the_core_error_beside_max_age()
    {
        var form = new GeneratorForm { Domain = "example.com", Mx = "mx1.example.com", MaxAge = GeneratorForm.CustomMaxAge, MaxAgeCustom = " " };

        var message = Assert.Single(Generation.Run(form, DateTimeOffset.UnixEpoch).Messages);

        Assert.Equal(("max_age", "MTASTS3010"), (message.Field, message.Code));
    }

    [Fact]
    public void A_custom_max_age_is_used_only_when_other_is_chosen()
    {
        Assert.Equal("30d", new GeneratorForm { MaxAge = GeneratorForm.CustomMaxAge, MaxAgeCustom = "30d" }.ToConfig().MaxAge!.Value);
        Assert.Equal("86400", new GeneratorForm { MaxAge = "86400", MaxAgeCustom = "30d" }.ToConfig().MaxAge!.Value);
    }
}
