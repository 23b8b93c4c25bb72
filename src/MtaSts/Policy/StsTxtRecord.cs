using MtaSts.Policy;

namespace MtaSts.Dns;

/// <summary>The <c>_mta-sts.&lt;domain&gt;</c> TXT record (RFC 8461 §3.1).</summary>
public sealed class StsTxtRecord
{
    public const string Version = "v=STSv1";

    public StsTxtRecord(string id)
    {
        if (!PolicyId.IsValid(id))
        {
            throw new ArgumentException("The id must be 1 to 32 letters or digits.", nameof(id));
        }

        Id = id;
    }

    public string Id { get; }

    /// <summary>The owner name for a Policy Domain (A-label form).</summary>
    public static string NameFor(string policyDomain) => "_mta-sts." + policyDomain;

    /// <summary>
    /// The record value, <c>v=STSv1; id=…;</c>. No space before the first ';' so the record begins with the literal
    /// <c>v=STSv1;</c> that senders look for (RFC 8461 §3.1; Errata 6285).
    /// </summary>
    public string Value => $"{Version}; id={Id};";

    /// <summary>
    /// Whether a sender keeps this TXT record when it looks for a policy (RFC 8461 §3.1: records that do not begin with
    /// <c>v=STSv1;</c> are discarded). The ABNF also allows whitespace before the ';' (Errata 6285), so such a record is
    /// kept here and the linter warns about it (MTASTS6104).
    /// </summary>
    public static bool IsCandidate(string value) => VersionRecords.BeginsWith(value, Version);

    public override string ToString() => Value;
}
