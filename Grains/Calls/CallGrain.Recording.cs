using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Recording: when configured, an audio-only room-composite egress starts as the call is answered, and LiveKit's
/// egress_ended webhook (routed here by the room name) says where the file is. The egress id is not needed to match
/// the webhook — the room is the call's — so a crash right after starting it loses nothing.
/// </summary>
public sealed partial class CallGrain
{
    private CallRecordingOptions Recording => recordingOptions.Value;

    private async Task StartRecordingAsync()
    {
        var options = Recording;
        if (!options.Enabled || liveKit is null) return;
        try
        {
            var egress = await liveKit.StartRoomCompositeEgressAsync(new LiveKitAudioEgressRequest
            {
                RoomName = state.State.RoomName,
                Filepath = options.FilepathFor(Key.Tenant.Value, Key.Call.Value),
            });
            // Kept in memory; the next durable write (the end) stores it.
            state.State = state.State with { Recording = new CallRecording { EgressId = egress.EgressId, Status = "starting" } };
        }
        catch (LiveKitTwirpException e)
        {
            // A call is worth more than its recording: it goes on, and the failure shows on the call.
            logger.LogWarning("Call {CallId} of tenant {TenantId} could not start its recording: {Error}", Key.Call, Key.Tenant, e.Message);
            state.State = state.State with { Recording = new CallRecording { Status = "failed", Error = e.Message } };
        }
    }

    private async Task RecordingEndedAsync(LiveKitCallEvent liveKitEvent, DateTimeOffset now)
    {
        var status = (liveKitEvent.EgressStatus ?? "").Replace("EGRESS_", "", StringComparison.Ordinal).ToLowerInvariant();
        var recording = new CallRecording
        {
            EgressId = liveKitEvent.EgressId,
            Status = status.Length == 0 ? "complete" : status,
            Location = liveKitEvent.RecordingLocation,
            DurationMs = liveKitEvent.RecordingDurationMs,
            Error = liveKitEvent.EgressError,
        };
        if (state.State.Recording == recording) return;
        state.State = state.State with { Recording = recording, SeenEventIds = Remember(liveKitEvent) };
        await SaveAsync(durable: true, [CallHistory.RecordingWebhook(liveKitEvent, recording, now)]);
    }
}
