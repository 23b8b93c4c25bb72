namespace MtaSts.Checking;

/// <summary>Why a certificate is not valid for a host name, as a sender's WebPKI check sees it.</summary>
public enum CertificateProblem
{
    None,
    Expired,
    NotYetValid,
    WrongName,
    SelfSigned,
    UntrustedChain,
    Other,
}
