using System.Text;
using MtaSts.Diagnostics;

namespace MtaSts.Tests;

/// <summary>The core's one UTF-8 decoder and one offset → (line, column) conversion, used by every reader.</summary>
public class TextInputTests
{
    [Theory]
    [InlineData(new byte[] { 0x61, 0x62 }, -1)]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9 }, -1)]
    [InlineData(new byte[] { 0x61, 0xFF, 0x62 }, 1)]
    [InlineData(new byte[] { 0x61, 0x62, 0xC0, 0x80 }, 2)]           // overlong NUL
    [InlineData(new byte[] { 0x61, 0xED, 0xA0, 0x80 }, 1)]           // a surrogate (RFC 3629 §3)
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 }, 1)]                 // cut short
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0)]           // above U+10FFFF
    public void The_decoder_finds_the_first_byte_that_breaks_UTF_8(byte[] bytes, int first)
    {
        var text = Utf8Text.Decode(bytes, out var invalid);

        Assert.Equal(first, invalid);
        Assert.Equal(first < 0, !text.Contains('\uFFFD'));
    }

    [Fact]
    public void The_offset_is_into_the_whole_input_however_long()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('a', 200_000) + "\n" + new string('b', 10));
        bytes[200_005] = 0xFE;

        Utf8Text.Decode(bytes, out var invalid);

        Assert.Equal(200_005, invalid);
        Assert.Equal((2, 5), TextPosition.OfUtf8(bytes, invalid));
    }

    [Theory]
    [InlineData("abc", 0, 1, 1)]
    [InlineData("abc", 2, 1, 3)]
    [InlineData("a\r\nbc", 4, 2, 2)]
    [InlineData("a\nb\nc", 4, 3, 1)]
    [InlineData("ab", 5, 1, 3)]
    public void A_position_is_1_based_and_a_line_ends_at_LF(string text, int index, int line, int column)
    {
        Assert.Equal((line, column), TextPosition.Of(text, index));
    }

    [Fact]
    public void A_byte_position_counts_characters_not_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("x: 1\ncafé: \u00ff");
        Assert.Equal((2, 7), TextPosition.OfUtf8(bytes, bytes.Length - 2));
    }
}
