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
}
