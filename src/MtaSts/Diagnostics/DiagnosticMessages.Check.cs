using System.Runtime.CompilerServices;
using static MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Diagnostics;

public static partial class DiagnosticMessages
{
    /// <summary>
    /// The live check (7xxx, <c>mta-sts check</c>, MtaSts.Checking): what a sending MTA sees of a deployment now
    /// (RFC 8461 §3-§5) and how it differs from what mta-sts.yaml or a build generates. {n} are the names the check
    /// looked at (a DNS name, the policy URL, an MX host and its address) and what it found there.
    /// </summary>
    public static class Check
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        private static DiagnosticMessage Part(DiagnosticDescriptor[] descriptors, string format, [CallerMemberName] string name = "") =>
            Entry(All, descriptors, format, name, nameof(Check));

        private static readonly DiagnosticDescriptor[] PolicyCertificateCodes = [CheckPolicyCertificateExpired, CheckPolicyCertificateName, CheckPolicyCertificateUntrusted];
        private static readonly DiagnosticDescriptor[] MxCertificateCodes = [CheckMxCertificateName, CheckMxCertificateUntrusted, CheckMxCertificateExpired, CheckMxTlsFailed];
        private static readonly DiagnosticDescriptor[] CertificateCodes = [.. PolicyCertificateCodes, .. MxCertificateCodes];

        // MTASTS7003. {0}: the name; {1}: the record type ('TXT', 'MX', 'A/AAAA'); {2}: why the lookup failed.
        public static readonly DiagnosticMessage LookupFailed = Message(CheckDnsLookupFailed,
            "Could not look up {0} {1}: {2}. This is a problem of the lookup, not necessarily of the domain; check again, or ask another server with --dns-server.");

        // MTASTS7001 (RFC 8461 §3.1). {0}: NoTxtRecord or NoneOfOne/NoneOfSeveral; {1}: the _mta-sts name.
        public static readonly DiagnosticMessage NoStsRecord = Message(CheckNoStsRecord,
            "{0} at {1}, so senders see no MTA-STS policy (RFC 8461 §3.1). Publish one: {1} TXT \"v=STSv1; id=<id>;\" (see the fix below).");
        public static readonly DiagnosticMessage NoTxtRecord = Message(CheckNoStsRecord,
            "There is no TXT record");

        // {0}: the records, quoted; in NoneOfSeveral {0} how many, {1} the records.
        public static readonly DiagnosticMessage NoneOfOne = Message(CheckNoStsRecord,
            "None of its 1 TXT record ({0}) begins with 'v=STSv1;'");
        public static readonly DiagnosticMessage NoneOfSeveral = Message(CheckNoStsRecord,
            "None of its {0} TXT records ({1}) begins with 'v=STSv1;'");

        // MTASTS7002. {0}: how many; {1}: the name; {2}: the records, quoted.
        public static readonly DiagnosticMessage SeveralStsRecords = Message(CheckMultipleStsRecords,
            "{0} TXT records at {1} begin with 'v=STSv1' ({2}). Senders then treat the domain as having no MTA-STS policy (RFC 8461 §3.1). Delete all but one.");

        // MTASTS7004 (RFC 8460 §3). {0}: the _smtp._tls name; {1}: the domain.
        public static readonly DiagnosticMessage NoTlsRptRecord = Message(CheckNoTlsRptRecord,
            "No TXT record at {0} begins with 'v=TLSRPTv1;': senders send no reports of TLS failures (RFC 8460 §3). Publish one, e.g. {0} TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{1}\"; above all while in mode testing.");

        // MTASTS7005. {0}: how many; {1}: the name; {2}: the records, quoted.
        public static readonly DiagnosticMessage SeveralTlsRptRecords = Message(CheckMultipleTlsRptRecords,
            "{0} TXT records at {1} begin with 'v=TLSRPTv1' ({2}); reporters then treat the domain as not using TLS-RPT (RFC 8460 §3). Merge them into one.");

        // MTASTS7006 (RFC 7505). {0}: the domain.
        public static readonly DiagnosticMessage NullMx = Message(CheckNullMx,
            "{0} publishes a null MX (RFC 7505): it accepts no mail, so an MTA-STS policy has no effect. Withdraw MTA-STS (mode none, RFC 8461 §8.3) or publish the real MX records.");

