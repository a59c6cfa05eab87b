using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// A cold transfer of the answered callee to another number (SIP REFER through LiveKit). It is recorded before LiveKit
/// is asked and never retried, so a repeated request can never transfer twice; the result comes back from the
/// background request and is kept in the history, and a failed transfer leaves the call with the agent.
/// </summary>
public sealed partial class CallGrain
{
    public async Task<WriteResult<CallView>> TransferAsync(TransferCall transfer)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.TransferTo == transfer.To) return WriteResult<CallView>.Ok(View());
        if (state.State.TransferTo is { } earlier) return WriteResult<CallView>.Conflict($"The call was already transferred to {earlier}.", []);
        if (Progress.IsEnded) return WriteResult<CallView>.Conflict("The call has ended.", []);
        if (Progress.AnsweredAt is null) return WriteResult<CallView>.Conflict("The call has not been answered yet.", []);
        if (liveKit is null) return WriteResult<CallView>.Conflict("Telephony is not configured on this silo.", []);

        // Recorded before LiveKit is asked, so a retry can never transfer twice (TransferSIPParticipant is not retried).
        state.State = state.State with { TransferTo = transfer.To };
        await SaveAsync(durable: true, [CallHistory.Transferring(transfer.To, Now())]);
        LiveKitSide!.StartTransfer(state.State.RoomName, transfer.To, CalleeIdentity);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task ReportTransferOutcomeAsync(string? error)
    {
        if (!Exists) return;
        if (error is not null) state.State = state.State with { TransferError = error };
        await SaveAsync(durable: error is not null, [CallHistory.Transferred(state.State.TransferTo, error, Now())]);
    }
}
