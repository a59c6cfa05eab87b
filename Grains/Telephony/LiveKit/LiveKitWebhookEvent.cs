using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// A LiveKit <c>WebhookEvent</c>. Deliveries are retried, so de-duplicate on <see cref="Id"/>. Which of
/// <see cref="Room"/>, <see cref="Participant"/> and <see cref="EgressInfo"/> are set depends on <see cref="Event"/>.
/// </summary>
public sealed record LiveKitWebhookEvent
{
    /// <summary><c>room_started</c>, <c>participant_joined</c>, <c>participant_left</c>, <c>egress_ended</c>...</summary>
    public string Event { get; init; } = "";
    public LiveKitRoom? Room { get; init; }
    public LiveKitParticipantInfo? Participant { get; init; }
    public LiveKitEgressInfo? EgressInfo { get; init; }

    /// <summary><c>EV_...</c></summary>
    public string Id { get; init; } = "";

    /// <summary>Unix seconds; sent as a string, accepted as a number too.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreatedAt { get; init; }

    /// <summary>On <c>room_finished</c> from newer servers (ROOM_END_API_DELETE, ROOM_END_IDLE_TIMEOUT...).</summary>
    public string RoomEndReason { get; init; } = "";
}
