namespace MtaSts.Diagnostics;

/// <summary>
/// The catalogue: every diagnostic this project can report. Codes are stable and never reused; each has a page
/// under docs/diagnostics/. Ranges: 1xxx input file, 2xxx YAML structure, 3xxx policy configuration,
/// 4xxx output, 5xxx configuration warnings, 6xxx lint of published policy files (60xx), _mta-sts TXT records (61xx)
/// and _smtp._tls TXT records (62xx),
/// 7xxx live check of a deployment (70xx DNS, 702x-703x HTTPS policy fetch, 705x MX coverage and policy advice,
/// 708x STARTTLS on the MX hosts, 712x drift from mta-sts.yaml, 719x the check's own inputs),
/// 8xxx TLS-RPT reports (80xx inputs, 81xx senders' deviations), 9xxx internal.
/// </summary>
public static class DiagnosticDescriptors
{
    private static readonly List<DiagnosticDescriptor> all = [];

    private static DiagnosticDescriptor Error(int number, string title) => Add(new(number, DiagnosticSeverity.Error, title));

    private static DiagnosticDescriptor Warning(int number, string title) => Add(new(number, DiagnosticSeverity.Warning, title));

    private static DiagnosticDescriptor Add(DiagnosticDescriptor descriptor)
    {
        all.Add(descriptor);
        return descriptor;
    }

    // 1xxx: the input file itself.
    public static readonly DiagnosticDescriptor ConfigFileNotFound = Error(1001, "Configuration file not found");
    public static readonly DiagnosticDescriptor ConfigFileUnreadable = Error(1002, "Configuration file cannot be read");
    public static readonly DiagnosticDescriptor ConfigFileTooLarge = Error(1003, "Configuration file is too large");
    public static readonly DiagnosticDescriptor ConfigFileEmpty = Error(1004, "Configuration file is empty");
    public static readonly DiagnosticDescriptor ConfigFileNotUtf8 = Error(1005, "Configuration file is not valid UTF-8");
    public static readonly DiagnosticDescriptor NoConfigFile = Warning(1006, "No mta-sts.yaml: nothing is generated");
    public static readonly DiagnosticDescriptor OutputFileExists = Error(1007, "File exists and would be overwritten");

    // 2xxx: YAML structure.
    public static readonly DiagnosticDescriptor YamlSyntax = Error(2001, "YAML syntax error");
    public static readonly DiagnosticDescriptor RootNotMapping = Error(2002, "The configuration must be a YAML mapping");
    public static readonly DiagnosticDescriptor UnknownKey = Error(2003, "Unknown configuration key");
    public static readonly DiagnosticDescriptor DuplicateKey = Error(2004, "Duplicate configuration key");
    public static readonly DiagnosticDescriptor WrongType = Error(2005, "Value has the wrong YAML type");
    public static readonly DiagnosticDescriptor MissingKey = Error(2006, "Required configuration key is missing");
    public static readonly DiagnosticDescriptor AliasNotAllowed = Error(2007, "YAML anchors, aliases and merge keys are not supported");
    public static readonly DiagnosticDescriptor MultipleDocuments = Error(2008, "The configuration must be a single YAML document");
    public static readonly DiagnosticDescriptor ControlCharacter = Error(2009, "Value contains a control character");
    public static readonly DiagnosticDescriptor MixedConfigForms = Error(2010, "Single-domain and multi-domain forms are mixed");

    // 3xxx: policy configuration (RFC 8461 §3.1, §3.2, §4.1; RFC 8460 §3).
    public static readonly DiagnosticDescriptor InvalidDomain = Error(3001, "Invalid policy domain");
    public static readonly DiagnosticDescriptor InvalidMode = Error(3002, "Invalid policy mode");
    public static readonly DiagnosticDescriptor ModeWrongCase = Error(3003, "Policy mode must be lower case");
    public static readonly DiagnosticDescriptor MissingMx = Error(3004, "At least one mx pattern is required");
    public static readonly DiagnosticDescriptor InvalidMxPattern = Error(3005, "Invalid mx pattern");
    public static readonly DiagnosticDescriptor InvalidMxWildcard = Error(3006, "Wildcard must be the whole left-most label");
    public static readonly DiagnosticDescriptor MxIsIpAddress = Error(3007, "mx pattern is an IP address");
    public static readonly DiagnosticDescriptor MxTrailingDot = Error(3008, "mx pattern ends with a dot");
    public static readonly DiagnosticDescriptor MxTooLong = Error(3009, "mx pattern is too long");
    public static readonly DiagnosticDescriptor InvalidMaxAge = Error(3010, "Invalid max_age");
    public static readonly DiagnosticDescriptor MaxAgeOutOfRange = Error(3011, "max_age is out of range");
    public static readonly DiagnosticDescriptor InvalidId = Error(3012, "Invalid policy id");
    public static readonly DiagnosticDescriptor InvalidRua = Error(3013, "Invalid TLS-RPT reporting address");
    public static readonly DiagnosticDescriptor InvalidTtl = Error(3014, "Invalid DNS TTL");
    public static readonly DiagnosticDescriptor PolicyTooLarge = Error(3015, "Policy file is too large");
    public static readonly DiagnosticDescriptor MissingRua = Error(3016, "TLS-RPT needs at least one reporting address");
    public static readonly DiagnosticDescriptor DuplicateDomain = Error(3017, "Domain listed twice");

