using System.Collections.Concurrent;
using Orleans.Storage;

namespace VoicePlatform.Tests.Branding;

/// <summary>
/// An in-memory grain storage whose writes fail for chosen grains, to prove that a failed write leaves nothing
/// half-made behind.
/// </summary>
public sealed class FailingStorage : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, bool> FailingKeys = new();
    private readonly ConcurrentDictionary<(string, GrainId), (object State, string ETag)> _rows = new();

    public static void FailWritesOf(string grainKey) => FailingKeys[grainKey] = true;

    /// <summary>Storage works again for the grain: the same request, repeated, now succeeds.</summary>
    public static void HealWritesOf(string grainKey) => FailingKeys.TryRemove(grainKey, out _);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = (T)row.State;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailingKeys.ContainsKey(grainId.Key.ToString()!)) throw new IOException($"Injected storage failure for {grainId}.");
        var etag = Guid.NewGuid().ToString("N");
        _rows[(stateName, grainId)] = (grainState.State!, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailingKeys.ContainsKey(grainId.Key.ToString()!)) throw new IOException($"Injected storage failure for {grainId}.");
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
