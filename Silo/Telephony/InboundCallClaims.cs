using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Silo.Telephony;

/// <summary>
/// An inbound job's claim: the bearer must be a LiveKit job token for the very room named (so only a worker LiveKit
/// dispatched there can claim), the room one of a number's inbound rooms (which names the tenant and number), and the
/// SIP call id LiveKit's. The call grain keyed by that id does the rest, once, whoever reports first.
/// </summary>
public sealed class InboundCallClaims(IGrainFactory grains, IServiceProvider services, ILogger<InboundCallClaims> logger) : IInboundCallClaims
{
    private readonly LiveKitJobTokenVerifier? _verifier = services.GetService<LiveKitJobTokenVerifier>();

    public async Task<InboundClaimReceipt> ClaimAsync(InboundClaimRequest request, string? authorization)
    {
        if (_verifier is null)
            return new() { Outcome = InboundClaimOutcome.NotConfigured, Detail = "Without LiveKit:ApiKey and LiveKit:ApiSecret no job token can be verified." };
        var token = authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var room = _verifier.VerifyRoom(token, out var failure);
        if (room is null)
        {
            logger.LogWarning("Refused an inbound claim: {Reason}", failure);
            return new() { Outcome = InboundClaimOutcome.NotVerified, Detail = failure };
        }

        if (request.Room != room)
            return new() { Outcome = InboundClaimOutcome.NotVerified, Detail = "The job token joins another room than the one named." };
        if (!InboundRoomName.TryParse(room, out var tenant, out var number))
            return new() { Outcome = InboundClaimOutcome.NotFound, Field = "room", Detail = "The room is no number's inbound room." };
        if (!InboundCallIds.IsSipCallId(request.SipCallId))
            return new() { Outcome = InboundClaimOutcome.Invalid, Field = "sipCallId", Detail = "LiveKit's SIP call id of the caller (sip.callID, SCL_…)." };

        var arrival = new InboundArrival
        {
            SipCallId = request.SipCallId!,
            RoomName = room,
            NumberId = number,
            CallerNumber = request.CallerNumber,
            CallerIdentity = string.IsNullOrWhiteSpace(request.ParticipantIdentity) ? null : request.ParticipantIdentity,
            LiveKitTrunkId = string.IsNullOrEmpty(request.TrunkId) ? null : request.TrunkId,
        };
        var claim = await grains.GetCall(tenant, InboundCallIds.For(arrival.SipCallId)).ArriveInboundAsync(arrival, byWorker: true);
        return new() { Outcome = InboundClaimOutcome.Claimed, Claim = claim };
    }
}
