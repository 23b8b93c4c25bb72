using System.Globalization;
using Microsoft.AspNetCore.Http;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Web.Generator;

/// <summary>
/// The generator form as submitted: raw text, exactly what the user typed. <see cref="ToConfig"/> turns it into the
/// same <see cref="PolicyConfig"/> a <c>mta-sts.yaml</c> would give, so the core validates both alike.
/// </summary>
public sealed record GeneratorForm
{
    /// <summary>Form field names; the same keys as mta-sts.yaml where there is one.</summary>
    public static class Names
    {
        public const string Domain = "domain";
        public const string Mode = "mode";
        public const string Mx = "mx";
        public const string MaxAge = "max_age";
        public const string MaxAgeCustom = "max_age_custom";
        public const string TlsRpt = "tls_rpt";
        public const string Id = "id";
    }

    /// <summary>The <see cref="MaxAge"/> value that means "use <see cref="MaxAgeCustom"/>".</summary>
    public const string CustomMaxAge = "custom";

    /// <summary>max_age presets from a day to the RFC 8461 §3.2 maximum of 31557600 seconds.</summary>
    public static IReadOnlyList<MaxAgePreset> MaxAgePresets { get; } =
    [
        new(86_400, "1 day"),
        new(604_800, "1 week"),
        new(1_209_600, "2 weeks"),
        new(2_592_000, "30 days"),
        new(7_776_000, "90 days"),
        new(15_552_000, "180 days"),
        new(global::MtaSts.Policy.MaxAge.Maximum, "1 year"),
    ];

    public static GeneratorForm Empty { get; } = new();

    public string Domain { get; init; } = "";

    /// <summary>testing (the recommended start, RFC 8461 §5), enforce or none.</summary>
    public string Mode { get; init; } = "testing";

    /// <summary>MX host patterns, one per line.</summary>
    public string Mx { get; init; } = "";

    /// <summary>A preset's seconds, or <see cref="CustomMaxAge"/>.</summary>
    public string MaxAge { get; init; } = Validator.DefaultMaxAge.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds or a duration ("30d"), used when <see cref="MaxAge"/> is <see cref="CustomMaxAge"/>.</summary>
    public string MaxAgeCustom { get; init; } = "";

    /// <summary>TLS-RPT destinations (mailto: or https:), one per line; empty for no TLS-RPT record.</summary>
    public string TlsRpt { get; init; } = "";

    /// <summary>"timestamp" (UTC time, what people expect from a generator) or "auto" (hash of the policy text).</summary>
    public string Id { get; init; } = PolicyId.Timestamp;

    public bool IsCustomMaxAge => MaxAge == CustomMaxAge;

    /// <summary>Reads the posted form. Missing fields become empty text: the core says what is missing.</summary>
    public static GeneratorForm Read(IFormCollection form) => new()
    {
        Domain = form[Names.Domain].ToString(),
        Mode = form[Names.Mode].ToString(),
        Mx = form[Names.Mx].ToString(),
        MaxAge = form[Names.MaxAge].ToString(),
        MaxAgeCustom = form[Names.MaxAgeCustom].ToString(),
        TlsRpt = form[Names.TlsRpt].ToString(),
        Id = form[Names.Id].ToString(),
    };

    /// <summary>
    /// The configuration these values stand for. Each MX and TLS-RPT line keeps its line number as its source position,
    /// so a message about <c>mx[2]</c> can say which line of the text area it means.
    /// </summary>
    public PolicyConfig ToConfig() => new()
    {
        Domain = Blank(Domain) ? null : new ConfigScalar(Domain.Trim()),
        Mode = Blank(Mode) ? null : new ConfigScalar(Mode.Trim()),
        Mx = Lines(Mx),
        MaxAge = EffectiveMaxAge is { } maxAge ? new ConfigScalar(maxAge) : null,
        Id = Blank(Id) ? null : new ConfigScalar(Id.Trim()),
        TlsRptRua = Lines(TlsRpt),
    };

    /// <summary>
    /// The max_age text that goes into the configuration: the preset, or the custom value when "Other" is chosen (even
    /// empty: the core then says what to write); null, the default, when no choice was sent.
    /// </summary>
    public string? EffectiveMaxAge =>
        IsCustomMaxAge ? MaxAgeCustom.Trim() : Blank(MaxAge) ? null : MaxAge.Trim();

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>One item per non-blank line, positioned at its line and first non-blank column.</summary>
    private static ConfigList? Lines(string text)
    {
        var items = new List<ConfigScalar>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var value = line.Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var column = line.IndexOf(value[0]) + 1;
            items.Add(new ConfigScalar(value, SourceSpan.At(i + 1, column, value.Length)));
        }

        return items.Count == 0 ? null : new ConfigList(items);
    }
}

/// <summary>A max_age choice offered on the form.</summary>
public sealed record MaxAgePreset(long Seconds, string Label)
{
    public string Value => Seconds.ToString(CultureInfo.InvariantCulture);
}
