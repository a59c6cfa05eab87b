using NodaTime;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// Whether a campaign's own windows are closed for all of its leads at once: true when, in every zone its leads can be
/// in, no window is open now. Only the windows, not the calling rules: a lead inside a window but outside its legal
/// hours is "no lead callable now", since the campaign's settings are not what holds it back.
/// </summary>
public static class CampaignWindows
{
    public static bool ClosedEverywhere(DateTimeOffset now, IReadOnlyList<CallWindow> windows, IEnumerable<string> zoneIds)
    {
        var zones = zoneIds.Select(DateTimeZoneProviders.Tzdb.GetZoneOrNull).OfType<DateTimeZone>().ToList();
        if (zones.Count == 0) return false;
        var days = new LocalCallingDays(windows, []);
        var at = Instant.FromDateTimeOffset(now);
        return zones.All(zone => !LawfulCallingTime.IsAllowed(at, [zone], days));
    }
}
