using MtaSts.Output;
using MtaSts.Policy;
using static MtaSts.Tests.TestConfig;

namespace MtaSts.Tests;

/// <summary>The committed state of <c>id: timestamp</c>: the id is kept exactly while the policy text is unchanged.</summary>
public class PolicyIdStateTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 28, 10, 29, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_state_reads_back_and_names_the_policy_it_was_made_for()
    {
        var deployment = Deploy(Valid + "\nid: timestamp", new() { Now = First });
        var state = PolicyIdState.Parse(PolicyIdState.For(deployment).ToText())!;

        Assert.Equal("20261128T102900Z", state.Id);
        Assert.True(state.IsFor(deployment.PolicyText));
        Assert.False(state.IsFor(deployment.PolicyText.Replace("testing", "enforce")));
        Assert.Contains("Commit this file", PolicyIdState.For(deployment).ToText());
    }

    [Fact]
    public void An_unchanged_policy_keeps_the_stored_id_and_a_changed_one_gets_a_new_one()
    {
        var state = PolicyIdState.For(Deploy(Valid + "\nid: timestamp", new() { Now = First }));

        Assert.Equal(state.Id, Deploy("# edited\n" + Valid + "\nid: timestamp", new() { Now = Later, PreviousState = state }).PolicyId);
        Assert.Equal("20261201T000000Z", Deploy(Valid.Replace("testing", "enforce") + "\nid: timestamp", new() { Now = Later, PreviousState = state }).PolicyId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("id: 2026-11-28\npolicy: abc\n")]
    [InlineData("id: abc\n")]
    public void Anything_else_is_no_state(string? text)
    {
        Assert.Null(PolicyIdState.Parse(text));
    }

    [Fact]
    public void The_state_lives_beside_the_configuration()
    {
        Assert.Equal(Path.Combine("site", "mta-sts.id"), PolicyIdState.PathFor(Path.Combine("site", "mta-sts.yaml")));
    }

    [Fact]
    public void The_multi_domain_file_holds_a_block_per_domain_and_reads_back()
    {
        var a = new PolicyIdState("20261128T102900Z", PolicyId.FromPolicyText("a")) { Domain = "example.com" };
        var b = new PolicyIdState("20261201T000000Z", PolicyId.FromPolicyText("b")) { Domain = "xn--bcher-kva.example" };

        var text = PolicyIdState.ToText([a, b]);

        Assert.Equal([a, b], PolicyIdState.ParseAll(text));
        Assert.Contains("Commit this file", text);
        Assert.EndsWith($"\ndomain: xn--bcher-kva.example\nid: 20261201T000000Z\npolicy: {b.PolicyHash}\n", text);
    }

    [Fact]
    public void The_single_domain_file_reads_as_one_state_without_a_domain()
    {
        var deployment = Deploy(Valid + "\nid: timestamp", new() { Now = First });

        var state = Assert.Single(PolicyIdState.ParseAll(PolicyIdState.For(deployment).ToText()));

        Assert.Null(state.Domain);
        Assert.Equal(PolicyIdState.For(deployment), state);
    }

    [Fact]
    public void Find_takes_the_domain_own_state_only_for_the_same_text_and_else_a_state_without_a_domain()
    {
        var own = new PolicyIdState("1", PolicyId.FromPolicyText("a")) { Domain = "example.com" };
        var unnamed = new PolicyIdState("2", PolicyId.FromPolicyText("a"));

        Assert.Same(own, PolicyIdState.Find([unnamed, own], "EXAMPLE.com", "a"));
        Assert.Null(PolicyIdState.Find([unnamed, own], "example.com", "changed"));
        Assert.Same(unnamed, PolicyIdState.Find([unnamed, own], "example.org", "a"));
        Assert.Null(PolicyIdState.Find([unnamed], "example.org", "b"));
        Assert.Null(PolicyIdState.Find(null, "example.org", "a"));
    }
}
