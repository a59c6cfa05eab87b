using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The call's slow LiveKit requests, run on the thread pool outside the grain's turn: CreateSIPParticipant with
/// wait_until_answered blocks for the whole ringing, and a transfer rings another party. Each reports back to the
/// call through <see cref="ICallReportsGrain"/>, a self-call that runs on a normal turn; a report that is lost only
/// delays the call, as the watchdog reconciles with LiveKit.
/// </summary>
public sealed class CallDialer(LiveKitClient liveKit, ICallReportsGrain call, TenantId tenant, CallId callId, ILogger logger)
{
    /// <summary>Room, agent dispatch, then the one and only dial attempt; <paramref name="hungUp"/> stops it before the INVITE.</summary>
    public void StartDial(DialPlan plan, CancellationToken hungUp) => _ = Task.Run(() => DialAsync(plan, hungUp));

    /// <summary>Transfers the callee to <paramref name="to"/> (E.164) with a dial tone while it rings.</summary>
    public void StartTransfer(string roomName, string to) => _ = Task.Run(() => TransferAsync(new LiveKitTransferSipParticipantRequest
    {
        RoomName = roomName,
        ParticipantIdentity = CallLifecycle.CalleeIdentity,
        TransferTo = $"tel:{to}",
        PlayDialtone = true,
    }));

    /// <summary>The room's metadata: which tenant, call, agent and campaign lead it belongs to.</summary>
    public static string RoomMetadata(TenantId tenant, CallId call, PlaceCall request) =>
        JsonSerializer.Serialize(new
        {
            tenantId = tenant.Value,
            callId = call.Value,
            agentId = request.AgentId.Value,
            campaignId = request.CampaignId?.Value,
            leadId = request.LeadId?.Value,
        });

    /// <summary>What the agent worker receives with its dispatch: this call's instructions and its own credential.</summary>
    public static string DispatchMetadata(TenantId tenant, CallId call, PlaceCall request, CompiledInstructions instructions, string workerCredential) =>
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

    private async Task DialAsync(DialPlan plan, CancellationToken hungUp)
    {
        DialOutcome outcome;
        try
        {
            await liveKit.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = plan.RoomName, Metadata = plan.RoomMetadata }, hungUp);
            await liveKit.CreateDispatchAsync(plan.RoomName, plan.AgentName, plan.DispatchMetadata, hungUp);
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
