using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MtaSts.Checking;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Output;
using MtaSts.Policy;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts init</c>: writes a commented <c>mta-sts.yaml</c> from options. The values are validated by the core
/// first; nothing is written when they are invalid, and an existing file is only replaced with <c>--force</c>.
/// </summary>
internal static class InitCommand
{
    public const string DefaultOutput = "mta-sts.yaml";

    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var domain = new Option<string[]>("--domain", "-d")
        {
            Description = "The mail domain (the part after '@'), e.g. example.com. Repeat for several: the file then lists them under 'domains:' and the other options become their shared 'defaults:'.",
        };
        var mode = new Option<string>("--mode", "-m")
        {
            Description = "testing (report only), enforce, or none (withdraw).",
            DefaultValueFactory = _ => "testing",
        };
        var mx = new Option<string[]>("--mx")
        {
            Description = "An MX host pattern, e.g. mx1.example.com or \"*.mail.example.com\". Repeat for each; required unless --mode none.",
            HelpName = "pattern",
        };
        var maxAge = new Option<string>("--max-age")
        {
            Description = "How long senders cache the policy: seconds or a duration (1d, 2w).",
            DefaultValueFactory = _ => "1w",
            HelpName = "duration",
        };
        var rua = new Option<string[]>("--rua")
        {
            Description = "A TLS-RPT report destination (mailto: or https: URI). Repeat for each.",
            HelpName = "uri",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The file to write (a directory gets mta-sts.yaml inside).",
            DefaultValueFactory = _ => DefaultOutput,
            HelpName = "path",
        };
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Overwrite the file if it exists.",
        };
        var fromDns = new Option<string?>("--from-dns")
        {
            Description = "Instead of --domain and the values: read what is live for this domain (MX, _mta-sts and _smtp._tls records, the served policy, fetched as senders do) and write the file that reproduces it; without a live policy, testing and its MX hosts.",
            HelpName = "domain",
        };
        var dnsServer = CheckCommand.DnsServerOption();
        var caFile = CheckCommand.CaFileOption();

        var command = new Command("init", "Write a commented mta-sts.yaml to start from. The values are checked before anything is written.")
        {
            domain, mode, mx, maxAge, rua, output, force, fromDns, dnsServer, caFile,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(fromDns) is null)
            {
                if (result.GetResult(domain) is null)
                {
                    result.AddError("Give --domain (and the values), or --from-dns DOMAIN to read them from what is live.");
                }

                foreach (var option in new Option[] { dnsServer, caFile }.Where(o => result.GetResult(o) is not null))
                {
                    result.AddError($"{option.Name} is for --from-dns: the values are read from DNS only with it.");
                }

                return;
            }

            // The values come from DNS: giving them as well would be ambiguous.
            foreach (var option in new Option[] { domain, mode, mx, maxAge, rua }.Where(o => result.GetResult(o) is { Implicit: false }))
            {
                result.AddError($"--from-dns reads the domain and its values from DNS: leave out {option.Name}, or leave out --from-dns and give the values.");
            }
        });
        command.SetAction((parse, cancellation) =>
        {
            var reporter = new Reporter(context, parse.GetValue(quiet));
            if (parse.GetValue(fromDns) is { } live)
            {
                return FromDnsAsync(reporter, live, parse.GetValue(dnsServer), parse.GetValue(caFile), parse.GetValue(output)!, parse.GetValue(force), cancellation);
            }

            var domains = parse.GetValue(domain)!;
            var config = new PolicyConfig
            {
                Domain = domains.Length == 1 ? new ConfigScalar(domains[0]) : null,
                Mode = parse.GetValue(mode)!,
                Mx = ListOf(parse.GetValue(mx)),
                MaxAge = parse.GetValue(maxAge)!,
                TlsRptRua = ListOf(parse.GetValue(rua)),
            };
            return Task.FromResult(Run(reporter, config, domains.Length == 1 ? null : domains, parse.GetValue(output)!, parse.GetValue(force)));
        });

        return (command,
        [
            "mta-sts init --domain example.com --mx mx1.example.com --mx mx2.example.com",
            "mta-sts init -d example.com --mx \"*.mail.protection.outlook.com\" --rua mailto:tlsrpt@example.com",
            "mta-sts init -d example.com --mode enforce --max-age 4w --mx mx.example.com -o site/mta-sts.yaml --force",
            "mta-sts init -d contoso.com -d contoso.de -d fabrikam.com --mx \"*.mail.protection.outlook.com\" --rua mailto:tlsrpt@contoso.com",
            "mta-sts init --from-dns example.com",
        ]);
    }

    /// <summary>
    /// <c>--from-dns</c>: <see cref="DomainChecker"/> without SMTP probes gathers what is live, <see cref="LiveConfig"/>
    /// turns it into the file, and the file is checked and written as any other init.
    /// </summary>
    private static async Task<int> FromDnsAsync(
        Reporter reporter, string domainArgument, string? dnsServer, string? caFile, string output, bool force, CancellationToken cancellation)
    {
        if (!DomainChecker.TryNormalizeDomain(domainArgument, out var domain, out var problem))
        {
            reporter.Report(DiagnosticDescriptors.CheckInvalidDomain.Create(problem));
            return ExitCodes.Usage;
        }

        var anchors = new X509Certificate2Collection();
        if (CheckCommand.LoadCaFile(reporter, caFile, anchors) is { } failed)
        {
            return failed;
        }

        CheckOptions.TryParseDnsServer(dnsServer, out var server);
        var timeout = TimeSpan.FromSeconds(20);
        var options = new CheckOptions
        {
            Resolver = CheckOptions.CreateResolver(server),
            TrustAnchors = anchors,
            CheckSmtp = false,
            ConnectTimeout = timeout,
            HttpTimeout = timeout,
            SmtpTimeout = timeout,
            Clock = reporter.Context.Clock,
        };

        var report = await new DomainChecker(options).CheckAsync(domain, cancellation);
        var live = LiveConfig.Build(report);
        if (live.LookupsFailed.Count > 0)
        {
            foreach (var failure in live.LookupsFailed)
            {
                reporter.Context.Error.WriteLine(failure);
            }

            reporter.Context.Error.WriteLine($"mta-sts init: what is live for {domain} is not known (a DNS lookup had no answer); nothing was written.");
            return ExitCodes.Invalid;
        }

        foreach (var warning in live.Warnings)
        {
            reporter.Context.Error.WriteLine(warning);
        }

        reporter.Info(live.HasLivePolicy
            ? $"read the live policy of {domain} (mode, mx, max_age and id as served and published)"
            : $"no live MTA-STS policy for {domain}: mode testing for its MX hosts");
        return Run(reporter, live.Config, null, output, force, live.Yaml, fromDns: domain);
    }

    private static ConfigList? ListOf(string[]? values) => values is { Length: > 0 } ? ConfigList.Of(values) : null;

    /// <param name="domains">Two or more domains: the multi-domain form, <paramref name="config"/> its defaults.</param>
    /// <param name="text">The file as written elsewhere (--from-dns), else ConfigWriter's for <paramref name="config"/>.</param>
    /// <param name="fromDns">The domain read with --from-dns: problems with its values name that option.</param>
    private static int Run(Reporter reporter, PolicyConfig config, string[]? domains, string output, bool force, string? text = null, string? fromDns = null)
    {
        // The same rules as generate and the build task: an init that succeeds gives a file they accept. The
        // multi-domain form is checked as written, so a domain given twice is caught as in the file.
        text ??= domains is null ? ConfigWriter.Write(config) : ConfigWriter.Write(config, domains.Select(d => new ConfigScalar(d)).ToList());
        var validation = domains is null ? Validator.Validate(config) : ConfigValidator.Validate(text);
        var diagnostics = validation.Diagnostics
            .Select(d => new Diagnostic(d.Descriptor, d.Message, fromDns is null ? OptionFor(d.Field) : "--from-dns " + fromDns, SourceSpan.None, d.Field))
            .ToList();

        var path = reporter.Context.Resolve(output);
        var display = output;
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, DefaultOutput);
            display = Path.Combine(output, DefaultOutput);
        }

        if (File.Exists(path) && !force)
        {
            diagnostics.Add(DiagnosticMessages.Hosts.InitFileExists.Create(default, display, null, display));
        }

        reporter.Report(diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            reporter.Context.Error.WriteLine($"mta-sts init: {Reporter.Count(diagnostics)}; nothing was written.");
            return ExitCodes.Invalid;
        }

        bool written;
        try
        {
            written = AtomicFile.WriteIfChanged(path, new UTF8Encoding(false).GetBytes(text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return reporter.Fail(DiagnosticMessages.Hosts.CannotWrite.Create(default, display, null, display, ex.Message));
        }

        reporter.Info($"{(written ? "wrote" : "unchanged")} {display}");
        reporter.Info(fromDns is null
            ? $"Next: review it, then run 'mta-sts generate{(output == DefaultOutput ? "" : " " + display)}'."
            : $"Next: review it; 'mta-sts check {fromDns} --config {display}' compares it with what is live.");
        return ExitCodes.Success;
    }

    /// <summary>Diagnostics from values given on the command line name the option, not a file.</summary>
    private static string? OptionFor(ConfigField? field) => field?.Key switch
    {
        ConfigField.Domain => "--domain",
        ConfigField.Mode => "--mode",
        ConfigField.Mx => "--mx",
        ConfigField.MaxAge => "--max-age",
        ConfigField.TlsRpt or ConfigField.TlsRptRua => "--rua",
        _ => null,
    };
}