        // MTASTS7007. {0}: the MX host.
        public static readonly DiagnosticMessage MxWithoutAddress = Message(CheckMxWithoutAddress,
            "MX {0} has no A or AAAA record: senders cannot deliver to it. Publish its address, or remove the MX record.");

        // MTASTS7008 (RFC 5321 §5.1). {0}: the domain.
        public static readonly DiagnosticMessage NoMxRecords = Message(CheckNoMxRecords,
            "{0} has no MX records: senders deliver to {0} itself (RFC 5321 §5.1), so the policy must list '{0}' and that host must offer STARTTLS. Publish MX records for your mail servers.");

        // MTASTS7020 (RFC 8461 §3.3). {0}: the Policy Host; {1}: the policy URL, or why the connection failed.
        public static readonly DiagnosticMessage PolicyHostNoAddress = Message(CheckPolicyHostUnreachable,
            "{0} has no A or AAAA record, so senders cannot fetch the policy (RFC 8461 §3.3). Publish the address of the web server that serves {1}.");
        public static readonly DiagnosticMessage PolicyHostNoConnection = Message(CheckPolicyHostUnreachable,
            "Cannot connect to {0} on port 443 ({1}): senders cannot fetch the policy (RFC 8461 §3.3). Check that the web server runs and port 443 is open.");

        // MTASTS7021-7023 (RFC 8461 §3.3). {0}: the Policy Host; {1}: why (a Certificate… part); {2}: the Policy Domain.
        public static readonly DiagnosticMessage PolicyCertificate = Part(PolicyCertificateCodes,
            "{0}: {1}. Senders only fetch the policy over HTTPS with a certificate valid for {0} from a trusted CA (RFC 8461 §3.3): install a current certificate whose subjectAltName covers {0} (a wildcard *.{2} does too).");

        // Why a certificate is not valid (RFC 8461 §3.3, §4.2), after "host: ". {0}: the date, names, subject or issuer; {1}: the host.
        public static readonly DiagnosticMessage CertificateExpired = Part(CertificateCodes, "its certificate expired on {0:yyyy-MM-dd}");
        public static readonly DiagnosticMessage CertificateNotYetValid = Part(CertificateCodes, "its certificate is not valid yet");
        public static readonly DiagnosticMessage CertificateWrongName = Part(CertificateCodes, "its certificate is for {0}, not {1}");
        public static readonly DiagnosticMessage CertificateAnotherName = Part(CertificateCodes, "another name");
        public static readonly DiagnosticMessage CertificateSelfSigned = Part(CertificateCodes, "its certificate is self-signed ({0})");
        public static readonly DiagnosticMessage CertificateUntrusted = Part(CertificateCodes, "its certificate (issued by {0}) does not chain to a trusted root CA");
        public static readonly DiagnosticMessage CertificateInvalid = Part(CertificateCodes, "its certificate is not valid");
        public static readonly DiagnosticMessage CertificateValid = Part(CertificateCodes, "its certificate is valid");

        // MTASTS7024-7029 (RFC 8461 §3.2, §3.3, §7.1). {0}: the policy URL (the Policy Host for 7029); then what it answered.
        public static readonly DiagnosticMessage PolicyStatus = Message(CheckPolicyStatus,
            "{0} answered {1}; senders accept a policy only with status 200 (RFC 8461 §3.3). Serve the policy file at exactly that path.");
        public static readonly DiagnosticMessage PolicyRedirect = Message(CheckPolicyRedirect,
            "{0} answered {1} with Location: {2}. Senders do not follow redirects (RFC 8461 §3.3): serve the policy itself at {0} with status 200 (not from a CDN or an apex redirect).");
        public static readonly DiagnosticMessage NoLocation = Message(CheckPolicyRedirect,
            "(none)");
        public static readonly DiagnosticMessage PolicyContentType = Message(CheckPolicyContentType,
            "{0} is served as '{1}'; senders check for text/plain (RFC 8461 §3.2) and strict ones reject anything else. Serve it as 'text/plain' (parameters such as charset=utf-8 are fine).");
        public static readonly DiagnosticMessage NoContentType = Message(CheckPolicyContentType,
            "(no Content-Type)");
        public static readonly DiagnosticMessage PolicyTooLarge = Message(CheckPolicyTooLarge,
            "{0} sent more than {1:N0} bytes; the check stopped reading there, as senders may (RFC 8461 §3.3 suggests a 64 KB limit). Is this the policy file? A policy is a few hundred bytes.");
        public static readonly DiagnosticMessage PolicyTimeout = Message(CheckPolicyTimeout,
            "{0}: {1}. Policy hosts should serve the whole policy well within a minute (RFC 8461 §3.3).");
        public static readonly DiagnosticMessage PolicyTlsFailed = Message(CheckPolicyTlsFailed,
            "The TLS handshake with {0} failed ({1}). Senders connect with SNI {0} and need TLS 1.2 or newer (RFC 8461 §3.3, §7.1).");

