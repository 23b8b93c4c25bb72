using System.Text;
using MtaSts.Dns;
using MtaSts.Lint;

namespace MtaSts.Fuzz.Targets;

/// <summary>
/// The _smtp._tls TXT record (TlsRptRecordLinter). A valid record's rua list, written again as the core writes the
/// record and linted again, must be the same list.
/// </summary>
public sealed class TlsRptRecordTarget : FuzzTarget
{
    public override string Name => "tlsrpt-record";

    protected override void Check(byte[] input)
    {
        var value = Encoding.UTF8.GetString(input);
        var result = TlsRptRecordLinter.Lint(value, "_smtp._tls");
        Property.RecordDiagnostics(result.Diagnostics, value);
        if (!result.IsValid)
        {
            return;
        }

        var again = TlsRptRecordLinter.Lint(new TlsRptRecord(result.Rua).Value, "rendered");
        Property.That(again.IsValid, $"a valid record's rua, written again, is not valid: {string.Join(" | ", again.Diagnostics)}");
        Property.SameSequence(result.Rua, again.Rua, "rua");
    }
}
