using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using VoicePlatform.Live;

namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// Orleans live streams to SignalR connections: one Orleans subscription per stream in this process, however many
/// connections watch it, made when the first joins and dropped when the last leaves. Each API host bridges on its
/// own, so several behind a load balancer all deliver. An event is only queued per connection (<see cref="LiveOutbox"/>):
/// a connection that stops reading never slows the stream or anyone else, and is told to resync when it falls too far
/// behind.
/// </summary>
public sealed class LiveStreamBridge(IClusterClient cluster, IHubContext<LiveHub> hub, ILogger<LiveStreamBridge> logger) : IAsyncDisposable
{
    public const string EventMethod = "event";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<StreamId, Watch> _watches = [];
    private readonly Dictionary<string, Watcher> _connections = [];

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
            if (!_connections.TryGetValue(connectionId, out var watcher))
            {
                var client = hub.Clients.Client(connectionId);
                _connections[connectionId] = watcher = new Watcher(new LiveOutbox((method, argument, cancellation) => client.SendAsync(method, argument, cancellation)));
            }
            // Joining is taking a snapshot: whatever this connection missed is covered by it.
            watcher.Outbox.Resynced();
            if (!watcher.Streams.Add(stream)) return;
            if (!_watches.TryGetValue(stream, out var watch))
            {
                watch = new Watch();
                watch.Handle = await Subscribe(stream, watch);
                lock (_watches) _watches[stream] = watch;
                logger.LogDebug("Live stream {Stream} bridged", stream);
            }
            lock (watch.Outboxes) watch.Outboxes.Add(watcher.Outbox);
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
            if (_connections.TryGetValue(connectionId, out var watcher) && watcher.Streams.Remove(stream)) await LeaveLockedAsync(watcher, stream);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A connection closed: it leaves every stream it watched, and its queue is dropped.</summary>
    public async Task LeaveAllAsync(string connectionId)
    {
        Watcher? watcher;
        await _gate.WaitAsync();
        try
        {
            if (!_connections.Remove(connectionId, out watcher)) return;
            foreach (var stream in watcher.Streams) await LeaveLockedAsync(watcher, stream);
        }
        finally
        {
            _gate.Release();
        }
        // Outside the gate: closing a queue waits for its sender, which must never hold up other connections' joins.
        await watcher.Outbox.DisposeAsync();
    }

    /// <summary>
    /// The cluster client lost the cluster and found it again: a subscription may not have survived (a stream delivers
    /// nothing to a client it cannot reach, and may drop it), and events were lost meanwhile. Every bridged stream is
    /// subscribed anew and every connection is told to resync from a fresh snapshot.
    /// </summary>
    public async Task ResubscribeAllAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var streams = 0;
            foreach (var (stream, watch) in _watches.ToArray())
            {
                try
                {
                    await watch.Handle!.UnsubscribeAsync();
                }
                catch (Exception e)
                {
                    logger.LogDebug(e, "Live stream {Stream}: the old subscription could not be removed", stream);
                }
                watch.Handle = await Subscribe(stream, watch);
                streams++;
            }
            foreach (var watcher in _connections.Values) watcher.Outbox.RequireResync("the live feed reconnected to the cluster: subscribe again for a fresh snapshot");
            logger.LogInformation("Live streams bridged anew after the cluster connection came back: {Streams} streams, {Connections} connections told to resync",
                streams, _connections.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<StreamSubscriptionHandle<LiveEvent>> Subscribe(StreamId stream, Watch watch) =>
        cluster.GetStreamProvider(LiveStreamIds.Provider).GetStream<LiveEvent>(stream).SubscribeAsync((item, _) => DeliverAsync(watch, item));

    private static Task DeliverAsync(Watch watch, LiveEvent item)
    {
        lock (watch.Outboxes)
            foreach (var outbox in watch.Outboxes) outbox.Post(item);
        return Task.CompletedTask;
    }

    private async Task LeaveLockedAsync(Watcher watcher, StreamId stream)
    {
        if (!_watches.TryGetValue(stream, out var watch)) return;
        int left;
        lock (watch.Outboxes)
        {
            watch.Outboxes.Remove(watcher.Outbox);
            left = watch.Outboxes.Count;
        }
        if (left > 0) return;
        lock (_watches) _watches.Remove(stream);
        try
        {
            await watch.Handle!.UnsubscribeAsync();
        }
        catch (Exception e)
        {
            // The subscription dies with this client anyway; a failed goodbye only leaves the cluster to find out.
            logger.LogWarning(e, "Live stream {Stream} could not be unsubscribed", stream);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _connections.Values) await watcher.Outbox.DisposeAsync();
        _connections.Clear();
    }

    private sealed class Watch
    {
        public StreamSubscriptionHandle<LiveEvent>? Handle { get; set; }
        public HashSet<LiveOutbox> Outboxes { get; } = [];
    }

    private sealed record Watcher(LiveOutbox Outbox)
    {
        public HashSet<StreamId> Streams { get; } = [];
    }
}