        // MTASTS7030. {0}: the Policy Host; {1}: the expiry date; {2}: OneDay or Days.
        public static readonly DiagnosticMessage PolicyCertificateExpiresSoon = Message(CheckPolicyCertificateExpiresSoon,
            "The certificate of {0} expires on {1:yyyy-MM-dd}, in {2}. Renew it in time: once it expires, senders cannot fetch the policy (RFC 8461 §3.3); those without a cached policy then deliver without MTA-STS, and the policy cannot be updated.");

        // How long until a certificate expires. {0}: the number of days.
        public static readonly DiagnosticMessage OneDay = Part([CheckPolicyCertificateExpiresSoon, CheckMxCertificateExpiresSoon], "1 day");
        public static readonly DiagnosticMessage Days = Part([CheckPolicyCertificateExpiresSoon, CheckMxCertificateExpiresSoon], "{0} days");

        // MTASTS7050, MTASTS7051 (RFC 8461 §4.1, §5). {0}: the MX host; {1}: the policy's patterns, or NoPatterns.
        public static readonly DiagnosticMessage MxNotCoveredEnforce = Message(CheckMxNotCoveredEnforce,
            "MX {0} matches no mx pattern of the enforce policy ({1}): senders will not deliver mail to it (RFC 8461 §4.1, §5). Add 'mx: {0}' to the policy (with a new id), or remove the MX record.");
        public static readonly DiagnosticMessage MxNotCoveredTesting = Message(CheckMxNotCoveredTesting,
            "MX {0} matches no mx pattern of the testing policy ({1}): senders deliver anyway and report a failure, but under enforce mail to it would fail (RFC 8461 §4.1, §5). Add 'mx: {0}' to the policy (with a new id).");
        public static readonly DiagnosticMessage NoPatterns = Part([CheckMxNotCoveredEnforce, CheckMxNotCoveredTesting], "none");

        // MTASTS7052 (RFC 8461 §10.4). {0}: the pattern; {1}: the live MX hosts.
        public static readonly DiagnosticMessage StalePattern = Message(CheckStalePattern,
            "The policy's mx pattern '{0}' matches none of the live MX hosts ({1}). If that host is retired, remove the pattern (with a new id): every name it matches counts as a valid MX (RFC 8461 §10.4).");

        // MTASTS7053 (RFC 8461 §10.2). {0}: max_age.
        public static readonly DiagnosticMessage ShortMaxAgeEnforce = Message(CheckShortMaxAgeEnforce,
            "max_age {0} is under a day with mode enforce: senders forget the policy quickly, which leaves a window for downgrade attacks (RFC 8461 §10.2). Use weeks, e.g. max_age: 1209600.");

        // MTASTS7054 (RFC 8461 §5, §8.3).
        public static readonly DiagnosticMessage ModeNone = Message(CheckModeNone,
            "The policy has mode none: senders treat the domain as having no active policy (RFC 8461 §5). That is right while withdrawing MTA-STS (§8.3); otherwise publish testing or enforce with a new id.");

        // MTASTS7055 (RFC 8659). {0}: the owner of the CAA records; {1}: the Policy Host.
        public static readonly DiagnosticMessage CaaForbidsAll = Message(CheckCaaForbidsAll,
            "The CAA records at {0} allow no CA to issue certificates ('issue \";\"'), so the certificate of {1} cannot be renewed. Add an issue record for your CA, e.g. {0} CAA 0 issue \"letsencrypt.org\".");

        // MTASTS708x: STARTTLS on an MX host (RFC 8461 §4.2, §7.1, §7.2; RFC 3207). {0}: the MX host; {1}: the address probed.
        // MTASTS7084. {2}: the expiry date; {3}: OneDay or Days.
        public static readonly DiagnosticMessage MxCertificateExpiresSoon = Message(CheckMxCertificateExpiresSoon,
            "{0} ({1}): the certificate expires on {2:yyyy-MM-dd}, in {3}. Renew it in time: under enforce, senders stop delivering to {0} once it expires.");

