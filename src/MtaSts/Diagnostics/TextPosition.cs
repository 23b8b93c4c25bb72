namespace MtaSts.Diagnostics;

/// <summary>
/// The one offset → (line, column) conversion of the diagnostics: 1-based, a line ends at LF (so CRLF and LF count
/// alike, RFC 8461 §3.2's <c>sts-policy-term</c>), a column counts UTF-16 characters, as editors do.
/// </summary>
public static class TextPosition
{
    /// <summary>The line and column of the character at <paramref name="index"/> in <paramref name="text"/> (or just past its end).</summary>
    public static (int Line, int Column) Of(string text, int index)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        index = Math.Max(0, Math.Min(index, text.Length));
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    /// <summary>The line and column of the byte at <paramref name="byteIndex"/> of UTF-8 <paramref name="bytes"/>.</summary>
    public static (int Line, int Column) OfUtf8(byte[] bytes, int byteIndex)
    {
        var prefix = Utf8Text.DecodePrefix(bytes, byteIndex);
        return Of(prefix, prefix.Length);
    }
}
