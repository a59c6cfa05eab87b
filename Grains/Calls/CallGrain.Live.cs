using Microsoft.Extensions.Logging;
using Orleans.Streams;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Live;
using VoicePlatform.Live;

namespace VoicePlatform.Grains.Calls;

/// <summary>The call's live events: the whole call after every change, and each transcript segment, on its tenant's and its own stream.</summary>
public sealed partial class CallGrain
{
    private LiveEventPublisher? _live;

    private LiveEventPublisher Live => _live ??= new LiveEventPublisher(Key.Tenant, Key.Call.Value,
        liveOptions.Value.StreamProvider is { } name ? this.GetStreamProvider(name) : null, time, logger);

    private void PublishCallUpdated()
    {
        if (!Exists) return;
        Live.Publish(LiveEventTypes.CallUpdated, new CallUpdated { Call = View() }, LiveStreamIds.Tenant(Key.Tenant), LiveStreamIds.Call(Key.Tenant, Key.Call));
    }

    private void PublishTranscript(IReadOnlyList<TranscriptSegment> segments)
    {
        foreach (var segment in segments)
            Live.Publish(LiveEventTypes.CallTranscript, new CallTranscriptAdded { CallId = Key.Call, Segment = segment },
                LiveStreamIds.Tenant(Key.Tenant), LiveStreamIds.Call(Key.Tenant, Key.Call));
    }
}
