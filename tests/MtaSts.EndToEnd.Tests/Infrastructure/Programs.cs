namespace MtaSts.EndToEnd.Tests.Infrastructure;

/// <summary>Program.cs files of the test sites, as a user would write them.</summary>
public static class Programs
{
    /// <summary>The `dotnet new web` shape with static assets and the policy endpoint.</summary>
    public static string MapStaticAssets(string siteName) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

        app.MapStaticAssets();
        app.MapMtaStsPolicy();
        app.MapGet("/", () => "{{siteName}}");

        app.Run();

        """;

    /// <summary>
    /// One build, every way of serving static files: the <c>Serve</c> setting (<c>--Serve=…</c> on the command line)
    /// picks MapStaticAssets, UseStaticFiles or none at start-up.
    /// </summary>
    public static string ChoosableStaticFiles(string siteName) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

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

        app.MapMtaStsPolicy();
        app.MapGet("/", () => "{{siteName}}");
        // The generated policy data, in the project's root namespace.
        app.MapGet("/policy-id", () => {{siteName}}.MtaStsPolicy.Id);

        app.Run();

        """;
}
