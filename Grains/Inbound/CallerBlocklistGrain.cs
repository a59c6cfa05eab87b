using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Inbound;

namespace VoicePlatform.Grains.Inbound;

[GrainType("caller-blocklist")]
public sealed class CallerBlocklistGrain(
    [PersistentState("caller-blocklist", StorageNames.Platform)] IPersistentState<CallerBlocklistState> state,
    ILogger<CallerBlocklistGrain> logger) : Grain, ICallerBlocklistGrain
{
    private Dictionary<string, BlockedCaller>? _byNumber;

    private Dictionary<string, BlockedCaller> ByNumber => _byNumber ??= state.State.Callers.ToDictionary(c => c.Number, StringComparer.Ordinal);

    public async Task<WriteResult<BlockedCaller>> AddAsync(BlockedCaller caller)
    {
        if (ByNumber.TryGetValue(caller.Number, out var listed)) return WriteResult<BlockedCaller>.Ok(listed);
        if (ByNumber.Count >= ICallerBlocklistGrain.MaxCallers)
            return WriteResult<BlockedCaller>.Conflict($"The blocklist holds at most {ICallerBlocklistGrain.MaxCallers} callers; remove some first.", []);
        var next = state.State.Callers.Append(caller).OrderBy(c => c.Number, StringComparer.Ordinal).ToArray();
        await WriteAsync(next);
        logger.LogInformation("Caller {Number} blocked by {Actor}", caller.Number, caller.AddedBy);
        return WriteResult<BlockedCaller>.Created(caller);
    }

    public async Task<WriteResult<BlockedCaller>> RemoveAsync(string number)
    {
        if (!ByNumber.TryGetValue(number, out var listed)) return WriteResult<BlockedCaller>.NotFound();
        await WriteAsync(state.State.Callers.Where(c => c.Number != number).ToArray());
        logger.LogInformation("Caller {Number} unblocked", number);
        return WriteResult<BlockedCaller>.Ok(listed);
    }

    public Task<BlockedCaller?> FindAsync(string number) => Task.FromResult(ByNumber.GetValueOrDefault(number));

    public Task<Page<BlockedCaller>> ListAsync(string? after, int limit) => Task.FromResult(Paging.Take(state.State.Callers, c => c.Number, after, limit));

    private async Task WriteAsync(IReadOnlyList<BlockedCaller> callers)
    {
        await state.WriteOrRevertAsync(state.State with { Callers = callers });
        _byNumber = null;
    }
}
