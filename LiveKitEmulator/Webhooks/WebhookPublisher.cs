using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>
/// Serializes <c>WebhookEvent</c>s (JSON names, zero values omitted, <c>createdAt</c> as an int64 string)
/// and queues them for <see cref="WebhookDeliveryService"/>, applying loss, duplication and reordering
/// from one seeded random at publish time so the outcome depends only on the seed and the event order.
/// </summary>
public sealed class WebhookPublisher : IDisposable
{
    private readonly EmulatorClock _clock;
    private readonly WebhookOptions _options;
    private readonly ILogger<WebhookPublisher> _logger;
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly List<WebhookDelivery> _held = [];
    private ITimer? _flushTimer;
    private long _queuedCount;
    private long _publishedCount;
    private long _droppedCount;
    private long _duplicatedCount;

    public WebhookPublisher(EmulatorClock clock, IOptions<LiveKitEmulatorOptions> options, ILogger<WebhookPublisher> logger)
    {
        _clock = clock;
        _options = options.Value.Webhook;
        _logger = logger;
        _random = _options.Faults.Seed is { } seed ? new Random(seed) : new Random();
    }

    internal ChannelReader<WebhookDelivery> Queue => _queue.Reader;

    /// <summary>How many deliveries (duplicates included, lost and still-held events excluded) have been queued so far.</summary>
    public long QueuedCount => Interlocked.Read(ref _queuedCount);

    /// <summary>Events raised so far, before any fault.</summary>
    public long PublishedCount => Interlocked.Read(ref _publishedCount);

    /// <summary>Events the loss fault dropped.</summary>
    public long DroppedCount => Interlocked.Read(ref _droppedCount);

    /// <summary>Events the duplicate fault sent twice.</summary>
    public long DuplicatedCount => Interlocked.Read(ref _duplicatedCount);

    public void Publish(string eventName, JsonObject? room = null, JsonObject? participant = null, JsonObject? egressInfo = null)
    {
        if (_options.Urls.Count == 0 && _options.UrlSource is null)
        {
            return;
        }

        var id = LiveKitIds.New(LiveKitIds.WebhookEvent);
        var webhookEvent = new JsonObject { ["event"] = eventName };
        if (room is not null)
        {
            webhookEvent["room"] = room;
        }

        if (participant is not null)
        {
            webhookEvent["participant"] = participant;
        }

        if (egressInfo is not null)
        {
            webhookEvent["egressInfo"] = egressInfo;
        }

        webhookEvent["id"] = id;
        webhookEvent["createdAt"] = _clock.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var delivery = new WebhookDelivery(id, eventName, Encoding.UTF8.GetBytes(webhookEvent.ToJsonString(Twirp.ProtoJsonWriter.SerializerOptions)));

        var faults = _options.Faults;
        lock (_lock)
        {
            _publishedCount++;
            if (faults.LossProbability > 0 && _random.NextDouble() < faults.LossProbability)
            {
                _droppedCount++;
                _logger.LogInformation("Webhook {EventId} {Event} dropped (loss fault)", id, eventName);
                return;
            }

            var copies = faults.DuplicateProbability > 0 && _random.NextDouble() < faults.DuplicateProbability ? 2 : 1;
            if (copies == 2) _duplicatedCount++;
            for (var i = 0; i < copies; i++)
            {
                HoldLocked(delivery);
            }
        }
    }

    private void HoldLocked(WebhookDelivery delivery)
    {
        var window = _options.Faults.ReorderWindow;
        if (window <= 1)
        {
            Enqueue(delivery);
            return;
        }

        _held.Add(delivery);
        if (_held.Count >= window)
        {
            ReleaseOneLocked();
        }

        _flushTimer ??= _clock.Time.CreateTimer(_ => FlushHeld(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _flushTimer.Change(_clock.Scale(_options.Faults.ReorderFlushAfter), Timeout.InfiniteTimeSpan);
    }

    private void FlushHeld()
    {
        lock (_lock)
        {
            while (_held.Count > 0)
            {
                ReleaseOneLocked();
            }
        }
    }

    private void ReleaseOneLocked()
    {
        var index = _random.Next(_held.Count);
        Enqueue(_held[index]);
        _held.RemoveAt(index);
    }

    private void Enqueue(WebhookDelivery delivery)
    {
        Interlocked.Increment(ref _queuedCount);
        _queue.Writer.TryWrite(delivery);
    }

    public void Dispose() => _flushTimer?.Dispose();
}