    // 4xxx: output.
    public static readonly DiagnosticDescriptor OutputWriteFailed = Error(4001, "Output file cannot be written");
    public static readonly DiagnosticDescriptor RuntimeLibraryVersionMismatch = Error(4002, "MtaSts.AspNetCore and MtaSts.Build versions differ");
    public static readonly DiagnosticDescriptor UnknownDnsFormat = Error(4003, "Unknown DNS record format");
    public static readonly DiagnosticDescriptor UnknownServer = Error(4004, "Unknown web server or static host");
    public static readonly DiagnosticDescriptor InvalidPolicyHostCname = Error(4005, "Invalid Policy Host CNAME target");
    public static readonly DiagnosticDescriptor SiteFileNotServingPolicy = Warning(4006, "Your static host file is kept but does not serve the policy");
    public static readonly DiagnosticDescriptor PolicyFileNotInWellKnown = Error(4007, "Servers need the policy file in a .well-known folder");

    // 5xxx: legal but risky configuration.
    public static readonly DiagnosticDescriptor ShortMaxAgeEnforce = Warning(5001, "max_age under one day with mode enforce");
    public static readonly DiagnosticDescriptor DuplicateMxPattern = Warning(5002, "Duplicate mx pattern");
    public static readonly DiagnosticDescriptor WildcardUnderPublicSuffix = Warning(5003, "Wildcard mx pattern directly under a public suffix");
    public static readonly DiagnosticDescriptor MxWithModeNone = Warning(5004, "mx patterns have no effect with mode none");
    public static readonly DiagnosticDescriptor MxCoveredByWildcard = Warning(5005, "mx pattern is already covered by a wildcard");
    public static readonly DiagnosticDescriptor DomainIsPolicyHost = Warning(5006, "domain names the Policy Host, not the Policy Domain");
    public static readonly DiagnosticDescriptor PoliciesDiffer = Warning(5007, "Domains have different policies: no shared policy file");

    // 60xx: lint of a published policy file (RFC 8461 §3.2).
    public static readonly DiagnosticDescriptor PolicyLineSyntax = Error(6001, "Policy line is not a valid key: value field");
    public static readonly DiagnosticDescriptor PolicyMissingField = Error(6002, "Policy is missing a required field");
    public static readonly DiagnosticDescriptor PolicyInvalidVersion = Error(6003, "Invalid policy version");
    public static readonly DiagnosticDescriptor PolicyInvalidMode = Error(6004, "Invalid policy mode");
    public static readonly DiagnosticDescriptor PolicyInvalidMaxAge = Error(6005, "Invalid policy max_age");
    public static readonly DiagnosticDescriptor PolicyInvalidMx = Error(6006, "Invalid policy mx value");
    public static readonly DiagnosticDescriptor PolicyMissingMx = Error(6007, "Policy has no mx field");
    public static readonly DiagnosticDescriptor PolicyDuplicateField = Warning(6008, "Policy field repeated: the first one wins");
    public static readonly DiagnosticDescriptor PolicyLfLineEndings = Warning(6009, "Policy uses LF line endings");
    public static readonly DiagnosticDescriptor PolicyInvalidCharacters = Error(6010, "Policy contains invalid characters");
    public static readonly DiagnosticDescriptor PolicyTooLargeForSenders = Warning(6011, "Policy is larger than senders may accept");
    public static readonly DiagnosticDescriptor PolicyEmpty = Error(6012, "Policy is empty");
    public static readonly DiagnosticDescriptor PolicyMixedLineEndings = Warning(6013, "Policy mixes LF and CRLF line endings");
    public static readonly DiagnosticDescriptor PolicyTrailingWhitespace = Warning(6014, "Policy line ends with whitespace");
    public static readonly DiagnosticDescriptor PolicyVersionNotFirst = Warning(6015, "version is not the first policy field");
    public static readonly DiagnosticDescriptor PolicyUnknownField = Warning(6016, "Unknown policy field looks like a known one");

