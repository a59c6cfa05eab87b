using System.Threading.Channels;
using VoicePlatform.ApiHost.Live;
using VoicePlatform.Live;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// A connection that stops reading: its queue fills to its bound, then it loses what is queued and is told once to
/// resync; posting never waits for it; after a fresh subscription events flow to it again.
/// </summary>
public sealed class LiveOutboxTests
{
    private static LiveEvent Event(long sequence) => new()
    {
        Type = LiveEventTypes.WalletUpdated, TenantId = TenantId.New(), SourceId = "src", SourceEpoch = "e", Sequence = sequence, At = DateTimeOffset.UnixEpoch,
        Payload = new WalletUpdated { Wallet = new VoicePlatform.Wallets.WalletView { Currency = "USD", Balance = sequence, Reserved = 0, LowBalanceThreshold = 0, LowBalance = false } },
    };

    [Fact]
    public async Task AConnectionThatStopsReadingFallsBehindAloneAndIsToldToResyncOnce()
    {
        var sent = Channel.CreateUnbounded<(string Method, object? Argument)>();
        var stuck = new TaskCompletionSource();
        var first = true;
        await using var outbox = new LiveOutbox(async (method, argument, _) =>
        {
            await sent.Writer.WriteAsync((method, argument));
            if (first)
            {
                first = false;
                await stuck.Task;   // the client stops reading after its first message
            }
        }, capacity: 10);

        outbox.Post(Event(1));
        var (method, argument) = await sent.Reader.ReadAsync();
        Assert.Equal((LiveStreamBridge.EventMethod, 1L), (method, ((LiveEvent)argument!).Sequence));

        for (var i = 2; i <= 100; i++) outbox.Post(Event(i));   // returns at once: nothing waits for the stuck client
        Assert.Equal(1, outbox.Resyncs);
        Assert.False(sent.Reader.TryRead(out _));

        // The client reads again: what was queued is gone, and the next message tells it to resync.
        stuck.SetResult();
        (method, _) = await sent.Reader.ReadAsync();
        Assert.Equal(LiveOutbox.ResyncMethod, method);

        // Until it subscribes again, nothing more; then events flow.
        outbox.Post(Event(101));
        outbox.Resynced();
        outbox.Post(Event(102));
        (method, argument) = await sent.Reader.ReadAsync();
        Assert.Equal((LiveStreamBridge.EventMethod, 102L), (method, ((LiveEvent)argument!).Sequence));
        Assert.Equal(1, outbox.Resyncs);
    }

    [Fact]
    public async Task ClosingTheQueueOfAConnectionThatNeverReadsDoesNotWaitForIt()
    {
        var started = new TaskCompletionSource();
        var outbox = new LiveOutbox(async (_, _, cancellation) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellation);   // a send that would never finish on its own
        }, capacity: 10);
        outbox.Post(Event(1));
        await started.Task;
        await outbox.DisposeAsync();   // returns: the stuck send is cancelled
    }

    [Fact]
    public async Task AReadingConnectionGetsEveryEventInOrder()
    {
        var sent = Channel.CreateUnbounded<LiveEvent>();
        await using var outbox = new LiveOutbox((_, argument, _) => sent.Writer.WriteAsync((LiveEvent)argument!).AsTask(), capacity: 10);
        for (var i = 1; i <= 5; i++) outbox.Post(Event(i));
        var received = new List<long>();
        for (var i = 1; i <= 5; i++) received.Add((await sent.Reader.ReadAsync()).Sequence);
        Assert.Equal([1L, 2, 3, 4, 5], received);
        Assert.Equal(0, outbox.Resyncs);
    }
}
