using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Gives every request a correlation id (the client's <c>X-Correlation-Id</c> if it is plain and short,
/// otherwise a new one), echoes it in the response, opens a logging scope with it and passes it on
/// to grain calls through Orleans' RequestContext.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string ItemKey = "vp.correlation-id";

    public async Task InvokeAsync(HttpContext context)
    {
        string? presented = context.Request.Headers[CorrelationId.HeaderName];
        var id = CorrelationId.IsAcceptable(presented) ? presented! : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[CorrelationId.HeaderName] = id;
        RequestContext.Set(CorrelationId.RequestContextKey, id);
        System.Diagnostics.Activity.Current?.SetTag(VoicePlatform.Grains.Common.PlatformActivities.CorrelationIdTag, id);
        try
        {
            using (logger.BeginScope("CorrelationId:{CorrelationId}", id))
            {
                await next(context);
            }
        }
        finally
        {
            RequestContext.Remove(CorrelationId.RequestContextKey);
        }
    }

    public static string? Get(HttpContext context) => context.Items[ItemKey] as string;
}
