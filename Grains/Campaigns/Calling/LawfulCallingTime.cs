using NodaTime;
using NodaTime.TimeZones;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// The next moment a lead may lawfully be called: allowed by its calling days in <b>every</b> zone it could be in (a
/// number libphonenumber places in several zones is called only when all of them allow it), and within every
/// attempt cap. Local times that DST skips move to the first instant after the gap; an interval that starts in a
/// repeated hour starts at its first occurrence and one that ends in it ends at its last, so an allowed local time
/// is never lost and a forbidden one never gained.
/// </summary>
public static class LawfulCallingTime
{
    /// <summary>How far ahead to look before concluding a lead can never be called (a year of holidays and Sundays fits).</summary>
    public const int HorizonDays = 400;

    private static readonly ZoneLocalMappingResolver StartResolver = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver EndResolver = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>
    /// The earliest instant at or after <paramref name="from"/> allowed in every one of <paramref name="zones"/> and by
    /// <paramref name="caps"/> given the number's earlier <paramref name="attempts"/>; null when there is none within
    /// <see cref="HorizonDays"/> (or no zone at all).
    /// </summary>
    public static Instant? NextAllowed(Instant from, IReadOnlyList<DateTimeZone> zones, LocalCallingDays days,
        IReadOnlyList<Instant>? attempts = null, IReadOnlyList<AttemptCap>? caps = null)
    {
        if (zones.Count == 0 || days.IsNever) return null;
        var limit = from + Duration.FromDays(HorizonDays);
        var candidate = from;
        while (candidate < limit)
        {
            var moved = false;
            foreach (var zone in zones)
            {
                if (IntervalAtOrAfter(zone, days, candidate, limit) is not { } interval) return null;
                if (interval.Start > candidate)
                {
                    candidate = interval.Start;
                    moved = true;
                }
            }
            if (attempts is not null && caps is not null)
            {
                var capped = AttemptCap.NextAllowed(candidate, attempts, caps);
                if (capped > candidate)
                {
                    candidate = capped;
                    moved = true;
                }
            }
            if (!moved) return candidate;
        }
        return null;
    }

    /// <summary>Whether a call at <paramref name="at"/> is allowed in every zone (the attempt caps are not part of it).</summary>
    public static bool IsAllowed(Instant at, IReadOnlyList<DateTimeZone> zones, LocalCallingDays days) =>
        NextAllowed(at, zones, days) == at;

    /// <summary>The allowed interval in <paramref name="zone"/> that contains <paramref name="at"/> or is the first after it.</summary>
    private static (Instant Start, Instant End)? IntervalAtOrAfter(DateTimeZone zone, LocalCallingDays days, Instant at, Instant limit)
    {
        var date = at.InZone(zone).Date.PlusDays(-1);
        while (date.AtMidnight().InZoneLeniently(zone).ToInstant() < limit)
        {
            foreach (var (localStart, localEnd) in days.On(date))
            {
                var start = zone.ResolveLocal(localStart, StartResolver).ToInstant();
                var end = zone.ResolveLocal(localEnd, EndResolver).ToInstant();
                if (end > at && end > start) return (start, end);
            }
            date = date.PlusDays(1);
        }
        return null;
    }
}
