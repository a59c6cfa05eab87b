using Microsoft.Extensions.Logging;
using Orleans.Streams;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Live;
using VoicePlatform.Live;

namespace VoicePlatform.Grains.Calls;

/// <summary>The call's live events: the whole call after every change, and each transcript segment, on its tenant's stream, and on its own once watched.</summary>
public sealed partial class CallGrain
{
    private LiveEventPublisher? _live;
    // Whether anyone asked to watch this call on its own stream (this activation): until then its tenant's stream alone.
    private bool _watched;

    private LiveEventPublisher Live => _live ??= new LiveEventPublisher(Key.Tenant, Key.Call.Value,
        liveOptions.Value.StreamProvider is { } name ? this.GetStreamProvider(name) : null, time, logger);

    public Task<CallWatch?> WatchAsync()
    {
        if (!Exists) return Task.FromResult<CallWatch?>(null);
        _watched = true;
        return Task.FromResult<CallWatch?>(new CallWatch { Call = View(), SourceEpoch = Live.Epoch, Sequence = Live.Sequence });
    }

    private void PublishCallUpdated()
    {
        if (!Exists) return;
        Publish(LiveEventTypes.CallUpdated, new CallUpdated { Call = View() });
    }

    private void PublishTranscript(IReadOnlyList<TranscriptSegment> segments)
    {
        foreach (var segment in segments) Publish(LiveEventTypes.CallTranscript, new CallTranscriptAdded { CallId = Key.Call, Segment = segment });
    }

    private void Publish(string type, LiveEventPayload payload)
    {
        if (_watched) Live.Publish(type, payload, LiveStreamIds.Tenant(Key.Tenant), LiveStreamIds.Call(Key.Tenant, Key.Call));
        else Live.Publish(type, payload, LiveStreamIds.Tenant(Key.Tenant));
    }
}
