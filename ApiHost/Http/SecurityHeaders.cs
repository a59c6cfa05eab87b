namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Headers every answer carries: no content-type sniffing, no referrer leaking a URL, never framed by another site, a
/// window of its own, and no camera or location (the microphone only for this origin: a supervisor barging in speaks).
/// Pages add their own Content-Security-Policy (the wallboard's is strict). HSTS is added outside development.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
