using System.Net;
using Contoso.Web;

var builder = WebApplication.CreateBuilder(args);
// The policy of mta-sts.yaml (MtaSts.Build generates AddMtaSts() from it), for MapMtaStsPolicy() below.
builder.Services.AddMtaSts();
// TLS-RPT reports posted to https://www.contoso.example/tlsrpt (tls_rpt.rua in mta-sts.yaml), kept in tlsrpt-reports/.
builder.Services.AddTlsRptReceiver();
// Is what senders see now what this build serves? The live TXT id, the policy fetched over HTTPS, MX coverage, the
// certificate's expiry (MtaSts.AspNetCore.HealthChecks; docs/health-checks.md). Tagged: not for liveness probes.
builder.Services.AddHealthChecks().AddMtaSts(tags: ["mail"]);
var app = builder.Build();

// wwwroot, including the generated .well-known/mta-sts.txt (served as text/plain for every host).
app.MapStaticAssets();

// GET/HEAD https://mta-sts.contoso.example/.well-known/mta-sts.txt: 200, text/plain, the exact policy bytes, no redirect
// (RFC 8461 section 3.3), in front of everything else the app does. Other hosts fall through to the routes below.
app.MapMtaStsPolicy();

// POST /tlsrpt: senders' TLS-RPT reports for contoso.example (RFC 8460 section 5.4); read them with
// `mta-sts reports tlsrpt-reports --config mta-sts.yaml`.
app.MapTlsRptReports();
// 200 Healthy / 200 Degraded / 503 Unhealthy, for monitoring.
app.MapHealthChecks("/healthz/mail", new() { Predicate = check => check.Tags.Contains("mail") });

// The home page shows what to publish, from the generated MtaStsPolicy class.
app.MapGet("/", () => Results.Content(HomePage(), "text/html; charset=utf-8"));

app.Run();

static string HomePage()
{
    static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
    var mx = string.Join("", MtaStsPolicy.MxPatterns.Select(pattern => $"<li><code>{E(pattern)}</code></li>"));
    var tlsRpt = MtaStsPolicy.TlsRptRecordName is null
        ? ""
        : $"<tr><td><code>{E(MtaStsPolicy.TlsRptRecordName)}</code></td><td><code>\"{E(MtaStsPolicy.TlsRptRecordValue)}\"</code></td></tr>";
    return $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Contoso mail security</title><link rel="stylesheet" href="/css/site.css"></head>
        <body>
        <h1>Contoso mail security</h1>
        <p>{E(MtaStsPolicy.Domain)} publishes an MTA-STS policy in mode <strong>{E(MtaStsPolicy.Mode)}</strong>
        at <a href="{E(MtaStsPolicy.PolicyUrl)}">{E(MtaStsPolicy.PolicyUrl)}</a>. Mail for it is delivered only to:</p>
        <ul>{mx}</ul>
        <h2>DNS records (TTL {MtaStsPolicy.Ttl})</h2>
        <table>
        <tr><td><code>{E(MtaStsPolicy.StsRecordName)}</code></td><td><code>"{E(MtaStsPolicy.StsRecordValue)}"</code></td></tr>
        {tlsRpt}
        </table>
        <h2>Policy file</h2>
        <pre>{E(MtaStsPolicy.Text)}</pre>
        </body>
        </html>
        """;
}
