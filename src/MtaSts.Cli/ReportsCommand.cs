using System.CommandLine;
using System.Globalization;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Output;
using MtaSts.Policy;
using MtaSts.Reporting;
using MtaSts.Values;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts reports</c>: reads TLS-RPT aggregate reports (RFC 8460 §4) from files, folders, mbox files and standard
/// input, prints the summary and, with <c>--config</c>, the verdict on switching that policy to enforce. Only glue:
/// the reading, counting and verdict are <c>MtaSts.Reporting</c>'s. Exit 0 ready (or summary printed), 1 not ready
/// (or an input/config error without a verdict), 2 usage.
/// </summary>
internal static class ReportsCommand
{
    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Report files (.json, .json.gz), e-mail messages (.eml), mbox files, folders (Maildir too), or '-' for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        var config = new Option<string?>("--config", "-c")
        {
            Description = "The mta-sts.yaml of the policy now in testing: scopes the summary to its domain and gives the readiness verdict for enforce.",
            HelpName = "file",
        };
        var domain = new Option<string?>("--domain", "-d")
        {
            Description = "With a --config that lists several domains (domains:), the domain whose policy is judged.",
            HelpName = "domain",
        };
        var days = new Option<int>("--days")
        {
            Description = "Distinct days of reports about the current policy the verdict needs.",
            DefaultValueFactory = _ => 14,
        };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 366)
            {
                result.AddError("--days must be between 1 and 366.");
            }
        });
        var maxRate = new Option<string>("--max-failure-rate")
        {
            Description = "Failed sessions allowed per MX host and result type, as a share of all sessions: 0, 0.001 or 0.1%.",
            HelpName = "rate",
            DefaultValueFactory = _ => "0",
        };
        maxRate.Validators.Add(result =>
        {
            if (ParseRate(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--max-failure-rate '{result.GetValueOrDefault<string>()}' is not a rate: give a number from 0 to 1 (0.001) or a percentage (0.1%).");
            }
        });
        var format = new Option<string>("--format")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var html = new Option<string?>("--html")
        {
            Description = "Also write a self-contained HTML page (verdict, per-day chart, failure table) to this file.",
            HelpName = "file",
        };

        var command = new Command("reports", "Summarise TLS-RPT reports (RFC 8460) and, with --config, say whether the policy is ready for enforce.")
        {
            inputs, config, domain, days, maxRate, format, html,
        };
        command.SetAction(parse => Run(
            new Reporter(context, parse.GetValue(quiet)),
            parse.GetValue(inputs)!,
            parse.GetValue(config),
            parse.GetValue(domain),
            new VerdictOptions(parse.GetValue(days), ParseRate(parse.GetValue(maxRate)) ?? 0),
            parse.GetValue(format)!,
            parse.GetValue(html)));

        return (command,
        [
            "mta-sts reports ~/Maildir/.tlsrpt/ reports/*.json.gz exported.mbox",
            "mta-sts reports reports/ --config mta-sts.yaml",
            "mta-sts reports reports/ --format csv > tlsrpt.csv",
            "mta-sts reports reports/ --config mta-sts.yaml --html tlsrpt.html",
            "mta-sts reports reports/ --config mta-sts.yaml --domain contoso.de",
        ]);
    }

    /// <summary>"0.001" or "0.1%" as a fraction from 0 to 1; null when it is neither.</summary>
    internal static double? ParseRate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        value = percent ? value / 100 : value;
        return value is >= 0 and <= 1 ? value : null;
    }

    private static int Run(Reporter reporter, string[] inputs, string? configArg, string? domainArg, VerdictOptions options, string format, string? htmlArg)
    {
        var context = reporter.Context;
        Deployment? deployment = null;
        if (configArg is not null)
        {
            var result = ConfigValidator.ValidateFile(context.Resolve(configArg));
            reporter.Report(result.Diagnostics.Select(d => d.File is null ? d : d.WithFile(configArg)));
            if (result.Deployment is null)
            {
                context.Error.WriteLine($"mta-sts reports: {configArg} is invalid ({Reporter.Count(result.Diagnostics)}); no verdict without the policy it generates.");
                return ExitCodes.Invalid;
            }

            // The verdict is about one domain's policy: the multi-domain form names it with --domain (A-label or Unicode).
            if (domainArg is not null && PolicyDomain.Parse(domainArg).Problem is { } problem)
            {
                context.Error.WriteLine($"mta-sts reports: --domain {ValueMessages.Describe(ValueSubject.Domain, domainArg, problem, Strictness.Config)}");
                return ExitCodes.Usage;
            }

            deployment = domainArg is null ? result.Deployment : result.For(domainArg);
            if (deployment is null || (domainArg is null && result.Deployments.Count > 1))
            {
                var domains = string.Join(", ", result.Deployments.Select(d => d.UnicodeDomain));
                context.Error.WriteLine(domainArg is null
                    ? $"mta-sts reports: {configArg} lists {result.Deployments.Count} domains ({domains}); name the one to judge with --domain."
                    : $"mta-sts reports: {configArg} does not list '{domainArg}'; it lists {domains}.");
                return ExitCodes.Usage;
            }
        }

        var summary = new ReportSummary(SummaryScope.For(deployment));
        var reader = new ReportReader(context.OpenInput, context.WorkingDirectory);
        foreach (var input in reader.Read(inputs))
        {
            summary.Add(input);
        }

        reporter.Report(summary.Errors);
        reporter.Report(summary.Warnings.Select(w => w.ToDiagnostic()));
        var verdict = deployment is null ? null : ReadinessVerdict.Evaluate(summary, deployment.PolicyDomain, options);

        if (htmlArg is not null)
        {
            var page = Encoding.UTF8.GetBytes(HtmlReport.Write(summary, verdict));
            try
            {
                AtomicFile.WriteIfChanged(context.Resolve(htmlArg), page);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return reporter.Fail(DiagnosticMessages.Hosts.CannotWrite.Create(default, htmlArg, null, htmlArg, ex.Message));
            }
        }

        switch (format)
        {
            case "json":
                using (var stream = new MemoryStream())
                {
                    SummaryWriter.WriteJson(summary, verdict, stream);
                    context.Out.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
                }

                break;
            case "csv":
                SummaryWriter.WriteCsv(summary, context.Out);
                break;
            default:
                var text = new StringWriter();
                SummaryWriter.WriteText(summary, verdict, text);
                foreach (var line in text.ToString().Split('\n'))
                {
                    reporter.Info(line.TrimEnd('\r'));
                }

                if (htmlArg is not null)
                {
                    reporter.Info($"wrote {htmlArg}");
                }

                break;
        }

        if (verdict is not null)
        {
            return verdict.Ready ? ExitCodes.Success : ExitCodes.Invalid;
        }

        return summary.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