        // MTASTS7081-7083, 7086. {2}: why (a Certificate… part).
        public static readonly DiagnosticMessage MxCertificate = Part(MxCertificateCodes,
            "{0} ({1}): {2}. Senders under enforce only deliver to an MX whose certificate is valid for its MX host name and chains to a trusted CA (RFC 8461 §4.2): install a certificate from a public CA whose subjectAltName covers {0}.");

        // MTASTS7080.
        public static readonly DiagnosticMessage MxNoStartTls = Message(CheckMxNoStartTls,
            "{0} ({1}) does not offer STARTTLS in its EHLO answer: senders under enforce will not deliver to it (RFC 8461 §4.2, §5). Enable STARTTLS with a certificate for {0}.");

        // MTASTS7086. {2}: the server's reply to STARTTLS, or why the handshake failed.
        public static readonly DiagnosticMessage MxStartTlsRefused = Message(CheckMxTlsFailed,
            "{0} ({1}) offers STARTTLS but refuses it: '{2}'. Senders under enforce will not deliver to it (RFC 8461 §4.2; RFC 3207 §4). A server that advertises STARTTLS and then refuses it usually cannot load its own key or certificate (Postfix: 'TLS not available due to local problem'); its log names the file.");
        public static readonly DiagnosticMessage MxHandshakeFailed = Message(CheckMxTlsFailed,
            "{0} ({1}) offers STARTTLS but the TLS handshake failed ({2}). Senders connect with SNI {0} and need TLS 1.2 or newer (RFC 8461 §7.1, §7.2).");

        // MTASTS7085, MTASTS7087. {2}: what happened.
        public static readonly DiagnosticMessage MxUnreachable = Message(CheckMxUnreachable,
            "Could not connect to {0} ({1}) on port 25 ({2}). Outbound port 25 is often blocked on home, office and cloud networks, so this says nothing about the MX host: run the check where port 25 is open, or skip this step with --no-smtp.");
        public static readonly DiagnosticMessage MxSmtpFailed = Message(CheckMxSmtpFailed,
            "The SMTP dialogue with {0} ({1}) broke off before STARTTLS ({2}); the check could not see its TLS. Check again; if it persists, look at the server's log.");

        // MTASTS7120: the served policy is not the generated one. {0}: the configuration file; {1}: the differences.
        public static readonly DiagnosticMessage PolicyDrift = Message(CheckPolicyDrift,
            "The served policy is not the one {0} generates: {1}. Publish the generated policy file (mta-sts generate, or deploy the build's output).");

        // ... against a build's policy (ExpectedPolicy). {0}: the policy URL; {1}: where the build's policy comes from; {2}: the differences.
        public static readonly DiagnosticMessage PolicyDriftFromBuild = Message(CheckPolicyDrift,
            "The policy served at {0} is not the one {1} has: {2}. Senders get the served one: make {0} answer with the current build (another server, an older deployment or a cache answers it now).");

        // The differences, joined with "; ". {0}, {1}: the served and the configured value (or Invalid).
        public static readonly DiagnosticMessage ModeDiffers = Message(CheckPolicyDrift,
            "mode is '{0}', the configuration says '{1}'");
        public static readonly DiagnosticMessage ExtraMx = Message(CheckPolicyDrift,
            "it has mx {0}, which the configuration does not");
        public static readonly DiagnosticMessage MissingMx = Message(CheckPolicyDrift,
            "it lacks mx {0}");
        public static readonly DiagnosticMessage MaxAgeDiffers = Message(CheckPolicyDrift,
            "max_age is {0}, the configuration says {1}");
        public static readonly DiagnosticMessage LineEndingsDiffer = Message(CheckPolicyDrift,
            "the line endings differ");
        public static readonly DiagnosticMessage OtherText = Message(CheckPolicyDrift,
            "the same values, but other text (field order, extension fields or whitespace)");
        public static readonly DiagnosticMessage Invalid = Message(CheckPolicyDrift,
            "(invalid)");

