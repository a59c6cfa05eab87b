using NodaTime;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Decides how a number answers a call, free of Orleans and clocks: refused when the caller withholds the number and
/// the number does not take anonymous calls; the inbound agent within opening hours (the number's zone, holidays
/// closed all day); outside them the after-hours agent, or the closed message when there is none.
/// </summary>
public static class InboundRouter
{
    public static InboundDecision Decide(InboundRouting routing, string? callerNumber, DateTimeOffset now)
    {
        if (IsAnonymous(callerNumber) && !routing.AllowAnonymous)
            return new InboundDecision(InboundClaimMode.Refuse, routing.AgentId, null, "the caller withheld the number and this number refuses anonymous calls");
        if (IsOpen(routing, now)) return new InboundDecision(InboundClaimMode.Converse, routing.AgentId, null, "within opening hours");
        return routing.AfterHoursAgentId is { } afterHours
            ? new InboundDecision(InboundClaimMode.Converse, afterHours, null, "outside opening hours: the after-hours agent answers")
            : new InboundDecision(InboundClaimMode.Message, routing.AgentId, routing.ClosedMessage ?? InboundRouting.DefaultClosedMessage, "outside opening hours: closed");
    }

    /// <summary>A withheld caller: nothing, <c>anonymous</c>/<c>restricted</c>, or anything that is not a phone number.</summary>
    public static bool IsAnonymous(string? callerNumber) => !PhoneNumberParser.TryParse(callerNumber, out _, out _);

    public static bool IsOpen(InboundRouting routing, DateTimeOffset now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(routing.TimeZone) ?? DateTimeZone.Utc;
        var at = Instant.FromDateTimeOffset(now);
        var localDate = at.InZone(zone).Date;
        if (routing.Holidays.Contains(new DateOnly(localDate.Year, localDate.Month, localDate.Day))) return false;
        if (routing.Hours.Count == 0) return true;
        return LawfulCallingTime.IsAllowed(at, [zone], new LocalCallingDays(routing.Hours, []));
    }
}
