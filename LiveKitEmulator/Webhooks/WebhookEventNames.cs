namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>Webhook event names as LiveKit's <c>webhook/consts.go</c> spells them.</summary>
public static class WebhookEventNames
{
    public const string RoomStarted = "room_started";
    public const string RoomFinished = "room_finished";
    public const string ParticipantJoined = "participant_joined";
    public const string ParticipantLeft = "participant_left";
    public const string ParticipantConnectionAborted = "participant_connection_aborted";
    public const string EgressStarted = "egress_started";
    public const string EgressUpdated = "egress_updated";
    public const string EgressEnded = "egress_ended";
}
