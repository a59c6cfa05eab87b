using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Supervisors on a live call: a hidden, subscribe-only listener; a whisper to the AI agent alone; a seat that may
/// speak (barge); the agent removed so the supervisor goes on with the callee (takeover); a hang-up. A LiveKit token
/// only limits joining, so a listener is removed when asked and, with every participant, when the call ends and its
/// room is closed. Every step is audited in the call's own state, written with it.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>How long a supervisor's token may be used to join; staying is the room's business.</summary>
    public static readonly TimeSpan SupervisorTokenLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a whisper waits for the agent's acknowledgement. LiveKit gives an agent 2 s to acknowledge an RPC; the
    /// call's turn is held meanwhile (webhooks for this call wait, none is lost), so the wait stays short.
    /// </summary>
    public static readonly TimeSpan WhisperAcknowledgementTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The RPC method an agent worker registers to take coaching (see docs/agent-workers.md).</summary>
    public const string CoachingRpcMethod = "voiceplatform.coach";

    public async Task<WriteResult<SupervisorSession>> ListenAsync(string actor)
    {
        if (NotSupervisable<SupervisorSession>() is { } refused) return refused;
        var identity = NewSupervisorIdentity(actor);
        var session = Seat(identity, actor, speaking: false);
        await AuditAsync(SupervisionAction.Listen, actor, identity);
        logger.LogInformation("Call {CallId} of tenant {TenantId}: {Actor} listens as {Participant}", Key.Call, Key.Tenant, actor, identity);
        return WriteResult<SupervisorSession>.Created(session);
    }

    public async Task<WriteResult<SupervisionEntry>> StopListeningAsync(string actor, string participantIdentity)
    {
        if (!Exists) return WriteResult<SupervisionEntry>.NotFound();
        if (!IsSupervisorOfThisCall(participantIdentity)) return WriteResult<SupervisionEntry>.NotFound();
        if (state.State.Supervision.LastOrDefault(e => e.Participant == participantIdentity) is { Action: SupervisionAction.StopListening } stopped)
            return WriteResult<SupervisionEntry>.Ok(stopped);
        // An ended call's room is gone, and its listeners with it.
        if (!Progress.IsEnded && liveKit is not null) await RemoveIfPresentAsync(participantIdentity);
        var entry = await AuditAsync(SupervisionAction.StopListening, actor, participantIdentity);
        return WriteResult<SupervisionEntry>.Ok(entry);
    }

    public async Task<WriteResult<WhisperReceipt>> WhisperAsync(string actor, string text)
    {
        if (NotSupervisable<WhisperReceipt>() is { } refused) return refused;
        if (state.State.TakenOverBy is not null)
            return WriteResult<WhisperReceipt>.Conflict("The call was taken over: the AI agent is no longer on it.", []);
        var agent = await FindAgentAsync();
        if (agent is null)
            return WriteResult<WhisperReceipt>.Conflict("The AI agent is not in the call's room: there is nobody to coach.", []);

        var whisperId = RandomIds.Create(10);
        var payload = JsonSerializer.Serialize(new { id = whisperId, text, supervisor = actor });
        string? failure = null;
        try
        {
            await liveKit!.PerformRpcAsync(state.State.RoomName, agent, CoachingRpcMethod, payload, WhisperAcknowledgementTimeout);
        }
        catch (LiveKitTwirpException e)
        {
            failure = e.Code switch
            {
                "canceled" or "deadline_exceeded" => "The agent did not acknowledge in time.",
                "invalid_argument" => "The agent does not take coaching (it registered no voiceplatform.coach method).",
                "not_found" => "The agent left the room.",
                _ => $"LiveKit refused the whisper ({e.Code}).",
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failure = "LiveKit could not be reached.";
        }

        var at = Now();
        await AuditAsync(SupervisionAction.Whisper, actor, agent, failure is null ? $"acknowledged: {text}" : $"not acknowledged ({failure}): {text}");
        logger.LogInformation("Call {CallId} of tenant {TenantId}: {Actor} whispered {WhisperId} to {Agent}; acknowledged {Acknowledged}",
            Key.Call, Key.Tenant, actor, whisperId, agent, failure is null);
        return WriteResult<WhisperReceipt>.Ok(new WhisperReceipt
        {
            WhisperId = whisperId,
            Acknowledged = failure is null,
            AgentIdentity = agent,
            Failure = failure,
            At = at,
        });
    }

    public async Task<WriteResult<SupervisorSession>> BargeAsync(string actor, string? participantIdentity)
    {
        if (NotSupervisable<SupervisorSession>() is { } refused) return refused;
        if (participantIdentity is not null && !IsSupervisorOfThisCall(participantIdentity)) return WriteResult<SupervisorSession>.NotFound();
        var identity = participantIdentity ?? NewSupervisorIdentity(actor);
        if (participantIdentity is not null) await LetSpeakAsync(identity);
        await AuditAsync(SupervisionAction.Barge, actor, identity);
        logger.LogInformation("Call {CallId} of tenant {TenantId}: {Actor} barges in as {Participant}", Key.Call, Key.Tenant, actor, identity);
        return WriteResult<SupervisorSession>.Created(Seat(identity, actor, speaking: true));
    }

    public async Task<WriteResult<SupervisorSession>> TakeOverAsync(string actor, string? participantIdentity)
    {
        if (NotSupervisable<SupervisorSession>() is { } refused) return refused;
        if (Progress.AnsweredAt is null)
            return WriteResult<SupervisorSession>.Conflict("The call is not answered yet: there is nobody to take over with.", []);
        if (participantIdentity is not null && !IsSupervisorOfThisCall(participantIdentity)) return WriteResult<SupervisorSession>.NotFound();
        if (state.State.TakenOverBy is { } by && state.State.Supervision.LastOrDefault(e => e.Action == SupervisionAction.Takeover) is { } earlier)
        {
            // A repeat (a retried request) gets a fresh token for the same seat; a second supervisor is refused.
            return by == actor && (participantIdentity is null || participantIdentity == earlier.Participant)
                ? WriteResult<SupervisorSession>.Created(Seat(earlier.Participant, actor, speaking: true))
                : WriteResult<SupervisorSession>.Conflict($"The call was already taken over by {by}.", []);
        }

        var identity = participantIdentity ?? NewSupervisorIdentity(actor);
        if (participantIdentity is not null) await LetSpeakAsync(identity);
        // The callee must never be left alone with nobody: the seat is granted before the agent goes.
        var session = Seat(identity, actor, speaking: true);
        foreach (var agent in await AgentsInRoomAsync()) await RemoveIfPresentAsync(agent);
        var now = Now();
        state.State = state.State with { TakenOverBy = actor, TakenOverAt = now };
        await AuditAsync(SupervisionAction.Takeover, actor, identity, "the AI agent was removed; the supervisor goes on with the callee");
        logger.LogInformation("Call {CallId} of tenant {TenantId}: {Actor} took the call over as {Participant}", Key.Call, Key.Tenant, actor, identity);
        return WriteResult<SupervisorSession>.Created(session);
    }

    public async Task<CallView?> HangUpByAsync(string actor)
    {
        if (!Exists) return null;
        if (Progress.IsEnded) return View();
        var entry = new SupervisionEntry { At = Now(), Action = SupervisionAction.HangUp, Actor = actor, Participant = "" };
        // Written with the end itself: one write, and no hang-up without its audit line.
        state.State = state.State with { Supervision = [.. state.State.Supervision, entry] };
        return await HangUpAsync(CallEventTypes.HangUp, $"hung up by {actor}");
    }

    public Task<IReadOnlyList<SupervisionEntry>?> GetSupervisionAsync() =>
        Task.FromResult(Exists ? state.State.Supervision : null);

    /// <summary>Null when a supervisor may act on this call now; else why not.</summary>
    private WriteResult<T>? NotSupervisable<T>()
    {
        if (!Exists) return WriteResult<T>.NotFound();
        if (Progress.IsEnded || Progress.DialingAt is null)
            return WriteResult<T>.Conflict($"The call is {Progress.Status.ToString().ToLowerInvariant()}: a supervisor may join from its dial to its end.", []);
        if (minter is null || liveKitOptions is null || liveKit is null)
            return WriteResult<T>.Conflict("Telephony is not configured: set LiveKit:Url, LiveKit:ApiKey and LiveKit:ApiSecret.", []);
        return null;
    }

    private static string NewSupervisorIdentity(string actor) => $"supervisor-{actor}-{RandomIds.Create(6)}";

    private bool IsSupervisorOfThisCall(string participantIdentity) =>
        state.State.Supervision.Any(e => e.Participant == participantIdentity && e.Action is SupervisionAction.Listen or SupervisionAction.Barge or SupervisionAction.Takeover);

    /// <summary>A token for the call's room: hidden and subscribe-only to listen; visible and allowed to publish to speak.</summary>
    private SupervisorSession Seat(string identity, string actor, bool speaking)
    {
        var token = minter!.ForParticipant(identity, state.State.RoomName, canPublish: speaking, canSubscribe: true, SupervisorTokenLifetime,
            name: $"Supervisor ({actor})", hidden: !speaking);
        return new SupervisorSession
        {
            LiveKitUrl = liveKitOptions!.Value.WebSocketUrl(),
            RoomName = state.State.RoomName,
            ParticipantIdentity = identity,
            ParticipantToken = token,
            ExpiresAt = time.GetUtcNow() + SupervisorTokenLifetime,
            CanPublish = speaking,
            Hidden = !speaking,
        };
    }

    /// <summary>
    /// A listener already in the room may speak at once. LiveKit's permission update replaces every flag, so each is
    /// given: visible (a hidden participant's tracks reach nobody), subscribe, publish audio and data.
    /// </summary>
    private async Task LetSpeakAsync(string identity)
    {
        try
        {
            await liveKit!.UpdateParticipantPermissionAsync(state.State.RoomName, identity, new LiveKitParticipantPermission
            {
                CanSubscribe = true,
                CanPublish = true,
                CanPublishData = true,
                Hidden = false,
            });
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            // Not in the room (yet): the new token joins it with these rights.
        }
    }

    private async Task<string?> FindAgentAsync() => (await AgentsInRoomAsync()).FirstOrDefault();

    private async Task<IReadOnlyList<string>> AgentsInRoomAsync()
    {
        try
        {
            var participants = await liveKit!.ListParticipantsAsync(state.State.RoomName);
            return participants.Where(p => p.Kind == CallLifecycle.AgentKind).Select(p => p.Identity).ToArray();
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            return [];
        }
    }

    private async Task RemoveIfPresentAsync(string identity)
    {
        try
        {
            await liveKit!.RemoveParticipantAsync(state.State.RoomName, identity);
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            // Never joined, or already left.
        }
    }

    private async Task<SupervisionEntry> AuditAsync(SupervisionAction action, string actor, string participant, string? detail = null)
    {
        var entry = new SupervisionEntry { At = Now(), Action = action, Actor = actor, Participant = participant, Detail = detail };
        state.State = state.State with { Supervision = [.. state.State.Supervision, entry] };
        await SaveAsync(durable: true, []);
        return entry;
    }
}
