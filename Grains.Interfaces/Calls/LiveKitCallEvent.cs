namespace VoicePlatform.Calls;

/// <summary>A verified LiveKit webhook about a call's room, reduced to what the call needs.</summary>
[GenerateSerializer, Immutable, Alias("vp.LiveKitCallEvent")]
public sealed record LiveKitCallEvent
{
    /// <summary>LiveKit's event id (<c>EV_…</c>); deliveries repeat, so the call de-duplicates on it.</summary>
    [Id(0)] public required string EventId { get; init; }
    /// <summary>participant_joined, participant_left, participant_connection_aborted, room_started, room_finished.</summary>
    [Id(1)] public required string Event { get; init; }
    [Id(2)] public string? ParticipantIdentity { get; init; }
    [Id(3)] public string? ParticipantKind { get; init; }
    [Id(4)] public string? DisconnectReason { get; init; }
    /// <summary>The participant's <c>sip.callStatus</c> attribute, when present.</summary>
    [Id(5)] public string? SipCallStatus { get; init; }
    /// <summary>For egress_ended: the egress, its final status, where the file went, its length and any error.</summary>
    [Id(6)] public string? EgressId { get; init; }
    [Id(7)] public string? EgressStatus { get; init; }
    [Id(8)] public string? RecordingLocation { get; init; }
    [Id(9)] public long RecordingDurationMs { get; init; }
    [Id(10)] public string? EgressError { get; init; }
    /// <summary>When LiveKit says the participant joined (ParticipantInfo.joined_at_ms): true whatever the webhook's delivery delay.</summary>
    [Id(11)] public DateTimeOffset? ParticipantJoinedAt { get; init; }
}
