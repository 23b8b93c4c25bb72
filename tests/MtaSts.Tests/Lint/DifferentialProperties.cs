using System.Globalization;
using CsCheck;
using MtaSts.Configuration;
using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Tests.Lint;

/// <summary>
/// The configuration pipeline (mta-sts.yaml, lenient) and the linters (published text, strict) share one grammar per
/// value: the configuration accepts a value exactly when a sender would accept what the configuration publishes for
/// it. Values come from a grammar-aware generator (labels, wildcards, dots, ports, IP addresses, U-labels, case,
/// whitespace) and from random noise. A value with a control character anywhere, even at its edge where trimming would
/// drop it, is refused by the configuration before any grammar (no host may inject a line); that rule is checked on
/// its own.
/// </summary>
public class DifferentialProperties
{
    private const long Iterations = 3000;

    private static readonly Gen<string> Label = Gen.OneOf(
        Gen.String[Gen.Char["abcxyzMAIL0189-"], 0, 8],
        Gen.String[Gen.Char["abc-_*üßé\u00A0 "], 1, 6],
        Gen.Int[60, 66].Select(n => new string('a', n)),
        Gen.Const("xn--bcher-kva"),
        Gen.Const("xn--zz"));

    private static readonly Gen<string> Grammatical =
        Gen.Select(Label.Array[1, 5], Gen.Int[0, 9], Gen.Int[0, 6], Gen.Int[0, 5]).Select((labels, prefix, suffix, padding) =>
        {
            var host = string.Join(".", labels);
            host = prefix switch { 0 => "*." + host, 1 => "*" + host, 2 => "**." + host, 3 => "." + host, _ => host };
            host = suffix switch { 0 => host + ".", 1 => host + ":25", 2 => host + ".com", 3 => host + ".example", _ => host };
            return padding switch { 0 => " " + host, 1 => host + "\t", 2 => "\u3000" + host + " ", _ => host };
        });

    private static readonly Gen<string> Special = Gen.OneOf(
        Gen.Const("192.0.2.1"), Gen.Const("[192.0.2.1]"), Gen.Const("2001:db8::25"), Gen.Const("mail.example.com:25"),
        Gen.Const("*"), Gen.Const("*.com"), Gen.Const(""), Gen.Const("  "), Gen.Const("MAIL.Example.COM"),
        Gen.Const("bücher.example"), Gen.Const("*.bücher.example"), Gen.Const("mx1.example.com\r\nmx: mx2.example.com"),
        Gen.Const("mail.example.com."), Gen.Const("a..b.com"), Gen.Const("-a.example.com"), Gen.Const("mail_1.example.com"));

    private static readonly Gen<string> Noise = Gen.String[Gen.Char, 0, 20];

    private static readonly Gen<string> MxValue = Gen.Frequency((6, Grammatical), (2, Special), (2, Noise));

    private static readonly Gen<string> ModeValue = Gen.Frequency(
        (4, Gen.OneOf<string>("testing", "enforce", "none", "Enforce", "TESTING", " none ", "enforce\t", "enforcé", "test", "", "none\r\n")),
        (2, Gen.String[Gen.Char["testingforcnd \t"], 0, 9]),
        (1, Noise));

    private static readonly Gen<string> IdValue = Gen.Frequency(
        (4, Gen.OneOf<string>("auto", "timestamp", "20260101T000000Z", " abc ", "a-b", "ab;cd", "ab; cd=ef", "", new string('a', 32), new string('a', 33), "äbc", "a b")),
        (3, Gen.String[Gen.Char["abzAZ09-_.; =\t"], 0, 34]),
        (1, Noise));

    [Fact]
    public void Config_and_policy_linter_agree_on_every_mx_value()
    {
        MxValue.Sample(value =>
        {
            var config = Validator.Validate(Config(mx: value));
            if (RefusedAsControl(value, config))
            {
                return;
            }

            var normalised = Normalise(value);
            var linted = PolicyLinter.Lint($"version: STSv1\r\nmode: testing\r\nmx: {normalised}\r\nmax_age: 86400\r\n");
            var lintAccepts = linted.IsValid && linted.Mx.Count == 1 && linted.Mx[0] == normalised;
            Assert.True(config.Success == lintAccepts,
                $"mx {Show(value)}: config {(config.Success ? "accepts" : "rejects")}, linter {(lintAccepts ? "accepts" : "rejects")} {Show(normalised)}\n{string.Join("\n", config.Diagnostics.Concat(linted.Diagnostics))}");
            if (config.Success)
            {
                Assert.Equal(config.Deployment!.Policy.Mx.Single(), linted.Policy!.Mx.Single());
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Config_and_policy_linter_agree_on_every_mode_value()
    {
        ModeValue.Sample(value =>
        {
            var config = Validator.Validate(Config(mode: value));
            if (RefusedAsControl(value, config))
            {
                return;
            }

            var normalised = Normalise(value);
            var linted = PolicyLinter.Lint($"version: STSv1\r\nmode: {normalised}\r\nmx: mail.example.com\r\nmax_age: 86400\r\n");
            Assert.True(config.Success == (linted.IsValid && linted.Mode is not null),
                $"mode {Show(value)}: config {config.Success}, linter {linted.IsValid}\n{string.Join("\n", config.Diagnostics.Concat(linted.Diagnostics))}");
            if (config.Success)
            {
                Assert.Equal(config.Deployment!.Policy.Mode, linted.Mode);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Config_and_sts_record_linter_agree_on_every_id_value()
    {
        IdValue.Sample(value =>
        {
            var config = Validator.Validate(Config(id: value));
            if (RefusedAsControl(value, config))
            {
                return;
            }

            var normalised = Normalise(value);
            var linted = StsRecordLinter.Lint($"v=STSv1; id={normalised};");
            var lintAccepts = linted.IsValid && linted.Id == normalised;
            Assert.True(config.Success == lintAccepts,
                $"id {Show(value)}: config {config.Success}, linter {lintAccepts}\n{string.Join("\n", config.Diagnostics.Concat(linted.Diagnostics))}");
            if (config.Success && normalised is not (PolicyId.Auto or PolicyId.Timestamp))
            {
                Assert.Equal(config.Deployment!.PolicyId, linted.Id);
            }
        }, iter: Iterations);
    }

    /// <summary>True when <paramref name="value"/> holds a control character; then the configuration must refuse it as such.</summary>
    private static bool RefusedAsControl(string value, ValidationResult config)
    {
        if (!value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return false;
        }

        Assert.Contains(config.Diagnostics, d => d.Descriptor == MtaSts.Diagnostics.DiagnosticDescriptors.ControlCharacter);
        return true;
    }

    private static PolicyConfig Config(string mode = "testing", string mx = "mail.example.com", string? id = null) => new()
    {
        Domain = "example.com",
        Mode = mode,
        Mx = ConfigList.Of(mx),
        MaxAge = "86400",
        Id = id is null ? null : new ConfigScalar(id),
    };

    /// <summary>
    /// What the configuration's leniency amounts to, written here independently of the product: surrounding whitespace
    /// goes, and a Unicode host name becomes its A-label form (IDNA, RFC 5891) when it has one.
    /// </summary>
    private static string Normalise(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.All(c => c <= 0x7E))
        {
            return trimmed;
        }

        var wildcard = trimmed.StartsWith("*.", StringComparison.Ordinal) ? "*." : "";
        try
        {
            return wildcard + new IdnMapping { UseStd3AsciiRules = true }.GetAscii(trimmed.Substring(wildcard.Length));
        }
        catch (ArgumentException)
        {
            return trimmed;
        }
    }

    private static string Show(string value) =>
        "\"" + string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
