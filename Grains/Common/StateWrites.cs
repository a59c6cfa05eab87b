namespace VoicePlatform.Grains.Common;

/// <summary>
/// The write step of every CRUD grain (brand, persona, agent, trunk, number, campaign). The shape of each command:
/// validate → not found → revision check (stale) → the same request again answers what is there (and re-publishes,
/// which repairs a publish that failed after its write) → the gate that reserves what the write needs (a catalog
/// entry, a platform claim) → <see cref="WriteOrRevertAsync{T}"/> with the undo of that gate → publish → log.
/// </summary>
public static class StateWrites
{
    /// <summary>
    /// Makes <paramref name="next"/> the grain's state and stores it. When storage fails, the state in memory goes back
    /// to the last one stored (so the activation never serves what was never written), <paramref name="undo"/> gives
    /// back what was reserved for this write, and the failure reaches the caller, who may repeat the request.
    /// </summary>
    public static async Task WriteOrRevertAsync<T>(this IPersistentState<T> state, T next, Func<Task>? undo = null)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception failure)
        {
            state.State = previous;
            await UndoAsync(failure, undo);
            throw;
        }
    }

    /// <summary>
    /// Clears the grain's stored state. When storage fails, the state is kept as it was and <paramref name="undo"/>
    /// puts back what was released for the delete (a catalog or directory entry).
    /// </summary>
    public static async Task ClearOrRevertAsync<T>(this IPersistentState<T> state, Func<Task>? undo = null)
    {
        var previous = state.State;
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception failure)
        {
            state.State = previous;
            await UndoAsync(failure, undo);
            throw;
        }
    }

    /// <summary>A stale write: the caller's revision (If-Match) is not the current one.</summary>
    public static bool IsStale(int? expectedRevision, int currentRevision) =>
        expectedRevision is { } expected && expected != currentRevision;

    private static async Task UndoAsync(Exception failure, Func<Task>? undo)
    {
        if (undo is null) return;
        try
        {
            await undo();
        }
        catch (Exception undoFailure)
        {
            // Both matter: the write that failed, and that what it reserved is still held (a repeat repairs it).
            throw new AggregateException("The state write failed, and so did giving back what it had reserved.", failure, undoFailure);
        }
    }
}
