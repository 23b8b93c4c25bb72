using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtaSts.Checking;
using MtaSts.Diagnostics;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts check DOMAIN</c>: a host over <see cref="DomainChecker"/>. Options in, report out on the output stream as
/// text (problems in the canonical <c>subject: error CODE: message</c> form) or as JSON (schema/mta-sts-check.schema.json).
/// Exit 0 without errors, 1 with errors (with <c>--fail-on-not-checked</c> also when a step could not run), 2 for usage
/// (an option or the DOMAIN argument that is not valid).
/// </summary>
internal static class CheckCommand
{
    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var domain = new Argument<string>("domain") { Description = "The mail domain to check (the part after '@')." }.NotAnOption();
        var config = new Option<string?>("--config")
        {
            Description = "Also compare what is live with what this mta-sts.yaml generates (policy, id, TLS-RPT record).",
            HelpName = "file",
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, or json (schema/mta-sts-check.schema.json, schemaVersion 1).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var dnsServer = DnsServerOption();
        var caFile = CaFileOption();
        var noSmtp = new Option<bool>("--no-smtp") { Description = "Skip the STARTTLS probe of the MX hosts (e.g. where port 25 is blocked)." };
        var failOnNotChecked = new Option<bool>("--fail-on-not-checked")
        {
            Description = "Exit 1 also when a step could not run (a lookup without an answer, no connection on port 25): for a CI gate that must not pass without having checked.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each connection, SMTP reply or the whole policy fetch.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 20,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 600)
            {
                result.AddError("--timeout must be between 1 and 600 seconds.");
            }
        });

        var command = new Command("check", "Check a live deployment the way a sending server sees it: DNS, the HTTPS policy fetch, MX coverage, STARTTLS on every MX.")
        {
            domain, config, format, dnsServer, caFile, noSmtp, failOnNotChecked, timeout,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new Reporter(context, parse.GetValue(quiet)),
            parse.GetValue(domain)!,
            parse.GetValue(config),
            parse.GetValue(format) == "json",
            parse.GetValue(dnsServer),
            parse.GetValue(caFile),
            !parse.GetValue(noSmtp),
            parse.GetValue(failOnNotChecked),
            TimeSpan.FromSeconds(parse.GetValue(timeout)),
            cancellation));

        return (command,
        [
            "mta-sts check example.com",
            "mta-sts check example.com --config mta-sts.yaml",
            "mta-sts check example.com --format json > mta-sts-check.json",
            "mta-sts check example.com --dns-server 192.0.2.53 --ca-file private-ca.pem --no-smtp",
            "mta-sts check example.com --config mta-sts.yaml --no-smtp --fail-on-not-checked",
        ]);
    }

    /// <summary>--dns-server, as check and init --from-dns take it.</summary>
    internal static Option<string?> DnsServerOption()
    {
        var dnsServer = new Option<string?>("--dns-server")
        {
            Description = "Ask this DNS server (ADDRESS[:PORT], [IPv6]:PORT) for every lookup, including the addresses used for HTTPS and SMTP.",
            HelpName = "address[:port]",
        };
        dnsServer.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !CheckOptions.TryParseDnsServer(value, out _))
            {
                result.AddError($"--dns-server '{value}' is not an IP address with an optional port, e.g. 192.0.2.53 or 192.0.2.53:5353 or [2001:db8::53]:53.");
            }
        });
        return dnsServer;
    }

    /// <summary>--ca-file, as check and init --from-dns take it.</summary>
    internal static Option<string?> CaFileOption() => new("--ca-file")
    {
        Description = "Also trust the CA certificates in this PEM file (a private CA) for the policy host and the MX hosts.",
        HelpName = "pem",
    };

    /// <summary>The certificates of --ca-file into <paramref name="anchors"/>; the exit code when they cannot be read.</summary>
    internal static int? LoadCaFile(Reporter reporter, string? caFile, X509Certificate2Collection anchors)
    {
        if (caFile is null)
        {
            return null;
        }

        try
        {
            anchors.ImportFromPemFile(reporter.Context.Resolve(caFile));
            if (anchors.Count == 0)
            {
                return reporter.Fail(DiagnosticMessages.Check.CaFileNoCertificate.Create(default, caFile, null, caFile));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return reporter.Fail(DiagnosticMessages.Check.CaFileUnreadable.Create(default, caFile, null, caFile, ex.Message));
        }

        return null;
    }

    private static async Task<int> RunAsync(
        Reporter reporter, string domainArgument, string? configFile, bool json, string? dnsServer, string? caFile, bool smtp, bool failOnNotChecked, TimeSpan timeout, CancellationToken cancellation)
    {
        var context = reporter.Context;
        if (!DomainChecker.TryNormalizeDomain(domainArgument, out var domain, out var problem))
        {
            // The argument is wrong, not the deployment: a usage error, so that a CI gate tells a broken pipeline
            // from a domain that fails its check (exit 1).
            reporter.Report(DiagnosticDescriptors.CheckInvalidDomain.Create(problem));
            return ExitCodes.Usage;
        }

        var anchors = new X509Certificate2Collection();
        if (LoadCaFile(reporter, caFile, anchors) is { } failed)
        {
            return failed;
        }

        string? configPath = null;
        if (configFile is not null)
        {
            configPath = context.Resolve(configFile);
            if (!File.Exists(configPath))
            {
                return reporter.Fail(DiagnosticMessages.Check.ConfigNotFound.Create(default, configFile, null, configFile));
            }
        }

        CheckOptions.TryParseDnsServer(dnsServer, out var server);
        var options = new CheckOptions
        {
            Resolver = CheckOptions.CreateResolver(server, timeout),
            TrustAnchors = anchors,
            CheckSmtp = smtp,
            ConfigFile = configPath,
            ConnectTimeout = timeout,
            HttpTimeout = timeout,
            SmtpTimeout = timeout,
            Clock = context.Clock,
        };

        var report = await new DomainChecker(options).CheckAsync(domain, cancellation);
        if (json)
        {
            context.Out.WriteLine(CheckReportJson.Write(report));
        }
        else
        {
            CheckReportText.Write(reporter, report, configFile, failOnNotChecked);
        }

        return Succeeded(report, failOnNotChecked) ? ExitCodes.Success : ExitCodes.Invalid;
    }

    /// <summary>
    /// No errors; a step that could not run is not the domain's fault (and <c>passed</c> in the JSON stays true), but
    /// with <c>--fail-on-not-checked</c> it fails the run: a gate must not pass on a check that did not happen.
    /// </summary>
    internal static bool Succeeded(CheckReport report, bool failOnNotChecked) =>
        report.Passed && !(failOnNotChecked && report.NotCheckedCount > 0);
}

