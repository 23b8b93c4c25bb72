using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace MtaSts.Web;

/// <summary>
/// Builds the generator app. <c>Program</c> runs it; the tests host the same app in-process on a loopback port.
/// </summary>
public static class WebGeneratorApp
{
    /// <summary>Where the embedded CSS and script are served.</summary>
    public const string AssetsPath = "/assets";

    /// <summary>
    /// Only this app's own files: no CDN, no inline script or style, no framing, forms post back to this origin.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var assembly = typeof(WebGeneratorApp).Assembly;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The Razor pages are compiled into this assembly; naming it lets a host (the tests) other than
            // MtaSts.Web.dll find them.
            ApplicationName = assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddRazorPages();
        builder.Services.TryAddSingleton(TimeProvider.System);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(assembly, "MtaSts.Web.Assets"),
            RequestPath = AssetsPath,
        });
        app.UseRouting();
        app.MapRazorPages();
        return app;
    }
}
