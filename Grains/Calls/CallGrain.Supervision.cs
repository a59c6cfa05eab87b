using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Supervisors on a live call: a hidden, subscribe-only listener, removed when asked (a LiveKit token only limits
/// joining) and, with every participant, when the call ends and its room is closed. Every step is audited in the
/// call's own state, written with it.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>How long a listener's token may be used to join; staying is the room's business.</summary>
    public static readonly TimeSpan ListenTokenLifetime = TimeSpan.FromMinutes(2);

    public async Task<WriteResult<ListenSession>> ListenAsync(string actor)
    {
        if (!Exists) return WriteResult<ListenSession>.NotFound();
        if (Progress.IsEnded || Progress.DialingAt is null)
            return WriteResult<ListenSession>.Conflict($"The call is {Progress.Status.ToString().ToLowerInvariant()}: a supervisor may listen from its dial to its end.", []);
        if (minter is null || liveKitOptions is null)
            return WriteResult<ListenSession>.Conflict("Telephony is not configured: set LiveKit:Url, LiveKit:ApiKey and LiveKit:ApiSecret.", []);

        var identity = $"supervisor-{actor}-{RandomIds.Create(6)}";
        var token = minter.ForParticipant(identity, state.State.RoomName, canPublish: false, canSubscribe: true, ListenTokenLifetime,
            name: $"Supervisor ({actor})", hidden: true);
        await AuditAsync(SupervisionAction.Listen, actor, identity);
        logger.LogInformation("Call {CallId} of tenant {TenantId}: {Actor} listens as {Participant}", Key.Call, Key.Tenant, actor, identity);
        return WriteResult<ListenSession>.Created(new ListenSession
        {
            LiveKitUrl = liveKitOptions.Value.WebSocketUrl(),
            RoomName = state.State.RoomName,
            ParticipantIdentity = identity,
            ParticipantToken = token,
            ExpiresAt = time.GetUtcNow() + ListenTokenLifetime,
        });
    }

    public async Task<WriteResult<SupervisionEntry>> StopListeningAsync(string actor, string participantIdentity)
    {
        if (!Exists) return WriteResult<SupervisionEntry>.NotFound();
        if (!state.State.Supervision.Any(e => e.Action == SupervisionAction.Listen && e.Participant == participantIdentity))
            return WriteResult<SupervisionEntry>.NotFound();
        if (state.State.Supervision.LastOrDefault(e => e.Participant == participantIdentity) is { Action: SupervisionAction.StopListening } stopped)
            return WriteResult<SupervisionEntry>.Ok(stopped);
        // An ended call's room is gone, and its listeners with it.
        if (!Progress.IsEnded && liveKit is not null)
        {
            try
            {
                await liveKit.RemoveParticipantAsync(state.State.RoomName, participantIdentity);
            }
            catch (LiveKitTwirpException e) when (e.Code == "not_found")
            {
                // Never joined, or already left.
            }
        }
        var entry = await AuditAsync(SupervisionAction.StopListening, actor, participantIdentity);
        return WriteResult<SupervisionEntry>.Ok(entry);
    }

    public Task<IReadOnlyList<SupervisionEntry>?> GetSupervisionAsync() =>
        Task.FromResult(Exists ? state.State.Supervision : null);

    private async Task<SupervisionEntry> AuditAsync(SupervisionAction action, string actor, string participant)
    {
        var entry = new SupervisionEntry { At = Now(), Action = action, Actor = actor, Participant = participant };
        state.State = state.State with { Supervision = [.. state.State.Supervision, entry] };
        await SaveAsync(durable: true, []);
        return entry;
    }
}