/// <summary>The text form: a section per step, one line per MX host, the verdict, and the fix when something failed.</summary>
internal static class CheckReportText
{
    public static void Write(Reporter reporter, CheckReport report, string? configFile, bool failOnNotChecked = false)
    {
        reporter.Info($"mta-sts check {report.Domain}");
        foreach (var step in CheckSteps.All)
        {
            var status = report.StepStatus(step);
            reporter.Info();
            reporter.Info($"{CheckSteps.Title(step)}: {Word(status)}");
            if (status == CheckStatus.Skipped && report.SkippedSteps.Contains(step))
            {
                reporter.Info(step == CheckSteps.Drift ? "  not run: give --config mta-sts.yaml to compare" : "  not run (--no-smtp)");
                if (step == CheckSteps.StartTls)
                {
                    WriteMxLines(reporter, report);
                }

                continue;
            }

            foreach (var finding in report.Findings.Where(f => f.Step == step))
            {
                if (finding.Diagnostic is { } diagnostic)
                {
                    // Problems in the canonical 'subject: error CODE: message' form that CI log parsers recognise, in
                    // place in the report (and also under --quiet); a step that could not run says so first.
                    var prefix = finding.Status == CheckStatus.NotChecked ? "  not checked: " : "  ";
                    reporter.Context.Out.WriteLine(prefix + diagnostic);
                }
                else
                {
                    reporter.Info($"  {Word(finding.Status)}: {finding.Message}");
                }
            }

            if (step == CheckSteps.StartTls)
            {
                WriteMxLines(reporter, report);
            }
        }

        reporter.Info();
        reporter.Info($"Verdict: {report.Verdict.Text}.");
        var summary = $"{report.ErrorCount} error{(report.ErrorCount == 1 ? "" : "s")}, {report.WarningCount} warning{(report.WarningCount == 1 ? "" : "s")}";
        if (report.NotCheckedCount > 0)
        {
            summary += $", {report.NotCheckedCount} not checked";
        }

        if (report.Passed && !CheckCommand.Succeeded(report, failOnNotChecked))
        {
            summary += "; --fail-on-not-checked";
        }

        reporter.Info($"Result: {(CheckCommand.Succeeded(report, failOnNotChecked) ? "PASS" : "FAIL")} ({summary}) in {report.ElapsedMilliseconds / 1000.0:0.0} s.");
        if (report.Fix is { } fix)
        {
            WriteFix(reporter, fix, configFile);
        }
    }

    /// <summary>Steps 3 and 4 in one line per MX host.</summary>
    private static void WriteMxLines(Reporter reporter, CheckReport report)
    {
        foreach (var host in report.MxHosts)
        {
            reporter.Info($"  MX {host.Preference} {host.Host}: {host.Summary}");
        }
    }

    private static void WriteFix(Reporter reporter, CheckFix fix, string? configFile)
    {
        reporter.Info();
        reporter.Info(fix.Source == "config"
            ? $"The fix: publish what {configFile} generates (the policy first, then the TXT records: RFC 8461 §8.1)."
            : "The fix: a deployment for the live MX hosts (the policy first, then the TXT records: RFC 8461 §8.1).");
        reporter.Info($"  {fix.PolicyUrl} (200, Content-Type: text/plain):");
        foreach (var line in fix.PolicyText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            reporter.Info("    " + line);
        }

        reporter.Info($"  {fix.StsRecordName}. TXT \"{fix.StsRecordValue}\"");
        if (fix.TlsRptRecordName is not null)
        {
            reporter.Info($"  {fix.TlsRptRecordName}. TXT \"{fix.TlsRptRecordValue}\"");
        }

        if (fix.Yaml is not null)
        {
            reporter.Info("  mta-sts.yaml that generates them (mta-sts generate, or the MtaSts.Build package):");
            foreach (var line in fix.Yaml.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                reporter.Info("    " + line);
            }
        }
    }

    private static string Word(CheckStatus status) => CheckStatusText.Word(status);
}
