namespace MtaSts.Checking;

/// <summary>The TXT records at a name after following CNAMEs, each record's strings concatenated (RFC 8461 §3.1).</summary>
public sealed record TxtDiscovery(string Name, IReadOnlyList<string> Cnames, IReadOnlyList<string> Records)
{
    /// <summary>Where the records live: the end of the CNAME chain, or the name itself.</summary>
    public string Target => Cnames.Count == 0 ? Name : Cnames[Cnames.Count - 1];
}