    // 61xx: lint of an _mta-sts TXT record (RFC 8461 §3.1).
    public static readonly DiagnosticDescriptor StsRecordVersion = Error(6101, "Record does not start with v=STSv1");
    public static readonly DiagnosticDescriptor StsRecordMissingId = Error(6102, "Record has no id field");
    public static readonly DiagnosticDescriptor StsRecordInvalidId = Error(6103, "Invalid id");
    public static readonly DiagnosticDescriptor StsRecordSpaceBeforeDelimiter = Warning(6104, "Whitespace before ';' after v=STSv1");
    public static readonly DiagnosticDescriptor StsRecordSyntax = Error(6105, "Record field syntax error");
    public static readonly DiagnosticDescriptor StsRecordDuplicateField = Warning(6106, "Record field repeated: the first one wins");

    // 62xx: lint of an _smtp._tls TXT record (RFC 8460 §3).
    public static readonly DiagnosticDescriptor TlsRptRecordVersion = Error(6201, "Record does not start with v=TLSRPTv1");
    public static readonly DiagnosticDescriptor TlsRptRecordMissingRua = Error(6202, "Record has no rua field");
    public static readonly DiagnosticDescriptor TlsRptRecordInvalidRua = Error(6203, "Invalid rua destination");
    public static readonly DiagnosticDescriptor TlsRptRecordSpaceBeforeDelimiter = Warning(6204, "Whitespace before ';' after v=TLSRPTv1");
    public static readonly DiagnosticDescriptor TlsRptRecordSyntax = Error(6205, "Record field syntax error");
    public static readonly DiagnosticDescriptor TlsRptRecordMultipleRua = Warning(6206, "More than one rua field");
    public static readonly DiagnosticDescriptor TlsRptRecordRuaNotFirst = Warning(6207, "rua is not the first field after v=TLSRPTv1");
    public static readonly DiagnosticDescriptor TlsRptRecordSpaceAroundComma = Warning(6208, "Whitespace around ',' in the rua list");

    // 7xxx: live check of a deployment (mta-sts check), as a sending MTA sees it (RFC 8461 §3-§5).
    // 70xx: DNS.
    public static readonly DiagnosticDescriptor CheckNoStsRecord = Error(7001, "No v=STSv1 TXT record at _mta-sts");
    public static readonly DiagnosticDescriptor CheckMultipleStsRecords = Error(7002, "More than one v=STSv1 TXT record");
    public static readonly DiagnosticDescriptor CheckDnsLookupFailed = Warning(7003, "DNS lookup could not be completed");
    public static readonly DiagnosticDescriptor CheckNoTlsRptRecord = Warning(7004, "No v=TLSRPTv1 TXT record at _smtp._tls");
    public static readonly DiagnosticDescriptor CheckMultipleTlsRptRecords = Error(7005, "More than one v=TLSRPTv1 TXT record");
    public static readonly DiagnosticDescriptor CheckNullMx = Warning(7006, "The domain publishes a null MX");
    public static readonly DiagnosticDescriptor CheckMxWithoutAddress = Error(7007, "MX host has no address");
    public static readonly DiagnosticDescriptor CheckNoMxRecords = Warning(7008, "The domain has no MX records");

    // 702x-703x: the HTTPS policy fetch (RFC 8461 §3.2, §3.3).
    public static readonly DiagnosticDescriptor CheckPolicyHostUnreachable = Error(7020, "Policy host cannot be reached");
    public static readonly DiagnosticDescriptor CheckPolicyCertificateExpired = Error(7021, "Policy host certificate is expired or not yet valid");
    public static readonly DiagnosticDescriptor CheckPolicyCertificateName = Error(7022, "Policy host certificate is for another name");
    public static readonly DiagnosticDescriptor CheckPolicyCertificateUntrusted = Error(7023, "Policy host certificate does not chain to a trusted CA");
    public static readonly DiagnosticDescriptor CheckPolicyStatus = Error(7024, "Policy fetch did not answer 200");
    public static readonly DiagnosticDescriptor CheckPolicyRedirect = Error(7025, "Policy fetch answered with a redirect");
    public static readonly DiagnosticDescriptor CheckPolicyContentType = Error(7026, "Policy is not served as text/plain");
    public static readonly DiagnosticDescriptor CheckPolicyTooLarge = Error(7027, "Policy body is larger than 64,000 bytes");
    public static readonly DiagnosticDescriptor CheckPolicyTimeout = Error(7028, "Policy fetch timed out");
    public static readonly DiagnosticDescriptor CheckPolicyTlsFailed = Error(7029, "TLS with the policy host failed");
    public static readonly DiagnosticDescriptor CheckPolicyCertificateExpiresSoon = Warning(7030, "Policy host certificate expires soon");

