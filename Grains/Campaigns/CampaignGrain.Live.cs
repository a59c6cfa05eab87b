using Microsoft.Extensions.Logging;
using VoicePlatform.Grains.Live;
using VoicePlatform.Live;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The campaign's live events on its tenant's stream: the campaign with its progress (leads by status, live calls,
/// pace, why it is not dialing). A transition publishes at once; the changes of a running campaign (ends, ticks) at
/// most every <see cref="ProgressCadence.Minimum"/>, longer for a campaign whose progress is slow to read (each is two
/// reads of the lead table, see <see cref="ProgressCadence"/>), the last of them always.
/// </summary>
public sealed partial class CampaignGrain
{
    private LiveEventPublisher? _live;
    private TrailingThrottle? _progress;

    private TrailingThrottle? ProgressThrottle => liveOptions.Value.StreamProvider is not { } name ? null : _progress ??= new TrailingThrottle(ProgressCadence.Minimum, time,
        (due, callback) => this.RegisterGrainTimer(callback, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan }),
        () => _ = PublishProgressAsync(_live ??= new LiveEventPublisher(Key.Tenant, Key.Campaign.Value, this.GetStreamProvider(name), time, logger)));

    /// <summary>A transition: published now.</summary>
    private void PublishProgressNow() => ProgressThrottle?.Now();

    /// <summary>Something changed while it runs: published now if the last was long enough ago, else once when it is.</summary>
    private void PublishProgressSoon() => ProgressThrottle?.Changed();

    private async Task PublishProgressAsync(LiveEventPublisher live)
    {
        try
        {
            var started = time.GetTimestamp();
            var view = await DescribeAsync();
            if (_progress is { } throttle) throttle.Interval = ProgressCadence.After(time.GetElapsedTime(started));
            if (view is not null)
                live.Publish(LiveEventTypes.CampaignUpdated, new CampaignUpdated { Campaign = view }, LiveStreamIds.Tenant(Key.Tenant));
        }
        catch (Exception e)
        {
            // A live view is best effort: the campaign's own work never waits for or fails on it.
            logger.LogDebug(e, "Campaign {CampaignId} progress not published", Key.Campaign);
        }
    }
}
