namespace MtaSts.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>The input is invalid (a diagnostic with severity error was printed) or an output could not be written.</summary>
    public const int Invalid = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing required option, bad value type.</summary>
    public const int Usage = 2;
}
