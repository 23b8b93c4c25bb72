namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>Program.cs files of the test sites, as a user would write them.</summary>
public static class Programs
{
    /// <summary>The `dotnet new web` shape with static assets and the policy endpoint.</summary>
    public static string MapStaticAssets(string siteName) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMtaSts();
        var app = builder.Build();

        app.MapStaticAssets();
        app.MapMtaStsPolicy();
        app.MapGet("/", () => "{{siteName}}");

        app.Run();

        """;

    /// <summary>
    /// One build, many sites: settings on the command line pick, at start-up, how static files are served
    /// (<c>--Serve=MapStaticAssets|UseStaticFiles|Nothing</c>), whether the app calls MapMtaStsPolicy (<c>--Map=false</c>
    /// leaves it out), an authorization fallback policy that challenges with a login redirect (<c>--Auth=Required</c>, as
    /// the Identity templates have) and response compression for text/plain (<c>--Compress=true</c>).
    /// </summary>
    public static string ChoosableStaticFiles(string siteName) => $$"""
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Authorization;

        var builder = WebApplication.CreateBuilder(args);
        var requireLogin = builder.Configuration["Auth"] == "Required";
        var compress = builder.Configuration["Compress"] == "true";
        if (requireLogin)
        {
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        if (compress)
        {
            builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        }

        builder.Services.AddMtaSts();
        var app = builder.Build();
        if (compress)
        {
            app.UseResponseCompression();
        }

        switch (app.Configuration["Serve"])
        {
            case "MapStaticAssets":
                app.MapStaticAssets();
                break;
            case "UseStaticFiles":
                app.UseStaticFiles();
                break;
            case "Nothing":
                break;
            default:
                throw new InvalidOperationException("Start with --Serve=MapStaticAssets, UseStaticFiles or Nothing.");
        }

        if (requireLogin)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (app.Configuration["Map"] != "false")
        {
            app.MapMtaStsPolicy();
        }

        app.MapGet("/", () => "{{siteName}}");
        // The generated policy data, in the project's root namespace.
        app.MapGet("/policy-id", () => {{siteName}}.MtaStsPolicy.Id);
        // A log line on request: the console logger writes in order, so once it shows, every earlier line has too.
        app.MapGet("/log-mark", (ILogger<Program> log) => { log.LogWarning("log mark"); return "ok"; });

        app.Run();

        """;
}
