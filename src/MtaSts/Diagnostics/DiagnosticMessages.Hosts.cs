using System.Runtime.CompilerServices;
using static MtaSts.Diagnostics.DiagnosticDescriptors;

namespace MtaSts.Diagnostics;

public static partial class DiagnosticMessages
{
    /// <summary>
    /// What the hosts report themselves, about their own inputs and outputs rather than about mta-sts.yaml or a
    /// deployment: the MSBuild task (MtaSts.Build), the command line (MtaSts.Cli) and the targets file. The web page
    /// reports only codes with words elsewhere in the table (MTASTS7190 with <see cref="Value"/>'s).
    /// </summary>
    public static class Hosts
    {
        internal static readonly List<DiagnosticMessage> All = [];

        private static DiagnosticMessage Message(DiagnosticDescriptor descriptor, string format, [CallerMemberName] string name = "") =>
            Entry(All, [descriptor], format, name, "");

        // MTASTS1001-1003: mta-sts lint's policy file (mta-sts.txt, or '-' for stdin). {0}: the file as given; in
        // PolicyFileUnreadable {1}: why the system refused it; in PolicyInputTooLarge {0}: the limit in bytes.
        public static readonly DiagnosticMessage PolicyFileNotFound = Message(ConfigFileNotFound,
            "The policy file '{0}' does not exist.");
        public static readonly DiagnosticMessage PolicyFileIsDirectory = Message(ConfigFileNotFound,
            "'{0}' is a directory; give the policy file itself.");
        public static readonly DiagnosticMessage PolicyFileUnreadable = Message(ConfigFileUnreadable,
            "The policy file '{0}' cannot be read: {1}");
        public static readonly DiagnosticMessage PolicyInputTooLarge = Message(ConfigFileTooLarge,
            "The input is larger than {0:N0} bytes; an MTA-STS policy is a few hundred. Check that this is the policy file.");

        // MTASTS1006: the package is referenced but there is no mta-sts.yaml, so no task runs. The targets file
        // (MtaSts.Build.targets, _MtaStsWarnNoConfig) holds these words with $(_MtaStsConfigFullPath) for {0}, as MSBuild
        // reports them without running code; a test holds the two equal. {0}: the full path of the missing file.
        public static readonly DiagnosticMessage NoConfig = Message(NoConfigFile,
            "No MTA-STS configuration: '{0}' does not exist, so nothing is generated. Create it (mta-sts init --domain example.com --mx mail.example.com), point MtaStsConfigFile at it, or set MtaStsEnabled=false.");

        // MTASTS1007: mta-sts init without --force. {0}: the file as given.
        public static readonly DiagnosticMessage InitFileExists = Message(OutputFileExists,
            "'{0}' already exists and was left as it is. Add --force to replace it, or write elsewhere with --output.");

        // MTASTS4001. {0}: the file (the build's full path; the command line's as given); {1}: why the system refused.
        public static readonly DiagnosticMessage BuildCannotWrite = Message(OutputWriteFailed,
            "The file '{0}' cannot be written: {1}");
        public static readonly DiagnosticMessage BuildCannotDeleteStale = Message(OutputWriteFailed,
            "The file '{0}', written by an earlier build, cannot be deleted: {1}");
        public static readonly DiagnosticMessage CannotWrite = Message(OutputWriteFailed,
            "Cannot write '{0}': {1}");

        // MTASTS4002. {0}: MtaSts.Build's version; {1}: the MtaSts.AspNetCore version the project references.
        public static readonly DiagnosticMessage RuntimeLibraryVersion = Message(RuntimeLibraryVersionMismatch,
            "MtaSts.Build {0} generates code for MtaSts.AspNetCore {0}, but the project references MtaSts.AspNetCore {1}. Use one version of both: reference only MtaSts.AspNetCore (it brings the MtaSts.Build of its version), or update both to the same version (dotnet add package MtaSts.AspNetCore --version {0}).");

        // MTASTS9001: a bug, not a user mistake. In BuildFailed {0}: the exception with its stack trace, for the report;
        // in CliFailed (one line, no stack trace) {0}: the exception's type name; {1}: its message.
        public static readonly DiagnosticMessage BuildFailed = Message(InternalError,
            "MtaSts.Build failed unexpectedly; please report this with the text below. {0}");
        public static readonly DiagnosticMessage CliFailed = Message(InternalError,
            "Unexpected {0}: {1} Please report this at https://github.com/mtasts-build/MtaSts.Build/issues.");
    }
}
