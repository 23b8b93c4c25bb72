using System.CommandLine;

namespace MtaSts.Cli;

internal static class Arguments
{
    /// <summary>
    /// A file argument that rejects option-like values: System.CommandLine would otherwise take a mistyped option
    /// ('--ouput') for the file name and report a missing file instead of a usage error. A file whose name starts with
    /// '-' can still be given as './-name'.
    /// </summary>
    public static TArgument NotAnOption<TArgument>(this TArgument argument)
        where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        return argument;
    }
}
