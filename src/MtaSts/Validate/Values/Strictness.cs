namespace MtaSts.Values;

/// <summary>How strictly a value is read.</summary>
public enum Strictness
{
    /// <summary>
    /// Published text (the policy file, the TXT records), read as a sender reads it: exactly the RFC grammar, A-labels
    /// only, nothing trimmed.
    /// </summary>
    Published,

    /// <summary>
    /// <c>mta-sts.yaml</c>, the command line and the web form: surrounding whitespace is trimmed, host names may be
    /// U-labels (converted to A-labels), durations may carry a unit.
    /// </summary>
    Config,
}