        // MTASTS7121 (RFC 8461 §3.1, §8.1). {0}: the served policy's hash; {1}: the _mta-sts name; {2}: the published id;
        // {3}: IdNotChangedReason or IdNotOfServedPolicy.
        public static readonly DiagnosticMessage IdNotChanged = Message(CheckIdNotChanged,
            "With id: auto the id is the hash of the policy, and the served policy's is {0}, but {1} publishes id {2}: {3}. Senders that cached an older policy keep it, because they refetch only when the id changes (RFC 8461 §3.1). Publish the served policy's id: {1} TXT \"v=STSv1; id={0};\" (after the policy itself, §8.1).");
        public static readonly DiagnosticMessage IdNotChangedReason = Message(CheckIdNotChanged,
            "the policy changed but the id did not");
        public static readonly DiagnosticMessage IdNotOfServedPolicy = Message(CheckIdNotChanged,
            "the id is not the one of the served policy");

        // MTASTS7122. {0}: the _mta-sts name; {1}: the published id; {2}: the configuration file; {3}: its id; {4}: the record to publish.
        public static readonly DiagnosticMessage IdDrift = Message(CheckIdDrift,
            "{0} publishes id {1}, but {2} sets id {3}. Publish {0} TXT \"{4}\".");

        // ... against a build's id (RFC 8461 §3.1, §8.1). {2}: where the build's policy comes from; {3}: its id.
        public static readonly DiagnosticMessage IdDriftFromBuild = Message(CheckIdDrift,
            "{0} publishes id {1}, but {2} has id {3}: senders that cached the policy of id {1} do not fetch the current one, they refetch only when the id changes (RFC 8461 §3.1). Publish {0} TXT \"v=STSv1; id={3};\" (after the policy itself, §8.1).");

        // MTASTS7123. {0}: the configuration file; {1}: its destinations; {2}: NoTlsRptPublished or PublishesRua;
        // {3}: the _smtp._tls name; {4}: the record to publish.
        public static readonly DiagnosticMessage TlsRptDrift = Message(CheckTlsRptDrift,
            "{0} sends TLS reports to {1}, but {2}. Publish {3} TXT \"{4}\".");
        public static readonly DiagnosticMessage NoTlsRptPublished = Message(CheckTlsRptDrift,
            "no valid TLS-RPT record is published");
        public static readonly DiagnosticMessage PublishesRua = Message(CheckTlsRptDrift,
            "it publishes rua {0}");

        // MTASTS7124. {0}: the configuration file; {1}: ConfiguresDomains or IsForDomain; {2}: the domain checked.
        public static readonly DiagnosticMessage ConfigDomain = Message(CheckConfigDomain,
            "{0} {1}, not '{2}': nothing to compare. Check the domain, or give the configuration of {2}.");

        // {0}: the first domains; {1}: AndMore or empty.
        public static readonly DiagnosticMessage ConfiguresDomains = Message(CheckConfigDomain,
            "configures {0}{1}");
        public static readonly DiagnosticMessage AndMore = Message(CheckConfigDomain,
            " and {0} more");
        public static readonly DiagnosticMessage IsForDomain = Message(CheckConfigDomain,
            "is for '{0}'");

        // MTASTS7192: a host the checker's address policy does not let it contact. {0}: the host (the Policy Host, or
        // MxHost); {1}: the refused addresses and why; {2}: the port.
        public static readonly DiagnosticMessage AddressRefused = Message(CheckAddressRefused,
            "Not connecting to {0} ({1}) on port {2}: this checker only connects to addresses its address policy allows, so this step was not checked. A sender on the internet cannot reach such an address either; publish the host's public address, or run mta-sts check from inside your network.");
        public static readonly DiagnosticMessage MxHost = Message(CheckAddressRefused,
            "MX {0}");

        // MTASTS1001: mta-sts check --config with a file that does not exist. {0}: the path.
        public static readonly DiagnosticMessage ConfigNotFound = Message(ConfigFileNotFound,
            "The configuration file '{0}' does not exist.");

        // MTASTS7191: --ca-file, a trust anchor file. {0}: the file; {1}: why it cannot be read.
        public static readonly DiagnosticMessage CaFileNoCertificate = Message(CheckCaFileUnreadable,
            "'{0}' holds no PEM certificate ('-----BEGIN CERTIFICATE-----').");
        public static readonly DiagnosticMessage CaFileUnreadable = Message(CheckCaFileUnreadable,
            "'{0}' cannot be read as PEM certificates: {1}");
        public static readonly DiagnosticMessage CaFileGivePem = Message(CheckCaFileUnreadable,
            "Give a PEM file of CA certificates (-----BEGIN CERTIFICATE-----).");
    }
}
