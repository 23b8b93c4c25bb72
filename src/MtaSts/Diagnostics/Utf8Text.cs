using System.Text;

namespace MtaSts.Diagnostics;

/// <summary>
/// The one UTF-8 decoder for input files (mta-sts.yaml, policy files, TLS-RPT reports): strict RFC 3629 §4, so a bad
/// lead or continuation byte, an overlong form or a surrogate is found, and where.
/// </summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Decodes <paramref name="bytes"/>. <paramref name="firstInvalidByte"/> is the offset of the first byte that breaks
    /// UTF-8, or -1; the text then has U+FFFD in place of each invalid sequence, so a caller can still read the rest.
    /// A BOM is kept as U+FEFF: whether it is allowed is the caller's rule.
    /// </summary>
    public static string Decode(byte[] bytes, out int firstInvalidByte)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        try
        {
            firstInvalidByte = -1;
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            firstInvalidByte = Math.Max(0, Math.Min(ex.Index, bytes.Length - 1));
            return Lenient.GetString(bytes);
        }
    }

    /// <summary>The text of the first <paramref name="count"/> bytes, invalid sequences as U+FFFD.</summary>
    public static string DecodePrefix(byte[] bytes, int count) =>
        Lenient.GetString(bytes, 0, Math.Max(0, Math.Min(count, bytes.Length)));
}
