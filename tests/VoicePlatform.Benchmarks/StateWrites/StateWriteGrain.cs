using VoicePlatform.Grains.Common;

namespace VoicePlatform.Benchmarks.StateWrites;

[GrainType("bench-state-write")]
public sealed class StateWriteGrain(
    [PersistentState("bench-state", StorageNames.Platform)] IPersistentState<StateWriteState> state,
    TimeProvider time) : Grain, IStateWriteGrain
{
    private const string Note = "benchmark state of roughly the size of a campaign or call record";

    public Task WriteAsync(long sequence)
    {
        state.State = state.State with { Sequence = sequence, WrittenAt = time.GetUtcNow(), Note = Note };
        return state.WriteStateAsync();
    }
}