    // 705x: MX coverage (RFC 8461 §4.1) and advice on the served policy.
    public static readonly DiagnosticDescriptor CheckMxNotCoveredEnforce = Error(7050, "MX host not covered by the enforce policy");
    public static readonly DiagnosticDescriptor CheckMxNotCoveredTesting = Warning(7051, "MX host not covered by the testing policy");
    public static readonly DiagnosticDescriptor CheckStalePattern = Warning(7052, "Policy mx pattern matches no live MX host");
    public static readonly DiagnosticDescriptor CheckShortMaxAgeEnforce = Warning(7053, "Served policy has max_age under one day with mode enforce");
    public static readonly DiagnosticDescriptor CheckModeNone = Warning(7054, "Served policy has mode none");
    public static readonly DiagnosticDescriptor CheckCaaForbidsAll = Warning(7055, "CAA records allow no CA to issue for the policy host");

    // 708x: STARTTLS on every MX host (RFC 8461 §4.2, §7.1, §7.2; RFC 3207).
    public static readonly DiagnosticDescriptor CheckMxNoStartTls = Error(7080, "MX host does not offer STARTTLS");
    public static readonly DiagnosticDescriptor CheckMxCertificateName = Error(7081, "MX certificate is for another name");
    public static readonly DiagnosticDescriptor CheckMxCertificateUntrusted = Error(7082, "MX certificate does not chain to a trusted CA");
    public static readonly DiagnosticDescriptor CheckMxCertificateExpired = Error(7083, "MX certificate is expired or not yet valid");
    public static readonly DiagnosticDescriptor CheckMxCertificateExpiresSoon = Warning(7084, "MX certificate expires within 21 days");
    public static readonly DiagnosticDescriptor CheckMxUnreachable = Warning(7085, "Could not connect to the MX host on port 25");
    public static readonly DiagnosticDescriptor CheckMxTlsFailed = Error(7086, "STARTTLS handshake with the MX host failed");
    public static readonly DiagnosticDescriptor CheckMxSmtpFailed = Warning(7087, "SMTP dialogue with the MX host failed");

    // 712x: drift between what is live and what mta-sts.yaml generates (--config).
    public static readonly DiagnosticDescriptor CheckPolicyDrift = Error(7120, "Served policy differs from the configuration");
    public static readonly DiagnosticDescriptor CheckIdNotChanged = Error(7121, "Policy changed but its id did not");
    public static readonly DiagnosticDescriptor CheckIdDrift = Error(7122, "Published id differs from the configured id");
    public static readonly DiagnosticDescriptor CheckTlsRptDrift = Error(7123, "Published TLS-RPT record differs from the configuration");
    public static readonly DiagnosticDescriptor CheckConfigDomain = Error(7124, "The configuration is for another domain");

    // 719x: the check's own inputs.
    public static readonly DiagnosticDescriptor CheckInvalidDomain = Error(7190, "Not a domain that can be checked");
    public static readonly DiagnosticDescriptor CheckCaFileUnreadable = Error(7191, "Trust anchor file cannot be read");
    public static readonly DiagnosticDescriptor CheckAddressRefused = Warning(7192, "Address refused by the check's address policy");
    // 8xxx: TLS-RPT reports (RFC 8460 §4): 80xx an input that cannot be counted, 81xx a sender's deviation that is read anyway.
    public static readonly DiagnosticDescriptor ReportInputNotFound = Error(8001, "Report input not found");
    public static readonly DiagnosticDescriptor ReportInputUnreadable = Error(8002, "Report input cannot be read");
    public static readonly DiagnosticDescriptor ReportNotJson = Error(8003, "Report is not valid JSON");
    public static readonly DiagnosticDescriptor ReportNotAggregateReport = Error(8004, "JSON is not a TLS-RPT aggregate report");
    public static readonly DiagnosticDescriptor ReportBadCompression = Error(8005, "Report attachment cannot be decompressed");
    public static readonly DiagnosticDescriptor ReportTooLarge = Error(8006, "Report is too large");
    public static readonly DiagnosticDescriptor ReportMessageWithoutReport = Warning(8007, "Input carries no TLS-RPT report");
    public static readonly DiagnosticDescriptor ReportDateWithoutTimeZone = Warning(8101, "Report date has no time zone");
    public static readonly DiagnosticDescriptor ReportFieldVariant = Warning(8102, "Report uses a non-standard field name");
    public static readonly DiagnosticDescriptor ReportFieldWrongType = Warning(8103, "Report field has an unexpected JSON type");
    public static readonly DiagnosticDescriptor ReportFieldMissing = Warning(8104, "Report field is missing");
    public static readonly DiagnosticDescriptor ReportFailuresExceedTotal = Warning(8105, "Failure details add up to more than the failure total");
    public static readonly DiagnosticDescriptor ReportPolicyStringEncodedTwice = Warning(8106, "policy-string holds JSON-encoded text");
    public static readonly DiagnosticDescriptor ReportFieldInvalid = Warning(8107, "Report field value is invalid and is ignored");

    // 9xxx: internal.
    public static readonly DiagnosticDescriptor InternalError = Error(9001, "Internal error");

    /// <summary>Every descriptor, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => all;
}
