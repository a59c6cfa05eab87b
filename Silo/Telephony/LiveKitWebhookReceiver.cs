using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Silo.Telephony;

/// <summary>
/// LiveKit's webhooks, verified with the same key and secret the silos use: the JWT must verify and carry the
/// SHA-256 of the exact body. Events of rooms that are not a call's (<see cref="CallRoomName"/>) and of hidden
/// participants are acknowledged and ignored; the rest go to the call grain, which de-duplicates on the event id.
/// </summary>
public sealed class LiveKitWebhookReceiver(IGrainFactory grains, IServiceProvider services, ILogger<LiveKitWebhookReceiver> logger) : ILiveKitWebhookReceiver
{
    private static readonly HashSet<string> CallEvents =
        ["participant_joined", "participant_left", "participant_connection_aborted", "room_started", "room_finished", "egress_ended"];

    // Optional by design: a host without LiveKit settings answers that it cannot verify anything.
    private readonly LiveKitWebhookVerifier? _verifier = services.GetService<LiveKitWebhookVerifier>();

    public async Task<LiveKitWebhookReceipt> ReceiveAsync(ReadOnlyMemory<byte> body, string? authorization)
    {
        var (receipt, eventName) = await JudgeAsync(body, authorization);
        LiveKitWebhookMetrics.Received(eventName, receipt.Outcome);
        return receipt;
    }

    /// <summary>The verdict on one webhook, and its event name as far as it is known (only a verified webhook names one).</summary>
    private async Task<(LiveKitWebhookReceipt Receipt, string? EventName)> JudgeAsync(ReadOnlyMemory<byte> body, string? authorization)
    {
        if (_verifier is null)
            return (new(LiveKitWebhookOutcome.NotConfigured, "Without LiveKit:ApiKey and LiveKit:ApiSecret no webhook can be verified."), null);
        var verification = _verifier.Verify(body.ToArray(), authorization ?? "");
        if (!verification.IsValid)
        {
            logger.LogWarning("Refused a LiveKit webhook: {Reason}", verification.FailureReason);
            return (new(LiveKitWebhookOutcome.NotVerified, verification.FailureReason), null);
        }

        var webhook = verification.Event!;
        // egress_ended names its room in the egress info; the other events in the room.
        var roomName = webhook.Room?.Name ?? webhook.EgressInfo?.RoomName;
        if (InboundRoomName.TryParse(roomName, out var inboundTenant, out var number)) return await InboundAsync(webhook, roomName, inboundTenant, number);
        if (!CallEvents.Contains(webhook.Event) || !CallRoomName.TryParse(roomName, out var tenant, out var call) || webhook.Participant?.Permission?.Hidden == true)
            return (new(LiveKitWebhookOutcome.Ignored), webhook.Event);
        if (string.IsNullOrEmpty(webhook.Id)) return (new(LiveKitWebhookOutcome.MissingEventId, "LiveKit webhooks carry an id (EV_…)."), webhook.Event);

        var callEvent = ToCallEvent(webhook);
        // A recording's end is the recording's business; every other event only when it can change a call.
        if (webhook.Event != "egress_ended" && !CallLifecycle.Concerns(callEvent)) return (new(LiveKitWebhookOutcome.Ignored), webhook.Event);
        await grains.GetCall(tenant, call).OnLiveKitEventAsync(callEvent);
        return (new(LiveKitWebhookOutcome.Delivered), webhook.Event);
    }

    /// <summary>
    /// An inbound call's room. Only its caller's participant events count, and they carry the call's key (the
    /// participant's <c>sip.callID</c>): the first of them, in whatever order they come, creates the call — which
    /// routes it — and each is then applied as for an outbound call. The room's other events change nothing the
    /// watchdog does not see.
    /// </summary>
    private async Task<(LiveKitWebhookReceipt, string?)> InboundAsync(LiveKitWebhookEvent webhook, string roomName, VoicePlatform.Tenants.TenantId tenant,
        VoicePlatform.Telephony.PhoneNumberId number)
    {
        if (webhook.Participant is not { IsSip: true } caller || !CallEvents.Contains(webhook.Event)
            || caller.Attributes.GetValueOrDefault("sip.callID") is not { } sipCallId || !InboundCallIds.IsSipCallId(sipCallId))
            return (new(LiveKitWebhookOutcome.Ignored), webhook.Event);
        if (string.IsNullOrEmpty(webhook.Id)) return (new(LiveKitWebhookOutcome.MissingEventId, "LiveKit webhooks carry an id (EV_…)."), webhook.Event);

        var call = grains.GetCall(tenant, InboundCallIds.For(sipCallId));
        var callEvent = ToCallEvent(webhook);
        await call.OnInboundCallerEventAsync(new InboundArrival
        {
            SipCallId = sipCallId,
            RoomName = roomName,
            NumberId = number,
            CallerNumber = caller.Attributes.GetValueOrDefault("sip.phoneNumber"),
            CallerIdentity = caller.Identity,
            ArrivedAt = callEvent.ParticipantJoinedAt,
            LiveKitTrunkId = caller.Attributes.GetValueOrDefault("sip.trunkID") is { Length: > 0 } trunk ? trunk : null,
        }, callEvent);
        return (new(LiveKitWebhookOutcome.Delivered), webhook.Event);
    }

    private static LiveKitCallEvent ToCallEvent(LiveKitWebhookEvent webhook) => new()
    {
        EventId = webhook.Id,
        Event = webhook.Event,
        ParticipantIdentity = webhook.Participant?.Identity,
        ParticipantKind = webhook.Participant?.Kind,
        ParticipantJoinedAt = webhook.Participant switch
        {
            { JoinedAtMs: > 0 } p => DateTimeOffset.FromUnixTimeMilliseconds(p.JoinedAtMs),
            { JoinedAt: > 0 } p => DateTimeOffset.FromUnixTimeSeconds(p.JoinedAt),
            _ => null,
        },
        DisconnectReason = webhook.Participant?.DisconnectReason,
        SipCallStatus = webhook.Participant?.SipCallStatus,
        EgressId = webhook.EgressInfo?.EgressId,
        EgressStatus = webhook.EgressInfo?.Status,
        RecordingLocation = webhook.EgressInfo?.FileResults.Select(f => string.IsNullOrEmpty(f.Location) ? f.Filename : f.Location).FirstOrDefault(),
        RecordingDurationMs = (webhook.EgressInfo?.FileResults.Select(f => f.Duration).FirstOrDefault() ?? 0) / 1_000_000,
        EgressError = string.IsNullOrEmpty(webhook.EgressInfo?.Error) ? null : webhook.EgressInfo.Error,
    };
}
