using System.Threading.Channels;
using VoicePlatform.Live;

namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// One connection's queue of live events, sent by its own pump: a connection that stops reading holds up only
/// itself, never the stream or the other connections. The queue is bounded; a connection that falls
/// <see cref="Capacity"/> events behind loses what is queued and is told to resync (a fresh snapshot), once, until
/// it takes one.
/// </summary>
public sealed class LiveOutbox : IAsyncDisposable
{
    public const int DefaultCapacity = 1_000;
    public const string ResyncMethod = "resync";

    private readonly Channel<LiveEvent?> _queue;
    private readonly Func<string, object?, CancellationToken, Task> _send;
    private readonly Task _pump;
    private readonly CancellationTokenSource _closing = new();
    private int _behind;

    /// <param name="send">Sends one message (method, argument) to the connection; cancelled when the outbox closes, so a
    /// send stuck on a connection that stopped reading never holds up its disposal.</param>
    public LiveOutbox(Func<string, object?, CancellationToken, Task> send, int capacity = DefaultCapacity)
    {
        Capacity = capacity;
        _send = send;
        // One slot beyond the capacity for the resync notice (null), so it always fits.
        _queue = Channel.CreateBounded<LiveEvent?>(new BoundedChannelOptions(capacity + 1) { SingleReader = true });
        _pump = Task.Run(PumpAsync);
    }

    public int Capacity { get; }

    /// <summary>How many times this connection was told to resync.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    private int _resyncs;

    /// <summary>Queues an event; never waits. Dropped while the connection is behind (it is told to resync).</summary>
    public void Post(LiveEvent item)
    {
        if (Volatile.Read(ref _behind) == 1) return;
        if (_queue.Reader.Count < Capacity && _queue.Writer.TryWrite(item)) return;
        RequireResync($"more than {Capacity} events behind: subscribe again for a fresh snapshot");
    }

    /// <summary>
    /// Events may have been lost on the way here (the connection fell behind, or the cluster connection was lost and
    /// the streams subscribed anew): what is queued is dropped and the connection is told, once, to take a fresh
    /// snapshot.
    /// </summary>
    public void RequireResync(string reason)
    {
        if (Interlocked.Exchange(ref _behind, 1) == 1) return;
        Volatile.Write(ref _resyncReason, reason);
        while (_queue.Reader.TryRead(out _)) { }
        Interlocked.Increment(ref _resyncs);
        _queue.Writer.TryWrite(null);
    }

    private string _resyncReason = "";

    /// <summary>The connection took a fresh snapshot: events flow to it again.</summary>
    public void Resynced() => Volatile.Write(ref _behind, 0);

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(_closing.Token))
            {
                if (item is null) await _send(ResyncMethod, new { reason = Volatile.Read(ref _resyncReason) }, _closing.Token);
                else await _send(LiveStreamBridge.EventMethod, item, _closing.Token);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // The connection is gone; its disconnect disposes this outbox.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _closing.CancelAsync();
        await _pump;
        _closing.Dispose();
    }
}
