using Orleans.Placement;
using System.Collections.Concurrent;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Tests.Cluster;

[Alias("test.IPlacementProbeGrain")]
public interface IPlacementProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds to the stored counter; answers the silo serving the call and the new count.</summary>
    Task<(string Silo, int Count)> IncrementAsync();
}

[GenerateSerializer, Alias("test.PlacementProbeState")]
public sealed record PlacementProbeState
{
    [Id(0)] public int Count { get; init; }
}

// Random, not Orleans' default resource-optimised placement: that one may send every new activation to the silo with
// the better load figures (seen on a busy 2-core machine: 200 probes, none on the second silo), and the test needs
// some on each.
[RandomPlacement]
[GrainType("test-placement-probe")]
public sealed class PlacementProbeGrain(
    [PersistentState("test-placement-probe", StorageNames.Platform)] IPersistentState<PlacementProbeState> state) : Grain, IPlacementProbeGrain
{
    public async Task<(string Silo, int Count)> IncrementAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return (RuntimeIdentity, state.State.Count);
    }
}

[Alias("test.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
    Task StopAsync();
}

/// <summary>Signals every reminder tick to the test process, which waits on it with a timeout.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Waiters = new();

    public static Task NextAsync(string key) => Waiters.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Reset(string key) => Waiters.TryRemove(key, out _);

    internal static void Tick(string key) => Waiters.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public async Task StartAsync(TimeSpan period) => await this.RegisterOrUpdateReminder("tick", period, period);

    public async Task StopAsync()
    {
        if (await this.GetReminder("tick") is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Tick(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
