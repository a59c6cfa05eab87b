using VoicePlatform.Grains.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GrainType("telephony-claim-conflicts")]
public sealed class TelephonyClaimConflictsGrain(
    [PersistentState("telephony-claim-conflicts", StorageNames.Platform)] IPersistentState<TelephonyClaimConflictsState> state)
    : Grain, ITelephonyClaimConflictsGrain
{
    public async Task ReportAsync(TelephonyClaimKey claim)
    {
        if (state.State.Contested.Contains(claim)) return;
        await WriteAsync(state.State with { Contested = [.. state.State.Contested, claim] });
    }

    public async Task ResolvedAsync(TelephonyClaimKey claim)
    {
        if (!state.State.Contested.Contains(claim)) return;
        await WriteAsync(state.State with { Contested = state.State.Contested.Where(c => c != claim).ToArray() });
    }

    public Task<IReadOnlyList<TelephonyClaimKey>> ListAsync() => Task.FromResult(state.State.Contested);

    public Task<bool> IsBackfilledAsync() => Task.FromResult(state.State.Backfilled);

    public async Task MarkBackfilledAsync()
    {
        if (!state.State.Backfilled) await WriteAsync(state.State with { Backfilled = true });
    }

    private async Task WriteAsync(TelephonyClaimConflictsState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
