using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using VoicePlatform.Live;

namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// Orleans live streams to SignalR groups: one Orleans subscription per stream in this process, however many
/// connections watch it, made when the first joins and dropped when the last leaves. Each API host bridges on its
/// own, so several behind a load balancer all deliver. Sending to a group never waits for a slow connection: SignalR
/// buffers per connection.
/// </summary>
public sealed class LiveStreamBridge(IClusterClient cluster, IHubContext<LiveHub> hub, ILogger<LiveStreamBridge> logger)
{
    public const string EventMethod = "event";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<StreamId, Watch> _watches = [];
    private readonly Dictionary<string, HashSet<StreamId>> _byConnection = [];

    /// <summary>Streams with an Orleans subscription in this process now.</summary>
    public int ActiveStreams
    {
        get { lock (_watches) return _watches.Count; }
    }

    public async Task JoinAsync(string connectionId, StreamId stream)
    {
        await _gate.WaitAsync();
        try
        {
            var group = GroupOf(stream);
            await hub.Groups.AddToGroupAsync(connectionId, group);
            if (!_watches.TryGetValue(stream, out var watch))
            {
                var handle = await cluster.GetStreamProvider(LiveStreamIds.Provider).GetStream<LiveEvent>(stream)
                    .SubscribeAsync((item, _) => hub.Clients.Group(group).SendAsync(EventMethod, item));
                lock (_watches) _watches[stream] = watch = new Watch(handle);
                logger.LogDebug("Live stream {Stream} bridged", stream);
            }
            watch.Connections.Add(connectionId);
            if (!_byConnection.TryGetValue(connectionId, out var streams)) _byConnection[connectionId] = streams = [];
            streams.Add(stream);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task LeaveAsync(string connectionId, StreamId stream)
    {
        await _gate.WaitAsync();
        try
        {
            await LeaveLockedAsync(connectionId, stream);
            if (_byConnection.TryGetValue(connectionId, out var streams) && streams.Remove(stream) && streams.Count == 0) _byConnection.Remove(connectionId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A connection closed: it leaves every stream it watched.</summary>
    public async Task LeaveAllAsync(string connectionId)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_byConnection.Remove(connectionId, out var streams)) return;
            foreach (var stream in streams) await LeaveLockedAsync(connectionId, stream);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LeaveLockedAsync(string connectionId, StreamId stream)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(stream));
        if (!_watches.TryGetValue(stream, out var watch) || !watch.Connections.Remove(connectionId) || watch.Connections.Count > 0) return;
        lock (_watches) _watches.Remove(stream);
        try
        {
            await watch.Handle.UnsubscribeAsync();
        }
        catch (Exception e)
        {
            // The subscription dies with this client anyway; a failed goodbye only leaves the cluster to find out.
            logger.LogWarning(e, "Live stream {Stream} could not be unsubscribed", stream);
        }
    }

    /// <summary>The SignalR group of a stream's watchers.</summary>
    public static string GroupOf(StreamId stream) => $"{stream.GetNamespace()}:{stream.GetKeyAsString()}";

    private sealed record Watch(StreamSubscriptionHandle<LiveEvent> Handle)
    {
        public HashSet<string> Connections { get; } = [];
    }
}
