using System.Text;
using MtaSts.Policy;

namespace MtaSts.Output;

/// <summary>
/// The state <c>id: timestamp</c> needs to keep its id while the policy is unchanged (RFC 8461 §3.1: senders refetch
/// when the id changes, so a new id for the same policy makes every one of them fetch it again). It lives in a small
/// file next to <c>mta-sts.yaml</c> that is committed with it, so that a clean checkout (every CI build) publishes the
/// same id as the developer's machine did.
/// </summary>
public sealed record PolicyIdState(string Id, string PolicyHash)
{
    /// <summary>
    /// The Policy Domain (A-label) this state is for, in the multi-domain form; null in the single-domain form's file,
    /// which holds one state and names no domain.
    /// </summary>
    public string? Domain { get; init; }

    /// <summary>The extension of the state file: <c>mta-sts.yaml</c> keeps its state in <c>mta-sts.id</c>.</summary>
    public const string Extension = ".id";

    private const string IdKey = "id: ";
    private const string PolicyKey = "policy: ";
    private const string DomainKey = "domain: ";

    /// <summary>The state of a deployment: its id and the hash of the policy text it was made for.</summary>
    public static PolicyIdState For(Deployment deployment) => new(deployment.PolicyId, PolicyId.FromPolicyText(deployment.PolicyText));

    /// <summary>The state of one domain of the multi-domain form: like <see cref="For"/>, and naming the domain.</summary>
    public static PolicyIdState ForDomain(Deployment deployment) => For(deployment) with { Domain = deployment.PolicyDomain };

    /// <summary>
    /// The multi-domain form's file: one block per domain (<c>domain:</c>, <c>id:</c>, <c>policy:</c>), in the order
    /// given, after the same comments as the single-domain file.
    /// </summary>
    public static string ToText(IEnumerable<PolicyIdState> states)
    {
        var text = new StringBuilder(
            "# The policy ids for 'id: timestamp' in mta-sts.yaml, one block per domain, kept by MtaSts.Build while each\n" +
            "# domain's policy is unchanged. Commit this file with mta-sts.yaml: a clean checkout (a CI build) then\n" +
            "# publishes the same ids instead of new ones. The build rewrites it when a policy changes; do not edit it.\n");
        foreach (var state in states)
        {
            text.Append('\n').Append(DomainKey).Append(state.Domain).Append('\n')
                .Append(IdKey).Append(state.Id).Append('\n')
                .Append(PolicyKey).Append(state.PolicyHash).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Every state in a state file's text, in either form: a <c>domain:</c> line starts the block of that domain, and
    /// the lines before any <c>domain:</c> are the single-domain form's state (no domain). Blocks that are not valid
    /// are left out (their domains get a new id).
    /// </summary>
    public static IReadOnlyList<PolicyIdState> ParseAll(string? text)
    {
        var states = new List<PolicyIdState>();
        if (text is null)
        {
            return states;
        }

        string? domain = null, id = null, hash = null;
        void Flush()
        {
            if (PolicyId.IsValid(id) && PolicyId.IsValid(hash))
            {
                states.Add(new PolicyIdState(id!, hash!) { Domain = domain });
            }

            id = hash = null;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(DomainKey, StringComparison.Ordinal))
            {
                Flush();
                domain = line.Substring(DomainKey.Length).Trim();
            }
            else if (line.StartsWith(IdKey, StringComparison.Ordinal))
            {
                id = line.Substring(IdKey.Length).Trim();
            }
            else if (line.StartsWith(PolicyKey, StringComparison.Ordinal))
            {
                hash = line.Substring(PolicyKey.Length).Trim();
            }
        }

        Flush();
        return states;
    }

    /// <summary>Reads every state of the state file (<see cref="ParseAll"/>); empty when there is none or it cannot be read.</summary>
    public static IReadOnlyList<PolicyIdState> ReadAll(string path)
    {
        try
        {
            return File.Exists(path) ? ParseAll(File.ReadAllText(path, Encoding.ASCII)) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// The id to keep for <paramref name="domain"/> with <paramref name="policyText"/>: the state of that domain, or a
    /// state that names no domain (the single-domain form's file, kept when a configuration moves to the multi-domain
    /// form), made for exactly this policy text; null when there is none.
    /// </summary>
    public static PolicyIdState? Find(IEnumerable<PolicyIdState>? states, string domain, string policyText)
    {
        PolicyIdState? unnamed = null;
        foreach (var state in states ?? [])
        {
            if (state.Domain is null ? unnamed is null : string.Equals(state.Domain, domain, StringComparison.OrdinalIgnoreCase))
            {
                if (state.Domain is not null)
                {
                    return state.IsFor(policyText) ? state : null;
                }

                unnamed = state;
            }
        }

        return unnamed is not null && unnamed.IsFor(policyText) ? unnamed : null;
    }

    /// <summary>Where the state of <paramref name="configFile"/> lives: beside it, same name, <see cref="Extension"/>.</summary>
    public static string PathFor(string configFile) => Path.ChangeExtension(configFile, Extension);

    /// <summary>Whether this state is for exactly <paramref name="policyText"/>.</summary>
    public bool IsFor(string policyText) => PolicyHash == PolicyId.FromPolicyText(policyText);

    /// <summary>The file: ASCII, LF, comments that say what it is and that it belongs in version control.</summary>
    public string ToText() =>
        "# The policy id for 'id: timestamp' in mta-sts.yaml, kept by MtaSts.Build while the policy is unchanged.\n" +
        "# Commit this file with mta-sts.yaml: a clean checkout (a CI build) then publishes the same id\n" +
        "# instead of a new one. The build rewrites it when the policy changes; do not edit it.\n" +
        IdKey + Id + "\n" +
        PolicyKey + PolicyHash + "\n";

    public byte[] ToBytes() => Encoding.ASCII.GetBytes(ToText());

    /// <summary>Reads a state file's text; null when it is not one (then a new id is made and the file rewritten).</summary>
    public static PolicyIdState? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string? id = null, hash = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(IdKey, StringComparison.Ordinal))
            {
                id = line.Substring(IdKey.Length).Trim();
            }
            else if (line.StartsWith(PolicyKey, StringComparison.Ordinal))
            {
                hash = line.Substring(PolicyKey.Length).Trim();
            }
        }

        return PolicyId.IsValid(id) && PolicyId.IsValid(hash) ? new PolicyIdState(id!, hash!) : null;
    }

    /// <summary>Reads the state file; null when there is none or it cannot be read.</summary>
    public static PolicyIdState? Read(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path, Encoding.ASCII)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
