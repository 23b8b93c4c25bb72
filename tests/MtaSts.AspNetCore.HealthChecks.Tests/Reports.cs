using MtaSts.Checking;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.AspNetCore.HealthChecks.Tests;

/// <summary>Served policies and the checker's reports on them, as the checker writes them, without a network.</summary>
internal static class Reports
{
    public const string EnforceText = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n";

    public static ServedPolicy Served(string domain = "example.com", string id = "abc123") =>
        new(domain, "mta-sts." + domain, id, EnforceText);

    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    public static CheckReport Report(string domain, params Finding[] findings) => new()
    {
        Domain = domain,
        CheckedAt = Now,
        Findings = [Finding.Pass(CheckSteps.Dns, "_mta-sts." + domain, $"_mta-sts.{domain} TXT \"v=STSv1; id=abc123;\": policy id abc123."), .. findings],
        Verdict = new SenderVerdict { HasPolicy = true, Mode = PolicyMode.Enforce, PolicyId = "abc123", Mx = ["mx1.example.com"], Text = "senders apply mode enforce for mx1.example.com" },
        MxHosts = [new MxHostResult { Host = "mx1.example.com", Preference = 10, Summary = "matches 'mx1.example.com'" }],
    };

    public static Finding Problem(DiagnosticDescriptor descriptor, string subject, string message, string step = CheckSteps.Dns) =>
        Finding.From(step, subject, descriptor.Create(message, file: subject));

    public static Finding NotChecked(DiagnosticDescriptor descriptor, string subject, string message) =>
        Finding.NotChecked(CheckSteps.Dns, subject, descriptor.Create(message, file: subject));
}
