using NodaTime;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// When a running campaign should have dialed every lead still waiting: one more dial each at the pace it steers to,
/// counted only in the minutes its windows are open in at least one of its leads' zones. A floor, not a promise:
/// retries add dials, and calling rules can close a window early.
/// </summary>
public static class CompletionEstimate
{
    /// <summary>Estimates further out than this are not given.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    /// <summary>Null when nothing waits, nothing can be dialed, or the estimate is past the <see cref="Horizon"/>.</summary>
    public static DateTimeOffset? At(DateTimeOffset now, int leadsWaiting, double dialsPerMinute, IReadOnlyList<CallWindow> windows, IReadOnlyList<string> zoneIds)
    {
        if (leadsWaiting <= 0 || dialsPerMinute <= 0) return null;
        var zones = zoneIds.Select(DateTimeZoneProviders.Tzdb.GetZoneOrNull).OfType<DateTimeZone>().ToList();
        if (zones.Count == 0) zones.Add(DateTimeZone.Utc);
        var days = new LocalCallingDays(windows, []);
        var minutesNeeded = leadsWaiting / dialsPerMinute;
        var at = now;
        while (at - now < Horizon)
        {
            var instant = Instant.FromDateTimeOffset(at);
            var opens = zones.Select(zone => LawfulCallingTime.NextAllowed(instant, [zone], days)).Where(o => o is not null).Min();
            if (opens is null) return null;
            if (opens > instant)
            {
                // Closed everywhere: on to the next opening in any zone, in one jump.
                at = opens.Value.ToDateTimeOffset();
                continue;
            }
            if (minutesNeeded <= Step.TotalMinutes) return at.AddMinutes(minutesNeeded);
            minutesNeeded -= Step.TotalMinutes;
            at += Step;
        }
        return null;
    }
}
