namespace MtaSts.Diagnostics;

/// <summary>
/// Where in the configuration a diagnostic belongs, for hosts without a text file to point into (the command line,
/// the web form): a key (<c>domain</c>, <c>mode</c>, <c>mx</c>, <c>max_age</c>, <c>id</c>, <c>tls_rpt</c>,
/// <c>tls_rpt.rua</c>, <c>ttl</c>) and, for an item of a list, its index.
/// </summary>
public readonly record struct ConfigField(string Key, int? Index = null)
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

    /// <summary><c>mx</c>, or <c>mx[2]</c> for an item.</summary>
    public override string ToString() => Index is { } index ? $"{Key}[{index}]" : Key;
}
