using System.CommandLine;
using System.Globalization;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Serving;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts generate</c>: mta-sts.yaml → <c>DIR/.well-known/mta-sts.txt</c> and <c>DIR/&lt;domain&gt;.zone</c> (the
/// multi-domain form: <c>DIR/&lt;domain&gt;/.well-known/mta-sts.txt</c> and <c>DIR/&lt;domain&gt;.zone</c> per domain), each
/// written atomically and only when its content changed, then the records to publish. On any error nothing is written,
/// so the last good outputs stay as they were.
/// </summary>
internal static class GenerateCommand
{
    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var config = new Argument<string>("config")
        {
            Description = "The configuration file.",
            DefaultValueFactory = _ => InitCommand.DefaultOutput,
        }.NotAnOption();
        var output = new Option<string>("--output", "-o")
        {
            Description = "The directory to write .well-known/mta-sts.txt and <domain>.zone into (several domains: <domain>/.well-known/mta-sts.txt and <domain>.zone for each).",
            DefaultValueFactory = _ => ".",
            HelpName = "dir",
        };
        var id = new Option<string?>("--id")
        {
            Description = "Override the configured id: auto, timestamp, or 1-32 letters and digits.",
        };

        var dnsFormat = new Option<string[]>("--dns-format")
        {
            Description = $"The DNS records' file format: {string.Join(", ", DnsFormat.All.Select(f => f.Name))}. Repeat for several; default zone.",
            HelpName = "name",
        };

        var server = new Option<string[]>("--server")
        {
            Description = $"Also write the configuration that serves the policy right with: {string.Join(", ", ServerConfig.All.Select(s => s.Name))}. Repeat for several.",
            HelpName = "name",
        };

        var policyHostCname = new Option<string?>("--policy-host-cname")
        {
            Description = "Also write the CNAME of mta-sts.<domain> to this host name (the site that serves the policy) in every DNS format.",
            HelpName = "target",
        };

        var command = new Command("generate", "Write the policy file and the DNS records (a zone snippet, or Bicep, Terraform, DNSControl, octoDNS) from mta-sts.yaml, and print the records to publish.")
        {
            config, output, id, dnsFormat, server, policyHostCname,
        };
        command.SetAction(parse => Run(
            new Reporter(context, parse.GetValue(quiet)),
            parse.GetValue(config)!,
            parse.GetValue(output)!,
            parse.GetValue(id),
            parse.GetValue(dnsFormat) ?? [],
            parse.GetValue(server) ?? [],
            parse.GetValue(policyHostCname)));

        return (command,
        [
            "mta-sts generate",
            "mta-sts generate site/mta-sts.yaml --output site/wwwroot",
            "mta-sts generate --id 20260101T000000Z",
            "mta-sts generate --dns-format bicep --dns-format terraform-aws",
            "mta-sts generate --server nginx --server github-pages",
            "mta-sts generate --dns-format terraform-cloudflare --policy-host-cname example.github.io",
        ]);
    }

    private static int Run(Reporter reporter, string configArg, string outputArg, string? idOverride, string[] dnsFormats, string[] servers, string? policyHostCname = null)
    {
        var context = reporter.Context;
        var configPath = context.Resolve(configArg);
        var outputDirectory = context.Resolve(outputArg);
        var plan = OutputPlanner.Plan(configPath, new OutputOptions
        {
            PolicyFile = Path.Combine(outputDirectory, ".well-known", "mta-sts.txt"),
            // The multi-domain form: each domain's own policy, for a site per host mta-sts.<domain>.
            PolicyFileFor = deployment => Path.Combine(outputDirectory, deployment.PolicyDomain, ".well-known", "mta-sts.txt"),
            ZoneFileFor = deployment => Path.Combine(outputDirectory, deployment.PolicyDomain + ".zone"),
            IdOverride = idOverride,
            DnsFormats = dnsFormats,
            Servers = servers,
            PolicyHostCname = policyHostCname,
            Now = context.Clock.GetUtcNow(),
        });

        // A file of yours in the output directory (MTASTS4006) is named as you would type it, like the files written.
        var diagnostics = plan.Diagnostics
            .Select(d => d.Descriptor == DiagnosticDescriptors.SiteFileNotServingPolicy && d.File is { } file && file.StartsWith(outputDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? d.WithFile(Under(outputArg, Path.GetRelativePath(outputDirectory, file).Replace(Path.DirectorySeparatorChar, '/')))
                : Relabel(d, configPath, configArg, idOverride))
            .ToList();
        reporter.Report(diagnostics);
        if (plan.Deployment is not { } deployment)
        {
            context.Error.WriteLine($"mta-sts generate: {Reporter.Count(diagnostics)}; nothing was written.");
            return ExitCodes.Invalid;
        }

        // Shown as the user would type them: relative to the output directory, or to the configuration for its state.
        string Display(GeneratedFile file) => file.Kind == GeneratedFileKind.IdState
            ? Path.Combine(Path.GetDirectoryName(configArg) ?? "", Path.GetFileName(file.Path))
            : Under(outputArg, Path.GetRelativePath(outputDirectory, file.Path).Replace(Path.DirectorySeparatorChar, '/'));
        foreach (var file in plan.Files)
        {
            try
            {
                reporter.Info($"{(AtomicFile.WriteIfChanged(file.Path, file.Content, file.Durable) ? "wrote" : "unchanged")} {Display(file)}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return reporter.Fail(DiagnosticMessages.Hosts.CannotWrite.Create(default, Display(file), null, Display(file), ex.Message));
            }
        }

        if (plan.IsMultiDomain)
        {
            PrintNextSteps(reporter, plan.Deployments, multiDomain: true, Under(outputArg, "<domain>/.well-known/mta-sts.txt"), RecordFiles(outputArg, dnsFormats, "<domain>"));
        }
        else
        {
            PrintNextSteps(reporter, [deployment], multiDomain: false, Display(plan.Files.First(f => f.Kind == GeneratedFileKind.Policy)), RecordFiles(outputArg, dnsFormats, deployment.PolicyDomain));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// What to publish, in the order RFC 8461 §8.1 asks for, in the words the zone snippet and the build use. The
    /// multi-domain form: each domain's policy in one line, then the same two steps for all of them.
    /// </summary>
    private static void PrintNextSteps(Reporter reporter, IReadOnlyList<Deployment> deployments, bool multiDomain, string policyDisplay, string zoneDisplay)
    {
        reporter.Info();
        foreach (var deployment in deployments)
        {
            reporter.Info((multiDomain ? deployment.UnicodeDomain + ": " : "") + RolloutSteps.Describe(deployment));
        }

        reporter.Info();
        reporter.Info($"1. {RolloutSteps.ServeLead}");
        foreach (var deployment in deployments)
        {
            reporter.Info($"     {deployment.PolicyUrl}");
        }

        var serve = multiDomain
            ? $"{RolloutSteps.ServeConditionsForEach} The files: {policyDisplay}"
            : $"{RolloutSteps.ServeConditions(deployments[0])} The file: {policyDisplay}";
        foreach (var line in RolloutSteps.Wrap(serve, 96))
        {
            reporter.Info("   " + line);
        }

        var prefix = "2. ";
        foreach (var line in RolloutSteps.Wrap($"{RolloutSteps.PublishLead} (also in {zoneDisplay}). {RolloutSteps.PublishWhy}", 96))
        {
            reporter.Info(prefix + line);
            prefix = "   ";
        }

        var records = deployments.SelectMany(d => RolloutSteps.Records(d).Select(r => (r.Name, r.Value, d.Ttl))).ToList();
        var width = records.Max(r => r.Name.Length);
        foreach (var (name, value, ttl) in records)
        {
            reporter.Info($"     {name.PadRight(width)}  {ttl.ToString(CultureInfo.InvariantCulture)}  IN TXT  {ZoneSnippetWriter.QuoteTxt(value)}");
        }
    }

    /// <summary>The files with the DNS records, as the user would type them: one per format, <c>&lt;domain&gt;</c> in the
    /// name of a per-domain format's file with several domains.</summary>
    private static string RecordFiles(string outputArg, string[] dnsFormats, string domain) =>
        string.Join(", ", DnsFormat.Parse(dnsFormats, new List<Diagnostic>()).Select(format => Under(outputArg, format.FileName(domain))));

    /// <summary>Diagnostics name the file as the user wrote it; a bad --id, --dns-format or --server names the option.</summary>
    private static Diagnostic Relabel(Diagnostic diagnostic, string configPath, string configArg, string? idOverride)
    {
        if (idOverride is not null && diagnostic.Field?.Key == ConfigField.Id && diagnostic.Span.IsNone)
        {
            return diagnostic.WithFile("--id");
        }

        if (diagnostic.Descriptor == DiagnosticDescriptors.UnknownDnsFormat)
        {
            return diagnostic.WithFile("--dns-format");
        }

        if (diagnostic.Descriptor == DiagnosticDescriptors.UnknownServer)
        {
            return diagnostic.WithFile("--server");
        }

        if (diagnostic.Descriptor == DiagnosticDescriptors.InvalidPolicyHostCname)
        {
            return diagnostic.WithFile("--policy-host-cname");
        }

        return diagnostic.File == configPath ? diagnostic.WithFile(configArg) : diagnostic;
    }

    private static string Under(string directory, string relative) =>
        directory is "." or "./" or "" ? relative : Path.Combine(directory, relative);
}
