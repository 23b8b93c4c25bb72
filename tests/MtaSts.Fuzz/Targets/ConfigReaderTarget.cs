using System.Text;
using MtaSts.Configuration;

namespace MtaSts.Fuzz.Targets;

/// <summary>
/// mta-sts.yaml (ConfigReader). What it accepts, written back by ConfigWriter (what `mta-sts init` writes) and read
/// again, must give the same values.
/// </summary>
public sealed class ConfigReaderTarget : FuzzTarget
{
    public override string Name => "config";

    protected override void Check(byte[] input)
    {
        var document = ConfigReader.Read(input, "mta-sts.yaml");
        Property.Diagnostics(document.Diagnostics, Text.Lenient(input));
        if (document.HasErrors)
        {
            return;
        }

        foreach (var policy in document.Policies)
        {
            var written = ConfigWriter.Write(policy);
            var reread = ConfigReader.Read(written, "written.yaml");
            Property.That(!reread.HasErrors && reread.Policies.Count == 1,
                $"what was accepted, written back, is not read again: {string.Join(" | ", reread.Diagnostics.Select(d => d.ToString()))}");
            var again = reread.Policies[0];
            Property.Same(policy.Domain?.Value, again.Domain?.Value, "domain");
            Property.Same(policy.Mode?.Value, again.Mode?.Value, "mode");
            Property.SameSequence(policy.Mx?.Items.Select(i => i.Value), again.Mx?.Items.Select(i => i.Value), "mx");
            Property.Same(policy.MaxAge?.Value, again.MaxAge?.Value, "max_age");
            Property.Same(policy.Id?.Value, again.Id?.Value, "id");
            Property.SameSequence(policy.TlsRptRua?.Items.Select(i => i.Value), again.TlsRptRua?.Items.Select(i => i.Value), "tls_rpt.rua");
            Property.Same(policy.Ttl?.Value, again.Ttl?.Value, "ttl");
        }
    }
}

/// <summary>Input bytes as the text positions refer to them.</summary>
internal static class Text
{
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Lenient(byte[] input) => LenientUtf8.GetString(input);
}
