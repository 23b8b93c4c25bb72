using System.CommandLine;

namespace MtaSts.Cli;

internal static class LintCommand
{
    public static (Command Command, string[] Examples) Create(CliContext context, Option<bool> quiet)
    {
        var command = new Command("lint", "Check a published policy file or TXT record value as an RFC 8461/8460 sender reads it.");
        return (command, ["mta-sts lint .well-known/mta-sts.txt"]);
    }
}
