using System.Diagnostics.Metrics;
using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.Silo.Telephony;

/// <summary>LiveKit's webhooks by event and verdict. The event label is LiveKit's own name when it is one of theirs, else <c>other</c> (or <c>unverified</c>): a bounded set.</summary>
public static class LiveKitWebhookMetrics
{
    public const string MeterName = "VoicePlatform.LiveKit.Webhooks";

    private static readonly HashSet<string> KnownEvents =
    [
        "room_started", "room_finished", "participant_joined", "participant_left", "participant_connection_aborted",
        "track_published", "track_unpublished", "egress_started", "egress_updated", "egress_ended", "ingress_started", "ingress_ended",
    ];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Webhooks = Meter.CreateCounter<long>("received", "{webhook}",
        "LiveKit webhooks received, by event and verdict (delivered to a call, ignored, not verified, …).");

    public static void Received(string? eventName, LiveKitWebhookOutcome outcome) =>
        Webhooks.Add(1, new("event", eventName is null ? "unverified" : KnownEvents.Contains(eventName) ? eventName : "other"), new("verdict", outcome.Kebab()));
}
