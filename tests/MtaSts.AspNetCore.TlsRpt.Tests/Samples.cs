using System.IO.Compression;
using MtaSts.Policy;
using MtaSts.Reporting;

namespace MtaSts.AspNetCore.TlsRpt.Tests;

/// <summary>The real senders' report bodies (JSON and gzip; the e-mail ones are not what an HTTPS sender posts).</summary>
internal static class Samples
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary>Every real sender's body: the top level, the ones from issue threads and the unattributed ones.</summary>
    public static IReadOnlyList<string> Bodies { get; } =
    [
        .. Directory.EnumerateFiles(Folder, "*.json").Concat(Directory.EnumerateFiles(Folder, "*.json.gz"))
            .Concat(Directory.EnumerateFiles(Path.Combine(Folder, "from-issues"), "*.json"))
            .Concat(Directory.EnumerateFiles(Path.Combine(Folder, "unattributed"), "*.json"))
            .Order(StringComparer.Ordinal),
    ];

    public static TlsRptReport Parse(string path) =>
        ReportDecoder.Decode(File.OpenRead(path), path).Report ?? throw new InvalidOperationException($"{path} is not a report.");

    /// <summary>A site serving a policy for every Policy Domain the samples name.</summary>
    public static IReadOnlyList<ServedPolicy> PoliciesForAllSamples() =>
    [
        .. Bodies.SelectMany(path => Parse(path).Policies)
            .Select(p => p.PolicyDomain is null ? null : PolicyDomain.Parse(p.PolicyDomain).Value)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(Policy),
    ];

    public static ServedPolicy Policy(string domain) =>
        new(domain, "mta-sts." + domain, "20261206T000000Z", $"version: STSv1\r\nmode: testing\r\nmx: *.{domain}\r\nmax_age: 86400\r\n");

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>A minimal valid report.</summary>
    public static byte[] Report(string domain, string id, string org = "Example Org", long ok = 5, string failures = "") =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"organization-name":"{{org}}","date-range":{"start-datetime":"2026-12-01T00:00:00Z","end-datetime":"2026-12-01T23:59:59Z"},"contact-info":"tlsrpt@example.org","report-id":"{{id}}","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: *.{{domain}}","max_age: 86400"],"policy-domain":"{{domain}}"},"summary":{"total-successful-session-count":{{ok}},"total-failure-session-count":{{(failures.Length == 0 ? 0 : 3)}}}{{(failures.Length == 0 ? "" : ",\"failure-details\":[" + failures + "]")}}}]}""");
}
