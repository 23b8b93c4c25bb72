namespace MtaSts.Tests;

public class SmokeTests
{
    [Fact]
    public void Sample_config_compiles()
    {
        var result = PolicyCompiler.Compile("""
            domain: Bücher.example
            mode: testing
            mx:
              - mx1.example.com
              - "*.mail.example.com"
            max_age: 1w
            tls_rpt:
              rua: [mailto:tlsrpt@example.com, https://reports.example.com/v1/tlsrpt]
            ttl: 3600
            """, "mta-sts.yaml");
        Assert.Empty(result.Diagnostics);
        var d = result.Deployment!;
        Assert.Equal("xn--bcher-kva.example", d.PolicyDomain);
        Assert.Equal("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: *.mail.example.com\r\nmax_age: 604800\r\n", d.PolicyText);
        var zone = Dns.ZoneSnippetWriter.Write(d, "mta-sts.yaml");
        Assert.Contains("_mta-sts.xn--bcher-kva.example. 3600 IN TXT \"v=STSv1; id=" + d.PolicyId + ";\"", zone);
        Assert.Equal(d.PolicyId, Dns.ZoneSnippetWriter.ReadPolicyId(zone));
    }

    [Fact]
    public void Bad_config_reports_positions()
    {
        var result = PolicyCompiler.Compile("domain: example.com\nmode: Enforce\nmx:\n  - mx*.example.com\nmaxage: 3\n", "mta-sts.yaml");
        Assert.Null(result.Deployment);
        Assert.Equal(["mta-sts.yaml(2,7): error MTASTS3003", "mta-sts.yaml(4,5): error MTASTS3006", "mta-sts.yaml(5,1): error MTASTS2003"],
            result.Diagnostics.Select(d => d.ToString().Substring(0, d.ToString().IndexOf(':', d.ToString().IndexOf("MTASTS")))));
    }
}
