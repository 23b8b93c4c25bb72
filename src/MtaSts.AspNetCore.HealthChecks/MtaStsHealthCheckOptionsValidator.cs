using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MtaSts.Checking;
using MtaSts.Diagnostics;
using Check = MtaSts.Diagnostics.DiagnosticMessages.Check;

namespace MtaSts.AspNetCore.HealthChecks;

/// <summary>Bad options stop the site at start-up with what to change, not at the first <c>/healthz</c>.</summary>
internal sealed class MtaStsHealthCheckOptionsValidator : IValidateOptions<MtaStsHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, MtaStsHealthCheckOptions options)
    {
        var failures = new List<string>();
        if (options.CacheInterval <= TimeSpan.Zero)
        {
            failures.Add($"MtaStsHealthCheckOptions.CacheInterval must be positive (it is {options.CacheInterval}); the default is 5 minutes.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"MtaStsHealthCheckOptions.Timeout must be positive (it is {options.Timeout}); the default is 30 seconds.");
        }

        if (options.MaxConcurrentDomains < 1)
        {
            failures.Add($"MtaStsHealthCheckOptions.MaxConcurrentDomains must be at least 1 (it is {options.MaxConcurrentDomains}).");
        }

        if (options.CertificateExpiryWarningDays < 0)
        {
            failures.Add($"MtaStsHealthCheckOptions.CertificateExpiryWarningDays must not be negative (it is {options.CertificateExpiryWarningDays}).");
        }

        failures.AddRange(options.DnsServers.Where(server => !CheckOptions.TryParseDnsServer(server, out _)).Select(BadDnsServer));

        if (options.TrustAnchorsFile is { Length: > 0 } file)
        {
            try
            {
                var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
                anchors.ImportFromPemFile(file);
                if (anchors.Count == 0)
                {
                    failures.Add(TrustAnchorsFile(Check.CaFileNoCertificate.Format(file)));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                // The words of mta-sts check --ca-file for the same mistake, and what to give instead.
                failures.Add(TrustAnchorsFile(Check.CaFileUnreadable.Format(file, ex.Message) + " " + Check.CaFileGivePem.Format()));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A trust anchor file's problem, under its code and option as start-up reports it.</summary>
    private static string TrustAnchorsFile(string problem) =>
        $"{DiagnosticDescriptors.CheckCaFileUnreadable.Code}: {nameof(MtaStsHealthCheckOptions)}.{nameof(MtaStsHealthCheckOptions.TrustAnchorsFile)} {problem}";

    internal static string BadDnsServer(string server) =>
        $"MtaStsHealthCheckOptions.DnsServers: '{server}' is not ADDRESS[:PORT] (e.g. 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53).";
}
