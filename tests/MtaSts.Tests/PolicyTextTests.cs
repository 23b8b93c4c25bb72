using System.Text;
using MtaSts.Policy;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

/// <summary>The policy file as served (RFC 8461 §3.2).</summary>
public class PolicyTextTests
{
    [Fact]
    public void Fields_in_order_version_mode_mx_max_age_with_crlf()
    {
        Assert.Equal(
            "version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n",
            Deploy(Valid).PolicyText);
    }

    [Fact]
    public void Bytes_are_ascii_without_bom()
    {
        var bytes = Deploy(Valid.Replace("example.com", "bücher.example")).Policy.ToBytes();
        Assert.All(bytes, b => Assert.InRange(b, (byte)0x0A, (byte)0x7E));
        Assert.Equal((byte)'v', bytes[0]);
        Assert.Equal(Encoding.ASCII.GetBytes(Deploy(Valid.Replace("example.com", "bücher.example")).PolicyText), bytes);
    }

    [Fact]
    public void Every_line_ends_with_crlf_and_no_line_is_blank()
    {
        var text = Deploy(Valid).PolicyText;
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\r\n\r\n", text);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Policy_rejects_max_age_out_of_range_in_code()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy.StsPolicy(PolicyMode.Enforce, [], MaxAge.Maximum + 1));
    }
}
