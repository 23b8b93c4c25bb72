using CsCheck;
using MtaSts.Dns;
using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Tests.Lint;

/// <summary>
/// Everything the core renders lints clean and reads back to the values it was made from; and policy ids follow the
/// policy text (RFC 8461 §3.1: the id changes exactly when the policy does).
/// </summary>
public class RoundTripProperties
{
    private const long Iterations = 500;

    private static readonly Gen<string> Label =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 0, 10], Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"])
            .Select((first, middle, last) => first + middle + last);

    /// <summary>Host names of 2-4 labels whose last label is alphabetic (an all-digit one reads as an IPv4 address).</summary>
    private static readonly Gen<string> HostName =
        Gen.Select(Label.Array[1, 3], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 2, 6])
            .Select((labels, tld) => string.Join(".", labels) + "." + tld);

    private static readonly Gen<MxPattern> Mx =
        Gen.Select(Gen.Bool, HostName).Select((wildcard, host) => MxPattern.TryParse((wildcard ? "*." : "") + host)!);

    private static readonly Gen<Policy.StsPolicy> ValidPolicy =
        Gen.Select(Gen.Enum<PolicyMode>(), Mx.Array[1, 6], Gen.Long[0, MaxAge.Maximum])
            .Select((mode, mx, maxAge) => new Policy.StsPolicy(mode, mx.Distinct().ToList(), maxAge));

    private static readonly Gen<string> Id = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 32];

    private static readonly Gen<string> Rua = Gen.OneOf(
        Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789.+_-"], 1, 16], HostName).Select((local, host) => $"mailto:{local}@{host}"),
        Gen.Select(HostName, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789/._~-"], 0, 20]).Select((host, path) => $"https://{host}/{path}"));

    [Fact]
    public void Every_rendered_policy_lints_clean_and_reads_back_to_its_values()
    {
        ValidPolicy.Sample(policy =>
        {
            var result = PolicyLinter.Lint(policy.ToBytes());
            Assert.Empty(result.Diagnostics);
            Assert.Equal(policy.Mode, result.Mode);
            Assert.Equal(policy.Mx.Select(m => m.Value), result.Mx);
            Assert.Equal(policy.MaxAge, result.MaxAge);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_compiled_configuration_lints_clean_end_to_end()
    {
        Gen.Select(Gen.OneOf("testing", "enforce"), HostName.Array[1, 4], Rua.Array[1, 3], Id).Sample((mode, mx, rua, id) =>
        {
            var yaml = $"domain: example.com\nmode: {mode}\nmx: [{string.Join(", ", mx)}]\nid: {id}\ntls_rpt:\n  rua: [{string.Join(", ", rua.Select(r => "\"" + r + "\""))}]\n";
            var result = ConfigValidator.Validate(yaml, "mta-sts.yaml");
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            var deployment = result.Deployment!;
            Assert.Empty(PolicyLinter.Lint(deployment.PolicyText).Diagnostics);
            Assert.Empty(StsRecordLinter.Lint(deployment.StsRecord.Value).Diagnostics);
            Assert.Empty(TlsRptRecordLinter.Lint(deployment.TlsRptRecord!.Value).Diagnostics);
        }, iter: 200);
    }

    [Fact]
    public void Every_rendered_sts_record_lints_clean_and_reads_back_its_id()
    {
        Id.Sample(id =>
        {
            var result = StsRecordLinter.Lint(new StsTxtRecord(id).Value);
            Assert.Empty(result.Diagnostics);
            Assert.Equal(id, result.Id);
        }, iter: Iterations);
    }

    [Fact]
    public void Timestamp_and_hash_ids_lint_clean()
    {
        Gen.Select(Gen.DateTimeOffset, ValidPolicy).Sample((time, policy) =>
        {
            Assert.Empty(StsRecordLinter.Lint(new StsTxtRecord(PolicyId.FromTime(time)).Value).Diagnostics);
            Assert.Empty(StsRecordLinter.Lint(new StsTxtRecord(PolicyId.FromPolicyText(policy.ToText())).Value).Diagnostics);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_rendered_tlsrpt_record_lints_clean_and_reads_back_its_destinations()
    {
        Rua.Array[1, 5].Sample(rua =>
        {
            var result = TlsRptRecordLinter.Lint(new TlsRptRecord(rua).Value);
            Assert.Empty(result.Diagnostics);
            Assert.Equal(rua, result.Rua);
        }, iter: Iterations);
    }

    [Fact]
    public void The_policy_id_of_a_text_is_deterministic_and_valid()
    {
        ValidPolicy.Sample(policy =>
        {
            var id = PolicyId.FromPolicyText(policy.ToText());
            Assert.Equal(id, PolicyId.FromPolicyText(new Policy.StsPolicy(policy.Mode, policy.Mx.ToList(), policy.MaxAge).ToText()));
            Assert.True(PolicyId.IsValid(id));
        }, iter: Iterations);
    }

    [Fact]
    public void The_policy_id_changes_when_the_policy_text_changes()
    {
        Gen.Select(ValidPolicy, ValidPolicy).Where((a, b) => a.ToText() != b.ToText()).Sample((a, b) =>
            Assert.NotEqual(PolicyId.FromPolicyText(a.ToText()), PolicyId.FromPolicyText(b.ToText())), iter: Iterations);
    }

    [Fact]
    public void The_policy_id_changes_with_a_one_second_max_age_change()
    {
        ValidPolicy.Where(p => p.MaxAge < MaxAge.Maximum).Sample(policy =>
        {
            var changed = new Policy.StsPolicy(policy.Mode, policy.Mx, policy.MaxAge + 1);
            Assert.NotEqual(PolicyId.FromPolicyText(policy.ToText()), PolicyId.FromPolicyText(changed.ToText()));
        }, iter: Iterations);
    }
}
