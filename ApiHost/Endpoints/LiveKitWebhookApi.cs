using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;

using VoicePlatform.ApiHost.Http;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// LiveKit's webhooks. Anonymous, because LiveKit signs instead: the JWT in <c>Authorization</c> must verify and
/// carry the SHA-256 of the exact body bytes, so the raw body is read (bounded) before anything is parsed. Events
/// of rooms that are not a call's (<see cref="CallRoomName"/>) and of hidden participants are acknowledged and ignored.
/// </summary>
public static class LiveKitWebhookApi
{
    /// <summary>LiveKit's webhooks are a few kilobytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly HashSet<string> CallEvents =
        ["participant_joined", "participant_left", "participant_connection_aborted", "room_started", "room_finished", "egress_ended"];

    public static IEndpointRouteBuilder MapLiveKitWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/livekit/webhook", ReceiveWebhookAsync).AllowAnonymous().WithTags("LiveKit")
            .WithMetadata(new RawBodyMetadata()).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ReceiveWebhookAsync(HttpContext http, IGrainFactory grains, IServiceProvider services, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger(typeof(LiveKitWebhookApi));
        if (services.GetService<LiveKitWebhookVerifier>() is not { } verifier)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "LiveKit is not configured",
                detail: "Without LiveKit:ApiKey and LiveKit:ApiSecret no webhook can be verified.");

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook too large", detail: $"At most {MaxBodyBytes} bytes.");

        var verification = verifier.Verify(body, http.Request.Headers.Authorization.ToString());
        if (!verification.IsValid)
        {
            logger.LogWarning("Refused a LiveKit webhook: {Reason}", verification.FailureReason);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Webhook not verified", detail: verification.FailureReason);
        }

        var webhook = verification.Event!;
        // egress_ended names its room in the egress info; the other events in the room.
        var roomName = webhook.Room?.Name ?? webhook.EgressInfo?.RoomName;
        if (!CallEvents.Contains(webhook.Event) || !CallRoomName.TryParse(roomName, out var tenant, out var call) || webhook.Participant?.Permission?.Hidden == true)
            return TypedResults.Ok();
        if (string.IsNullOrEmpty(webhook.Id))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook without id", detail: "LiveKit webhooks carry an id (EV_…).");

        await grains.GetCall(tenant, call).OnLiveKitEventAsync(new LiveKitCallEvent
        {
            EventId = webhook.Id,
            Event = webhook.Event,
            ParticipantIdentity = webhook.Participant?.Identity,
            ParticipantKind = webhook.Participant?.Kind,
            DisconnectReason = webhook.Participant?.DisconnectReason,
            SipCallStatus = webhook.Participant?.SipCallStatus,
            EgressId = webhook.EgressInfo?.EgressId,
            EgressStatus = webhook.EgressInfo?.Status,
            RecordingLocation = webhook.EgressInfo?.FileResults.Select(f => string.IsNullOrEmpty(f.Location) ? f.Filename : f.Location).FirstOrDefault(),
            RecordingDurationMs = (webhook.EgressInfo?.FileResults.Select(f => f.Duration).FirstOrDefault() ?? 0) / 1_000_000,
            EgressError = string.IsNullOrEmpty(webhook.EgressInfo?.Error) ? null : webhook.EgressInfo.Error,
        });
        return TypedResults.Ok();
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
