using NodaTime;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// The zones a lead could be in, by the campaign's policy: the lead's own IANA zone when it gave one; else the zones
/// libphonenumber derives from the number (several for some area codes, all of which must allow a call); else the
/// campaign's default zone; else none, and the lead is not dialed, saying why.
/// </summary>
public static class LeadZones
{
    public static (IReadOnlyList<DateTimeZone> Zones, string? Problem) Resolve(string? leadZone, E164Number number, string? campaignDefaultZone)
    {
        if (!string.IsNullOrWhiteSpace(leadZone))
        {
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(leadZone.Trim()) is { } zone
                ? ([zone], null)
                : ([], $"'{leadZone}' is not an IANA time zone.");
        }
        var derived = number.TimeZones.Select(z => DateTimeZoneProviders.Tzdb.GetZoneOrNull(z)).OfType<DateTimeZone>().Distinct().ToList();
        if (derived.Count > 0) return (derived, null);
        if (!string.IsNullOrWhiteSpace(campaignDefaultZone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(campaignDefaultZone) is { } fallback)
            return ([fallback], null);
        return ([], "The lead's time zone cannot be determined from its number, and the campaign has no default zone.");
    }
}
