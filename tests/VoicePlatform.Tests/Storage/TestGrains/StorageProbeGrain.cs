namespace VoicePlatform.Tests.Storage.TestGrains;

/// <summary>
/// Persists two named states through the ADO.NET provider under test. One class serves every
/// key kind so the tests compare like with like.
/// </summary>
[GrainType("storage-probe")]
public sealed class StorageProbeGrain(
    [PersistentState("probe-first", StorageProbeGrain.StorageName)] IPersistentState<ProbeState> first,
    [PersistentState("probe-second", StorageProbeGrain.StorageName)] IPersistentState<ProbeState> second)
    : Grain, IStringKeyStorageProbeGrain, IGuidKeyStorageProbeGrain, IIntegerKeyStorageProbeGrain, IGuidCompoundKeyStorageProbeGrain
{
    public const string StorageName = "postgres";

    public async Task<ProbeSnapshot> ReadAsync(ProbeSlot slot)
    {
        var state = Select(slot);
        await state.ReadStateAsync();
        return Snapshot(state);
    }

    public async Task<ProbeSnapshot> WriteAsync(ProbeSlot slot, string value)
    {
        var state = Select(slot);
        state.State.Value = value;
        await state.WriteStateAsync();
        return Snapshot(state);
    }

    public async Task<ProbeSnapshot> ClearAsync(ProbeSlot slot)
    {
        var state = Select(slot);
        await state.ClearStateAsync();
        return Snapshot(state);
    }

    private IPersistentState<ProbeState> Select(ProbeSlot slot) => slot == ProbeSlot.First ? first : second;

    private static ProbeSnapshot Snapshot(IPersistentState<ProbeState> state) =>
        new(state.RecordExists, state.Etag, state.RecordExists ? state.State.Value : null);
}
