using System.Text;
using MtaSts.Dns;
using MtaSts.Lint;

namespace MtaSts.Fuzz.Targets;

/// <summary>
/// The _mta-sts TXT record (StsRecordLinter). A valid record's id, written again as the core writes the record and
/// linted again, must be the same id.
/// </summary>
public sealed class StsRecordTarget : FuzzTarget
{
    public override string Name => "sts-record";

    protected override void Check(byte[] input)
    {
        // TXT record data is bytes; the linter reads them as the DNS tools show them (UTF-8).
        var value = Encoding.UTF8.GetString(input);
        var result = StsRecordLinter.Lint(value, "_mta-sts");
        Property.RecordDiagnostics(result.Diagnostics, value);
        if (!result.IsValid)
        {
            return;
        }

        Property.That(result.Id is not null, "a valid record without an id");
        var again = StsRecordLinter.Lint(new StsTxtRecord(result.Id!).Value, "rendered");
        Property.That(again.IsValid, $"a valid record's id, written again, is not valid: {string.Join(" | ", again.Diagnostics)}");
        Property.Same(result.Id, again.Id, "id");
    }
}
