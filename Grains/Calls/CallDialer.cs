using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The call's side of LiveKit. The slow requests run on the thread pool outside the grain's turn — CreateSIPParticipant
/// with wait_until_answered blocks for the whole ringing, and a transfer rings another party — and report back through
/// <see cref="ICallReportsGrain"/>, a self-call that runs on a normal turn; a report that is lost only delays the call,
/// as the watchdog reconciles with LiveKit. Hanging up and closing the room are awaited on the grain's turn.
/// </summary>
public sealed class CallDialer(LiveKitClient liveKit, ICallReportsGrain call, TenantId tenant, CallId callId, ILogger logger)
{
    /// <summary>Room, agent dispatch, then the one and only dial attempt; <paramref name="hungUp"/> stops it before the INVITE.</summary>
    public void StartDial(DialPlan plan, CancellationToken hungUp) => _ = Task.Run(() => DialAsync(plan, hungUp));

    /// <summary>Transfers the callee to <paramref name="to"/> (E.164) with a dial tone while it rings.</summary>
    public void StartTransfer(string roomName, string to, string calleeIdentity = CallLifecycle.CalleeIdentity) => _ = Task.Run(() => TransferAsync(new LiveKitTransferSipParticipantRequest
    {
        RoomName = roomName,
        ParticipantIdentity = calleeIdentity,
        TransferTo = $"tel:{to}",
        PlayDialtone = true,
    }));

    /// <summary>Removing the callee hangs up the SIP leg (or cancels the INVITE); deleting the room ends the agent too.</summary>
    public async Task HangUpAsync(string roomName, string calleeIdentity = CallLifecycle.CalleeIdentity)
    {
        await IgnoreNotFoundAsync(() => liveKit.RemoveParticipantAsync(roomName, calleeIdentity));
        await DeleteRoomAsync(roomName);
    }

    /// <summary>Deletes the room; a room already gone answers not_found, which is fine. Other failures are thrown.</summary>
    public Task DeleteRoomAsync(string roomName) => IgnoreNotFoundAsync(() => liveKit.DeleteRoomAsync(roomName));

    /// <summary>
    /// Deletes the room of a call that has ended, so the agent session and any recording end with it. A failure is only
    /// logged: LiveKit's own empty-room timeout closes it later.
    /// </summary>
    public async Task CloseRoomAsync(string roomName)
    {
        try
        {
            await DeleteRoomAsync(roomName);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} ended but its room {Room} could not be deleted", callId, tenant, roomName);
        }
    }

    /// <summary>
    /// What the background dial needs, built on the grain's turn: the room, the agent's dispatch with this call's
    /// instructions and credential, and the one SIP INVITE, limited to <paramref name="limitSeconds"/> by LiveKit itself.
    /// </summary>
    public static DialPlan Plan(TenantId tenant, CallId call, PlaceCall request, string roomName, string agentName,
        CompiledInstructions instructions, string workerCredential, CallerIdResolution callerId, int limitSeconds) =>
        new(
            roomName,
            RoomMetadata(tenant, call, request),
            agentName,
            DispatchMetadata(tenant, call, request, instructions, workerCredential),
            new LiveKitCreateSipParticipantRequest
            {
                SipTrunkId = callerId.LiveKitTrunkId,
                SipCallTo = request.To,
                SipNumber = callerId.Number,
                RoomName = roomName,
                ParticipantIdentity = CallLifecycle.CalleeIdentity,
                RingingTimeout = CallGrain.RingingTimeout,
                // LiveKit ends the call at this limit by itself, even if the whole cluster is down when the money runs out.
                MaxCallDuration = TimeSpan.FromSeconds(limitSeconds),
                WaitUntilAnswered = true,
            });

    /// <summary>The room's metadata: which tenant, call, agent and campaign lead it belongs to.</summary>
    private static string RoomMetadata(TenantId tenant, CallId call, PlaceCall request) =>
        JsonSerializer.Serialize(new
        {
            tenantId = tenant.Value,
            callId = call.Value,
            agentId = request.AgentId.Value,
            campaignId = request.CampaignId?.Value,
            leadId = request.LeadId?.Value,
        });

    /// <summary>What the agent worker receives with its dispatch: this call's instructions and its own credential.</summary>
    internal static string DispatchMetadata(TenantId tenant, CallId call, PlaceCall request, CompiledInstructions instructions, string workerCredential) =>
        JsonSerializer.Serialize(new
        {
            workerCredential,
            callId = call.Value,
            tenantId = tenant.Value,
            agentId = request.AgentId.Value,
            instructions = instructions.Instructions,
            greeting = instructions.Greeting,
            voicemailMessage = instructions.VoicemailMessage,
            variables = request.Variables,
            campaignId = request.CampaignId?.Value,
            leadId = request.LeadId?.Value,
        });

    private static async Task IgnoreNotFoundAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
        }
    }

    private async Task DialAsync(DialPlan plan, CancellationToken hungUp)
    {
        DialOutcome outcome;
        try
        {
            // The agent is named on the room: LiveKit dispatches it as the room starts (one request instead of two, and
            // a repeated CreateRoom finds the room live and dispatches nothing again).
            await liveKit.CreateRoomAsync(new LiveKitCreateRoomRequest
            {
                Name = plan.RoomName,
                Metadata = plan.RoomMetadata,
                Agents = [new LiveKitRoomAgentDispatch(plan.AgentName, plan.DispatchMetadata)],
            }, hungUp);
            hungUp.ThrowIfCancellationRequested();
            // Never retried (LiveKitClient does not either): a second attempt could ring the callee twice. Not cancelled
            // either: once sent, only removing the participant (the hang-up does) stops the INVITE.
            await liveKit.CreateSipParticipantAsync(plan.Sip);
            outcome = new DialOutcome { Answered = true, ParticipantIdentity = CallLifecycle.CalleeIdentity };
        }
        catch (LiveKitTwirpException e)
        {
            outcome = new DialOutcome { Answered = false, SipStatusCode = e.SipStatusCode, Detail = e.SipStatus ?? e.Message };
        }
        catch (OperationCanceledException) when (hungUp.IsCancellationRequested)
        {
            outcome = new DialOutcome { Answered = false, Detail = "hung up before dialling" };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Dialling call {CallId} of tenant {TenantId} failed", callId, tenant);
            outcome = new DialOutcome { Answered = false, Detail = "the dial failed inside the platform" };
        }

        try
        {
            await call.ReportDialOutcomeAsync(outcome);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not record its dial outcome", callId, tenant);
        }
    }

    private async Task TransferAsync(LiveKitTransferSipParticipantRequest request)
    {
        string? error = null;
        try
        {
            await liveKit.TransferSipParticipantAsync(request);
        }
        catch (LiveKitTwirpException e)
        {
            error = e.SipStatus ?? e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Transferring call {CallId} of tenant {TenantId} failed", callId, tenant);
            error = "the transfer failed inside the platform";
        }
        try
        {
            await call.ReportTransferOutcomeAsync(error);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not record its transfer outcome", callId, tenant);
        }
    }
}
