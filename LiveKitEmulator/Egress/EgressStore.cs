using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Twirp;
using VoicePlatform.LiveKitEmulator.Webhooks;

namespace VoicePlatform.LiveKitEmulator.Egress;

/// <summary>
/// Emulated egress: STARTING on request (<c>egress_started</c>), ACTIVE a moment later
/// (<c>egress_updated</c>), COMPLETE on StopEgress or when the room closes (<c>egress_ended</c>).
/// </summary>
public sealed class EgressStore
{
    private static readonly TimeSpan StartupDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, EgressRecord> _egress = new(StringComparer.Ordinal);
    private readonly RoomStore _rooms;
    private readonly WebhookPublisher _webhooks;
    private readonly EmulatorClock _clock;
    private readonly IHostApplicationLifetime _lifetime;

    public EgressStore(RoomStore rooms, WebhookPublisher webhooks, EmulatorClock clock, IHostApplicationLifetime lifetime)
    {
        _rooms = rooms;
        _webhooks = webhooks;
        _clock = clock;
        _lifetime = lifetime;
        rooms.RoomClosed += EndForRoom;
    }

    public JsonObject Start(string roomName, bool audioOnly, IReadOnlyList<string> filepaths)
    {
        var room = _rooms.FindRoom(roomName, ProtoStyle.Webhook, minimal: true)
            ?? throw TwirpException.NotFound("requested room does not exist");
        var record = new EgressRecord(LiveKitIds.New(LiveKitIds.Egress), room["sid"]!.GetValue<string>(), roomName, audioOnly, filepaths)
        {
            UpdatedAt = _clock.UtcNow,
        };
        JsonObject response;
        lock (_lock)
        {
            _egress[record.EgressId] = record;
            response = record.ToProto(ProtoStyle.TwirpResponse);
            _webhooks.Publish(WebhookEventNames.EgressStarted, room, egressInfo: record.ToProto(ProtoStyle.Webhook));
        }

        _rooms.SetActiveRecording(roomName, true);
        _ = ActivateAsync(record, room);
        return response;
    }

    public JsonObject Stop(string egressId)
    {
        lock (_lock)
        {
            if (!_egress.TryGetValue(egressId, out var record))
            {
                throw TwirpException.NotFound("egress does not exist");
            }

            if (record.Status is EgressStatus.Complete or EgressStatus.Failed or EgressStatus.Aborted or EgressStatus.LimitReached)
            {
                throw new TwirpException(TwirpCodes.FailedPrecondition, "egress already ended");
            }

            EndLocked(record);
            return record.ToProto(ProtoStyle.TwirpResponse);
        }
    }

    private async Task ActivateAsync(EgressRecord record, JsonObject room)
    {
        try
        {
            await _clock.DelayAsync(StartupDelay, _lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            if (record.Status != EgressStatus.Starting)
            {
                return;
            }

            record.Status = EgressStatus.Active;
            record.StartedAt = record.UpdatedAt = _clock.UtcNow;
            _webhooks.Publish(WebhookEventNames.EgressUpdated, room, egressInfo: record.ToProto(ProtoStyle.Webhook));
        }
    }

    private void EndForRoom(string roomName)
    {
        lock (_lock)
        {
            foreach (var record in _egress.Values.Where(e => e.RoomName == roomName && e.Status is EgressStatus.Starting or EgressStatus.Active))
            {
                EndLocked(record);
            }
        }
    }

    private void EndLocked(EgressRecord record)
    {
        record.StartedAt ??= _clock.UtcNow;
        record.Status = EgressStatus.Complete;
        record.EndedAt = record.UpdatedAt = _clock.UtcNow;
        var room = new ProtoJsonWriter(ProtoStyle.Webhook).String("sid", record.RoomId).String("name", record.RoomName).Build();
        _webhooks.Publish(WebhookEventNames.EgressEnded, room, egressInfo: record.ToProto(ProtoStyle.Webhook));
    }
}
