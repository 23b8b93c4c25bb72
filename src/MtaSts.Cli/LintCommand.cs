using System.CommandLine;
using MtaSts.Configuration;
using MtaSts.Diagnostics;
using MtaSts.Lint;

namespace MtaSts.Cli;

/// <summary>
/// <c>mta-sts lint</c>: checks what is published, as a sender reads it: a policy file (its exact bytes, so line endings
/// and a BOM are seen), an <c>_mta-sts</c> TXT value (RFC 8461 §3.1) or an <c>_smtp._tls</c> TXT value (RFC 8460 §3).
/// Prints each diagnostic and the linter's verdict; exit 1 when any of them is invalid.
/// </summary>
internal static class LintCommand
{
    /// <summary>Pseudo-file names for record values, so their diagnostics still read <c>name(1,col): error …</c>.</summary>
    public const string StsRecordLabel = "_mta-sts TXT";

    public const string TlsRptRecordLabel = "_smtp._tls TXT";

    private const string StdinLabel = "stdin";

    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var file = new Argument<string?>("file")
        {
            Description = "A policy file as served at /.well-known/mta-sts.txt ('-' reads standard input).",
            Arity = ArgumentArity.ZeroOrOne,
        }.NotAnOption();
        var txt = new Option<string?>("--txt")
        {
            Description = "An _mta-sts TXT record value, e.g. \"v=STSv1; id=20260101T000000Z;\".",
            HelpName = "value",
        };
        var tlsRpt = new Option<string?>("--tlsrpt")
        {
            Description = "An _smtp._tls TXT record value, e.g. \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\".",
            HelpName = "value",
        };

        var command = new Command("lint", "Check a published policy file or TXT record value the way RFC 8461/8460 senders read it.")
        {
            file, txt, tlsRpt,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(file) is null && result.GetResult(txt) is null && result.GetResult(tlsRpt) is null)
            {
                result.AddError("Give a policy FILE, --txt \"v=STSv1; id=...;\" or --tlsrpt \"v=TLSRPTv1; rua=...\" to lint.");
            }
        });
        command.SetAction(parse => Run(
            new Reporter(context, parse.GetValue(quiet)),
            parse.GetValue(file),
            parse.GetValue(txt),
            parse.GetValue(tlsRpt)));

        return (command,
        [
            "mta-sts lint .well-known/mta-sts.txt",
            "curl -s https://mta-sts.example.com/.well-known/mta-sts.txt | mta-sts lint -",
            "mta-sts lint --txt \"v=STSv1; id=20260101T000000Z;\"",
            "mta-sts lint --tlsrpt \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\"",
        ]);
    }

    private static int Run(Reporter reporter, string? file, string? txt, string? tlsRpt)
    {
        var valid = true;
        if (file is not null)
        {
            var label = file == "-" ? StdinLabel : file;
            if (ReadPolicy(reporter.Context, file, label, out var bytes) is { } problem)
            {
                reporter.Report(problem);
                valid = false;
            }
            else
            {
                var result = PolicyLinter.Lint(bytes, label);
                valid &= Print(reporter, label, result.Diagnostics, result.Verdict);
            }
        }

        if (txt is not null)
        {
            var result = StsRecordLinter.Lint(txt, StsRecordLabel);
            valid &= Print(reporter, StsRecordLabel, result.Diagnostics, result.Verdict);
        }

        if (tlsRpt is not null)
        {
            var result = TlsRptRecordLinter.Lint(tlsRpt, TlsRptRecordLabel);
            valid &= Print(reporter, TlsRptRecordLabel, result.Diagnostics, result.Verdict);
        }

        return valid ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static bool Print(Reporter reporter, string label, IReadOnlyList<Diagnostic> diagnostics, string verdict)
    {
        reporter.Report(diagnostics);
        var valid = !diagnostics.Any(d => d.IsError);
        var warnings = diagnostics.Count(d => !d.IsError);
        var summary = !valid ? "invalid, " + Reporter.Count(diagnostics)
            : warnings == 0 ? "valid"
            : $"valid, {warnings} warning{(warnings == 1 ? "" : "s")}";
        reporter.Info($"{label}: {summary}. {verdict}");
        return valid;
    }

    /// <summary>The file's bytes exactly as stored; a missing, unreadable or implausibly large file is one diagnostic.</summary>
    private static Diagnostic? ReadPolicy(CliContext context, string file, string label, out byte[] bytes)
    {
        bytes = [];
        try
        {
            if (file == "-")
            {
                using var input = context.OpenInput();
                return ReadCapped(input, label, out bytes);
            }

            var path = context.Resolve(file);
            if (!File.Exists(path))
            {
                return (Directory.Exists(path) ? DiagnosticMessages.Hosts.PolicyFileIsDirectory : DiagnosticMessages.Hosts.PolicyFileNotFound)
                    .Create(default, label, null, file);
            }

            using var stream = File.OpenRead(path);
            return ReadCapped(stream, label, out bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DiagnosticMessages.Hosts.PolicyFileUnreadable.Create(default, label, null, file, ex.Message);
        }
    }

    /// <summary>Policies are a few hundred bytes; senders stop at about 64 KB (RFC 8461 §3.3). Read at most 1 MiB.</summary>
    private static Diagnostic? ReadCapped(Stream stream, string label, out byte[] bytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ConfigReader.MaxFileBytes)
            {
                bytes = [];
                return DiagnosticMessages.Hosts.PolicyInputTooLarge.Create(default, label, null, ConfigReader.MaxFileBytes);
            }
        }

        bytes = buffer.ToArray();
        return null;
    }
}
