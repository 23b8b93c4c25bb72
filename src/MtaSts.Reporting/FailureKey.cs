namespace MtaSts.Reporting;

public readonly record struct FailureKey(string PolicyDomain, string PolicyType, string ReceivingMx, string ResultType);
