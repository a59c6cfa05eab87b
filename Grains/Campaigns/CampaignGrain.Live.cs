using Microsoft.Extensions.Logging;
using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Live;
using VoicePlatform.Live;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The campaign's live events on its tenant's stream: the campaign with its progress (leads by status, live calls,
/// pace, why it is not dialing). A transition publishes at once; the changes of a running campaign (ends, ticks) at
/// most every <see cref="ProgressInterval"/>, the last of them always, because each is two reads of the lead table.
/// </summary>
public sealed partial class CampaignGrain
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    private LiveEventPublisher? _live;
    private DateTimeOffset _progressPublishedAt = DateTimeOffset.MinValue;
    private IGrainTimer? _progressTimer;

    private LiveEventPublisher Live => _live ??= new LiveEventPublisher(Key.Tenant, Key.Campaign.Value,
        liveOptions.Value.StreamProvider is { } name ? this.GetStreamProvider(name) : null, time, logger);

    /// <summary>A transition: published now.</summary>
    private void PublishProgressNow()
    {
        if (liveOptions.Value.StreamProvider is null) return;
        _progressPublishedAt = time.GetUtcNow();
        _progressTimer?.Dispose();
        _progressTimer = null;
        _ = PublishProgressAsync();
    }

    /// <summary>Something changed while it runs: published now if the last was long enough ago, else once when it is.</summary>
    private void PublishProgressSoon()
    {
        if (liveOptions.Value.StreamProvider is null) return;
        var due = _progressPublishedAt + ProgressInterval - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            PublishProgressNow();
            return;
        }
        _progressTimer ??= this.RegisterGrainTimer(() =>
        {
            PublishProgressNow();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task PublishProgressAsync()
    {
        try
        {
            if (await DescribeAsync() is { } view)
                Live.Publish(LiveEventTypes.CampaignUpdated, new CampaignUpdated { Campaign = view }, LiveStreamIds.Tenant(Key.Tenant));
        }
        catch (Exception e)
        {
            // A live view is best effort: the campaign's own work never waits for or fails on it.
            logger.LogDebug(e, "Campaign {CampaignId} progress not published", Key.Campaign);
        }
    }
}
