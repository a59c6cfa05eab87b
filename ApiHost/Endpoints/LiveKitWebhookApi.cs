using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// LiveKit's webhooks. Anonymous, because LiveKit signs instead: the signature covers the exact body bytes, so the raw
/// body is read (bounded) and handed, unparsed, to the <see cref="ILiveKitWebhookReceiver"/>.
/// </summary>
public static class LiveKitWebhookApi
{
    /// <summary>LiveKit's webhooks are a few kilobytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapLiveKitWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ILiveKitWebhookReceiver.Path, ReceiveWebhookAsync).AllowAnonymous().WithTags("LiveKit")
            .WithMetadata(new RawBodyMetadata()).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok, ProblemHttpResult>> ReceiveWebhookAsync(HttpContext http, ILiveKitWebhookReceiver receiver)
    {
        if (await ReadBodyAsync(http.Request, http.RequestAborted) is not { } body)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook too large", detail: $"At most {MaxBodyBytes} bytes.");
        var receipt = await receiver.ReceiveAsync(body, http.Request.Headers.Authorization.ToString());
        return receipt.Outcome switch
        {
            LiveKitWebhookOutcome.Delivered or LiveKitWebhookOutcome.Ignored => TypedResults.Ok(),
            LiveKitWebhookOutcome.NotConfigured => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "LiveKit is not configured", detail: receipt.Detail),
            LiveKitWebhookOutcome.NotVerified => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Webhook not verified", detail: receipt.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook without id", detail: receipt.Detail),
        };
    }

    /// <summary>The raw bytes, or null when the body is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
