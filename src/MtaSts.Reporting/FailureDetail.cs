namespace MtaSts.Reporting;

/// <summary>One row of <c>failure-details</c> (RFC 8460 §4.4): a result type for some sessions, where it is known.</summary>
public sealed record FailureDetail(
    string ResultType,
    string? SendingMtaIp,
    string? ReceivingMxHostname,
    string? ReceivingMxHelo,
    string? ReceivingIp,
    long FailedSessionCount,
    string? AdditionalInformation,
    string? FailureReasonCode);
