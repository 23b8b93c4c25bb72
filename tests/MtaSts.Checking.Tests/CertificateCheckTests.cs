using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Checking.Tests;

/// <summary>Why a certificate fails, named as a sender's WebPKI check sees it; certificates made in memory.</summary>
public class CertificateCheckTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(Now.AddDays(-10), Now.AddDays(100));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string host, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        return request.Create(ca, notBefore, notAfter, [1, 2, 3, 4]);
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
    }

    [Fact]
    public void A_certificate_from_a_given_trust_anchor_is_valid_and_its_expiry_counted()
    {
        var ca = Ca("Test CA");
        var leaf = Leaf(ca, "mx1.example.com", Now.AddDays(-1), Now.AddDays(30).AddHours(1));

        var facts = CertificateCheck.Evaluate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors, [ca], Now);

        Assert.Equal(CertificateProblem.None, facts.Problem);
        Assert.Equal(30, facts.DaysUntilExpiry);
        Assert.Equal(["mx1.example.com"], facts.CertificateNames);
    }

    [Fact]
    public void Without_the_anchor_the_chain_is_untrusted()
    {
        var leaf = Leaf(Ca("Test CA"), "mx1.example.com", Now.AddDays(-1), Now.AddDays(30));

        Assert.Equal(CertificateProblem.UntrustedChain, CertificateCheck.Evaluate(leaf, null, SslPolicyErrors.None, [], Now).Problem);
    }

    [Fact]
    public void An_expired_certificate_is_named_expired_even_from_a_trusted_CA()
    {
        var ca = Ca("Test CA");
        var leaf = Leaf(ca, "mx1.example.com", Now.AddDays(-9), Now.AddDays(-2));

        var facts = CertificateCheck.Evaluate(leaf, null, SslPolicyErrors.None, [ca], Now);

        Assert.Equal(CertificateProblem.Expired, facts.Problem);
        Assert.Contains("expired on", CertificateCheck.Describe(facts, "mx1.example.com"));
    }

    [Fact]
    public void A_self_signed_certificate_is_named_self_signed()
    {
        Assert.Equal(CertificateProblem.SelfSigned,
            CertificateCheck.Evaluate(SelfSigned("mx1.example.com"), null, SslPolicyErrors.RemoteCertificateChainErrors, [Ca("Unrelated CA")], Now).Problem);
    }

    [Fact]
    public void The_handshakes_name_mismatch_is_a_wrong_name()
    {
        var ca = Ca("Test CA");
        var leaf = Leaf(ca, "mx.other.example", Now.AddDays(-1), Now.AddDays(30));

        var facts = CertificateCheck.Evaluate(leaf, null, SslPolicyErrors.RemoteCertificateNameMismatch, [ca], Now);

        Assert.Equal(CertificateProblem.WrongName, facts.Problem);
        Assert.Equal("its certificate is for mx.other.example, not mx1.example.com", CertificateCheck.Describe(facts, "mx1.example.com"));
    }
}
