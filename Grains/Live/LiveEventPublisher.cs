using Microsoft.Extensions.Logging;
using Orleans.Streams;
using VoicePlatform.Common;
using VoicePlatform.Live;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Live;

/// <summary>
/// One source's live events (a call's, a campaign's, a wallet's) for one activation: numbered 1, 2, 3… under an epoch
/// of its own, and sent without waiting. Publishing never delays or fails the work that causes it: a send is not
/// awaited, a failed one is logged, and past <see cref="MaxPending"/> unfinished sends an event is dropped — its number
/// is still used, so a consumer sees the gap and takes a fresh snapshot. Used only from its grain's turns.
/// </summary>
public sealed class LiveEventPublisher(TenantId tenant, string sourceId, IStreamProvider? provider, TimeProvider time, ILogger logger)
{
    /// <summary>Sends still in flight beyond which events are dropped (a stalled stream costs events, not calls).</summary>
    public const int MaxPending = 256;

    private readonly string _epoch = RandomIds.Create(12);
    private long _sequence;
    private int _pending;

    /// <summary>Events dropped because too many sends were pending, and sends that failed.</summary>
    public long Lost { get; private set; }

    public string Epoch => _epoch;

    /// <summary>The number of the last event published (or dropped) by this source in this epoch.</summary>
    public long Sequence => _sequence;

    public void Publish(string type, LiveEventPayload payload, params ReadOnlySpan<StreamId> streams)
    {
        if (provider is null) return;
        var sequence = ++_sequence;
        if (_pending >= MaxPending)
        {
            Lost++;
            logger.LogDebug("Live event {Type} #{Sequence} of {SourceId} dropped: {Pending} sends pending", type, sequence, sourceId, _pending);
            return;
        }
        var item = new LiveEvent
        {
            Type = type, TenantId = tenant, SourceId = sourceId, SourceEpoch = _epoch, Sequence = sequence, At = time.GetUtcNow(), Payload = payload,
        };
        foreach (var stream in streams)
        {
            _pending++;
            _ = SendAsync(provider.GetStream<LiveEvent>(stream), item);
        }
    }

    private async Task SendAsync(IAsyncStream<LiveEvent> stream, LiveEvent item)
    {
        try
        {
            await stream.OnNextAsync(item);
        }
        catch (Exception e)
        {
            Lost++;
            logger.LogDebug(e, "Live event {Type} #{Sequence} of {SourceId} not sent to {Stream}", item.Type, item.Sequence, item.SourceId, stream.StreamId);
        }
        finally
        {
            _pending--;
        }
    }
}
