namespace MtaSts.Diagnostics;

/// <summary>
/// Where in the configuration a diagnostic belongs, for hosts without a text file to point into (the command line,
/// the web form): a key (<c>domain</c>, <c>mode</c>, <c>mx</c>, <c>max_age</c>, <c>id</c>, <c>tls_rpt</c>,
/// <c>tls_rpt.rua</c>, <c>ttl</c>) and, for an item of a list, its index. In the multi-domain form (<c>domains:</c>) also
/// the domain the value applies to (<see cref="PolicyDomain"/>), as the configuration writes it (the key under <c>domains:</c>); null in the
/// single-domain form and for a problem of the <c>defaults:</c> block as such.
/// </summary>
public readonly record struct ConfigField(string Key, int? Index = null, string? PolicyDomain = null)
{
    public const string Domain = "domain";
    public const string Mode = "mode";
    public const string Mx = "mx";
    public const string MaxAge = "max_age";
    public const string Id = "id";
    public const string TlsRpt = "tls_rpt";
    public const string TlsRptRua = "tls_rpt.rua";
    public const string Ttl = "ttl";

    /// <summary>An item of a list key, e.g. <c>mx[2]</c>.</summary>
    public bool IsListItem => Index is not null;

    public static implicit operator ConfigField(string key) => new(key);

    /// <summary>The same field of the given domain (the multi-domain form).</summary>
    public ConfigField ForDomain(string? domain) => this with { PolicyDomain = domain };

    /// <summary><c>mx</c>, or <c>mx[2]</c> for an item; <c>contoso.com: mx[2]</c> with a domain.</summary>
    public override string ToString() =>
        (PolicyDomain is null ? "" : PolicyDomain + ": ") + (Index is { } index ? $"{Key}[{index}]" : Key);
}
