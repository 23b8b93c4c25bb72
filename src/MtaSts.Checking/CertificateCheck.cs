using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using M = MtaSts.Diagnostics.DiagnosticMessages.Check;

namespace MtaSts.Checking;

/// <summary>
/// The WebPKI check a sender makes (RFC 8461 §3.3 for the policy host, §4.2 for MX hosts): a chain to a trusted root,
/// within its validity period, and a DNS-ID for the host name. The name match is the TLS stack's own (RFC 6125, the
/// wildcard only as the whole left-most label), taken from the handshake's <see cref="SslPolicyErrors"/>; the chain is
/// built here against the system roots and the given trust anchors, so the reason can be named.
/// </summary>
internal static class CertificateCheck
{
    public static TlsFacts Evaluate(
        X509Certificate? presented, X509Chain? presentedChain, SslPolicyErrors errors, X509Certificate2Collection anchors, DateTimeOffset now)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return new TlsFacts { Problem = CertificateProblem.Other };
        }

        var leaf = presented as X509Certificate2 ?? new X509Certificate2(presented);
        var intermediates = new X509Certificate2Collection();
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements.Skip(1))
            {
                intermediates.Add(element.Certificate);
            }
        }

        var problem = ChainProblem(leaf, intermediates, anchors, now);
        if (problem == CertificateProblem.None && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problem = CertificateProblem.WrongName;
        }

        return new TlsFacts
        {
            CertificateSubject = leaf.Subject,
            CertificateIssuer = leaf.Issuer,
            CertificateNames = DnsNames(leaf),
            CertificateNotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            DaysUntilExpiry = (int)Math.Floor((leaf.NotAfter.ToUniversalTime() - now.UtcDateTime).TotalDays),
            Problem = problem,
        };
    }

    /// <summary>The system roots first; then, if that fails for trust alone, the given anchors as roots.</summary>
    private static CertificateProblem ChainProblem(X509Certificate2 leaf, X509Certificate2Collection intermediates, X509Certificate2Collection anchors, DateTimeOffset now)
    {
        var system = Build(leaf, intermediates, null, now);
        if (system == 0)
        {
            return CertificateProblem.None;
        }

        var flags = system;
        if (anchors.Count > 0 && (system & TrustFlags) != 0)
        {
            flags = Build(leaf, intermediates, anchors, now);
        }

        if (flags == 0)
        {
            return CertificateProblem.None;
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return now.UtcDateTime < leaf.NotBefore.ToUniversalTime() ? CertificateProblem.NotYetValid : CertificateProblem.Expired;
        }

        if ((flags & TrustFlags) != 0)
        {
            return leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData) && intermediates.Count == 0
                ? CertificateProblem.SelfSigned
                : CertificateProblem.UntrustedChain;
        }

        return CertificateProblem.Other;
    }

    private const X509ChainStatusFlags TrustFlags = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

    private static X509ChainStatusFlags Build(X509Certificate2 leaf, X509Certificate2Collection intermediates, X509Certificate2Collection? roots, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;   // optional for senders (RFC 8461 §3.3)
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }

        if (chain.Build(leaf))
        {
            return 0;
        }

        var flags = chain.ChainStatus.Aggregate((X509ChainStatusFlags)0, (all, status) => all | status.Status);
        return flags == 0 ? X509ChainStatusFlags.PartialChain : flags;
    }

    private static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return san is null ? [] : san.EnumerateDnsNames().ToList();
    }

    /// <summary>"expired on 2026-11-01", "is for mx.other.example, not mx1.example.com", …: why, in words.</summary>
    public static string Describe(TlsFacts tls, string host) => tls.Problem switch
    {
        CertificateProblem.Expired => M.CertificateExpired.Format(tls.CertificateNotAfter),
        CertificateProblem.NotYetValid => M.CertificateNotYetValid.Format(),
        CertificateProblem.WrongName => M.CertificateWrongName.Format(Names(tls), host),
        CertificateProblem.SelfSigned => M.CertificateSelfSigned.Format(tls.CertificateSubject),
        CertificateProblem.UntrustedChain => M.CertificateUntrusted.Format(tls.CertificateIssuer),
        CertificateProblem.Other => M.CertificateInvalid.Format(),
        _ => M.CertificateValid.Format(),
    };

    private static string Names(TlsFacts tls) =>
        tls.CertificateNames.Count > 0 ? string.Join(", ", tls.CertificateNames.Take(5)) : tls.CertificateSubject ?? M.CertificateAnotherName.Format();
}
