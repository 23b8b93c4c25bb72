using MtaSts.Lint;
using MtaSts.Policy;

namespace MtaSts.Fuzz.Targets;

/// <summary>
/// A policy file as served (PolicyLinter). A valid policy, rendered again by the core's own Policy.ToText and linted
/// again, must give the same mode, mx patterns and max_age.
/// </summary>
public sealed class PolicyLinterTarget : FuzzTarget
{
    public override string Name => "policy";

    protected override void Check(byte[] input)
    {
        var result = PolicyLinter.Lint(input, "mta-sts.txt");
        Property.Diagnostics(result.Diagnostics, Text.Lenient(input));
        if (!result.IsValid || result.Mode is not { } mode || result.MaxAge is not { } maxAge)
        {
            return;
        }

        var patterns = result.Mx.Select(MxPattern.TryParse).ToList();
        Property.That(patterns.All(p => p is not null), $"a valid policy has an mx pattern the core cannot parse: {string.Join(", ", result.Mx)}");
        var rendered = new MtaSts.Policy.StsPolicy(mode, patterns!, maxAge).ToText();
        var again = PolicyLinter.Lint(rendered, "rendered.txt");
        Property.That(again.IsValid, $"a valid policy, rendered again, is not valid: {Property.Escape(rendered)}: {string.Join(" | ", again.Diagnostics)}");
        Property.Same(mode, again.Mode, "mode");
        // Host names compare without regard to case (RFC 4343 §3); the core writes patterns in lower case.
        Property.SameSequence(result.Mx.Select(m => m.ToLowerInvariant()), again.Mx, "mx");
        Property.Same(maxAge, again.MaxAge, "max_age");
    }
}
