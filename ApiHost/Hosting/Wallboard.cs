using Microsoft.Extensions.FileProviders;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// The browser pages: the live wallboard at <c>/live</c> and the tenant console at <c>/app</c> (<see cref="ConsolePage"/>),
/// each a page, its stylesheet and one bundled script, built from <c>ApiHost/Web</c> by the project build (npm ci from the
/// committed lock file, then esbuild) into <c>wallboard/</c> beside the host's own assembly — found there wherever the host
/// is started from. The pages hold no data: they sign in and read everything through the public API and the live hub.
/// </summary>
public static class Wallboard
{
    public const string Path = "/live";

    /// <summary>
    /// Scripts, styles and fetches from this origin only; LiveKit's media server is elsewhere (wss:/https:, or ws:/http: for a development one, for its
    /// signalling, blob: for the call's audio); never framed by another site.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self' ws: wss: http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "wallboard");

    public static WebApplication UseWallboard(this WebApplication app)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            foreach (var path in new[] { Path, ConsolePage.Path })
                app.MapGet(path, () => TypedResults.Problem(
                        "The web pages were not built: build ApiHost with Node.js and npm installed (the build runs npm ci and esbuild in ApiHost/Web).",
                        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Web pages not built"))
                    .AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(Directory);
        foreach (var path in new[] { Path, ConsolePage.Path })
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = path,
                OnPrepareResponse = context =>
                {
                    context.Context.Response.Headers.CacheControl = "no-cache";
                    context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                },
            });
        MapPage(app, Path, "index.html");
        MapPage(app, ConsolePage.Path, ConsolePage.File);
        return app;
    }

    private static void MapPage(WebApplication app, string path, string file)
    {
        var page = System.IO.Path.Combine(Directory, file);
        app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers.CacheControl = "no-cache";
                return TypedResults.PhysicalFile(page, "text/html; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();
    }
}
