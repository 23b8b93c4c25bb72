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
    /// <summary>The extension of the state file: <c>mta-sts.yaml</c> keeps its state in <c>mta-sts.id</c>.</summary>
    public const string Extension = ".id";

    private const string IdKey = "id: ";
    private const string PolicyKey = "policy: ";

    /// <summary>The state of a deployment: its id and the hash of the policy text it was made for.</summary>
    public static PolicyIdState For(Deployment deployment) => new(deployment.PolicyId, PolicyId.FromPolicyText(deployment.PolicyText));

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
