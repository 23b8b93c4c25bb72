using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using MtaSts.Diagnostics;

namespace MtaSts.Cli;

/// <summary>
/// The <c>mta-sts</c> command line: <c>init</c>, <c>generate</c>, <c>lint</c>, <c>check</c> and <c>reports</c>. <see cref="Run(string[], CliContext)"/>
/// is the whole program, callable in-process with captured output.
/// </summary>
public static class MtaStsCli
{
    /// <summary>Runs with the process console and current directory.</summary>
    public static int Run(string[] args) => Run(args, CliContext.FromConsole());

    /// <summary>Parses and runs one command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        var root = CreateRootCommand(context);

        // Bare 'mta-sts' shows the help, but is still not a command that did anything.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Action is ParseErrorAction)
        {
            ReportUsageErrors(parse, context);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            var code = parse.Invoke(invocation);
            return args.Length == 0 ? ExitCodes.Usage : code;
        }
        catch (Exception ex)
        {
            // A bug, not a user mistake: still one line in the canonical form, no stack trace.
            context.Error.WriteLine(DiagnosticMessages.Hosts.CliFailed.Create(default, null, null, ex.GetType().Name, ex.Message).ToString());
            return ExitCodes.Invalid;
        }
        finally
        {
            context.Out.Flush();
            context.Error.Flush();
        }
    }

    /// <summary>
    /// The parse errors, a "did you mean" for a clipped command or option name, and where to get help; not the whole
    /// help text, which would bury the error. Exit code 2 (System.CommandLine's own handler would exit 1, which here
    /// means invalid input).
    /// </summary>
    private static void ReportUsageErrors(ParseResult parse, CliContext context)
    {
        foreach (var message in parse.Errors.Select(e => e.Message).Distinct())
        {
            context.Error.WriteLine("mta-sts: " + message);
        }

        var command = parse.CommandResult.Command;
        var names = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive))).Select(o => o.Name))
            .ToList();
        foreach (var token in parse.UnmatchedTokens.Distinct())
        {
            var candidates = names.Where(n => token.Length >= 2 && n.StartsWith(token, StringComparison.Ordinal) && n != token).ToList();
            if (candidates.Count == 1)
            {
                context.Error.WriteLine($"mta-sts: did you mean '{candidates[0]}'?");
            }
        }

        var path = string.Join(" ", command.Parents.OfType<Command>().Reverse().Select(c => c.Name).Append(command.Name).Skip(1).Prepend("mta-sts"));
        context.Error.WriteLine($"Run '{path} --help' for usage.");
    }

    internal static RootCommand CreateRootCommand(CliContext context)
    {
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print only diagnostics (errors and warnings), no other output.",
            Recursive = true,
        };

        var root = new RootCommand(
            "Generate and check MTA-STS (RFC 8461) policies and TLS-RPT (RFC 8460) records from one mta-sts.yaml.");
        root.HelpName = "mta-sts";
        root.Options.Add(quiet);

        var examples = new Dictionary<Command, string[]>
        {
            [root] =
            [
                "mta-sts init --domain example.com --mx mx1.example.com --mx \"*.mail.example.com\" --rua mailto:tlsrpt@example.com",
                "mta-sts generate",
                "mta-sts lint .well-known/mta-sts.txt",
                "mta-sts check example.com --config mta-sts.yaml",
                "mta-sts reports ~/Maildir/.tlsrpt/ --config mta-sts.yaml",
            ],
        };

        foreach (var (command, commandExamples) in new[]
                 {
                     InitCommand.Create(context, quiet),
                     GenerateCommand.Create(context, quiet),
                     LintCommand.Create(context, quiet),
                     CheckCommand.Create(context, quiet),
                     ReportsCommand.Create(context, quiet),
                 })
        {
            root.Subcommands.Add(command);
            examples[command] = commandExamples;
        }

        AddExamplesToHelp(root, examples);
        return root;
    }

    /// <summary>Appends an "Examples:" section to the help of every command.</summary>
    private static void AddExamplesToHelp(RootCommand root, Dictionary<Command, string[]> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithExamples(standard, examples);
        }
    }

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction standard, Dictionary<Command, string[]> examples) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = standard.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                {
                    output.WriteLine("  " + line);
                }

                output.WriteLine();
            }

            return code;
        }
    }
}
