using System.CommandLine;
using System.Globalization;
using System.Text;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Dns;
using MtaSts.Output;
using MtaSts.Policy;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts generate</c>: mta-sts.yaml → <c>DIR/.well-known/mta-sts.txt</c> and <c>DIR/&lt;domain&gt;.zone</c>, each
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
            Description = "The directory to write .well-known/mta-sts.txt and <domain>.zone into.",
            DefaultValueFactory = _ => ".",
            HelpName = "dir",
        };
        var id = new Option<string?>("--id")
        {
            Description = "Override the configured id: auto, timestamp, or 1-32 letters and digits.",
        };

        var command = new Command("generate", "Write the policy file and the DNS zone snippet from mta-sts.yaml, and print the records to publish.")
        {
            config, output, id,
        };
        command.SetAction(parse => Run(
            new Reporter(context, parse.GetValue(quiet)),
            parse.GetValue(config)!,
            parse.GetValue(output)!,
            parse.GetValue(id)));

        return (command,
        [
            "mta-sts generate",
            "mta-sts generate site/mta-sts.yaml --output site/wwwroot",
            "mta-sts generate --id 20260101T000000Z",
        ]);
    }

    private static int Run(Reporter reporter, string configArg, string outputArg, string? idOverride)
    {
        var context = reporter.Context;
        var configPath = context.Resolve(configArg);
        var document = ConfigReader.ReadFile(configPath);
        var options = new ValidationOptions { Now = context.Clock.GetUtcNow(), IdOverride = idOverride };
        var result = PolicyCompiler.Compile(document, options);

        string? policyPath = null, zonePath = null;
        if (result.Deployment is { } first)
        {
            var outputDirectory = context.Resolve(outputArg);
            policyPath = Path.Combine(outputDirectory, ".well-known", "mta-sts.txt");
            zonePath = Path.Combine(outputDirectory, first.PolicyDomain + ".zone");

            // id: timestamp keeps its value while the policy text is unchanged; the last outputs say what that was.
            var (previousText, previousId) = ZoneSnippetWriter.ReadPrevious(TryReadText(zonePath), TryReadText(policyPath));
            if (previousText is not null && previousId is not null)
            {
                result = PolicyCompiler.Compile(document, options with { PreviousPolicyText = previousText, PreviousPolicyId = previousId });
            }
        }

        var diagnostics = result.Diagnostics.Select(d => Relabel(d, configPath, configArg, idOverride)).ToList();
        reporter.Report(diagnostics);
        if (result.Deployment is not { } deployment || policyPath is null || zonePath is null)
        {
            context.Error.WriteLine($"mta-sts generate: {Reporter.Count(diagnostics)}; nothing was written.");
            return ExitCodes.Invalid;
        }

        var policyDisplay = Display(outputArg, ".well-known/mta-sts.txt");
        var zoneDisplay = Display(outputArg, deployment.PolicyDomain + ".zone");
        var zoneText = ZoneSnippetWriter.Write(deployment, Path.GetFileName(configPath));
        foreach (var (path, display, bytes) in new[]
                 {
                     (policyPath, policyDisplay, deployment.Policy.ToBytes()),
                     (zonePath, zoneDisplay, Encoding.ASCII.GetBytes(zoneText)),
                 })
        {
            try
            {
                reporter.Info($"{(AtomicFile.WriteIfChanged(path, bytes) ? "wrote" : "unchanged")} {display}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return reporter.Fail(DiagnosticDescriptors.OutputWriteFailed.Create($"Cannot write '{display}': {ex.Message}", file: display));
            }
        }

        PrintNextSteps(reporter, deployment, policyDisplay, zoneDisplay);
        return ExitCodes.Success;
    }

    /// <summary>What to publish, in the order RFC 8461 §8.1 asks for: the policy first, then the TXT records.</summary>
    private static void PrintNextSteps(Reporter reporter, Deployment deployment, string policyDisplay, string zoneDisplay)
    {
        var policy = deployment.Policy;
        reporter.Info();
        reporter.Info($"Policy id {deployment.PolicyId}: mode {policy.Mode.ToKeyword()}, {policy.Mx.Count} mx pattern{(policy.Mx.Count == 1 ? "" : "s")}, max_age {policy.MaxAge.ToString(CultureInfo.InvariantCulture)}.");
        reporter.Info();
        reporter.Info($"1. Serve {policyDisplay} at");
        reporter.Info($"     {deployment.PolicyUrl}");
        reporter.Info($"   with status 200, Content-Type text/plain, no redirect, and a certificate valid for {deployment.PolicyHost}.");
        reporter.Info($"2. Then publish these DNS records (also in {zoneDisplay}):");
        var records = new List<(string Name, string Value)> { (deployment.StsRecordName + ".", deployment.StsRecord.Value) };
        if (deployment.TlsRptRecord is { } tlsRpt)
        {
            records.Add((deployment.TlsRptRecordName + ".", tlsRpt.Value));
        }

        var width = records.Max(r => r.Name.Length);
        var ttl = deployment.Ttl.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in records)
        {
            reporter.Info($"     {name.PadRight(width)}  {ttl}  IN TXT  {ZoneSnippetWriter.QuoteTxt(value)}");
        }
    }

    /// <summary>Diagnostics name the file as the user wrote it; a bad --id names the option.</summary>
    private static Diagnostic Relabel(Diagnostic diagnostic, string configPath, string configArg, string? idOverride)
    {
        if (idOverride is not null && diagnostic.Field?.Key == ConfigField.Id && diagnostic.Span.IsNone)
        {
            return diagnostic.WithFile("--id");
        }

        return diagnostic.File == configPath ? diagnostic.WithFile(configArg) : diagnostic;
    }

    private static string Display(string directory, string relative) =>
        directory is "." or "./" or "" ? relative : Path.Combine(directory, relative);

    /// <summary>A previous output, or null when there is none (or it cannot be read; writing it will then report why).</summary>
    private static string? TryReadText(string path)
    {
        try
        {
            return File.Exists(path) ? Encoding.ASCII.GetString(File.ReadAllBytes(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
