using NodaTime;
using NodaTime.Text;
using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Telephony;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// The lawful calling time of a lead, on fixed instants (no real clock): windows in the lead's local time, the federal
/// and state rules, DST gaps and overlaps, ranges across midnight, numbers that could be in several zones, and caps.
/// </summary>
public sealed class CallingTimeTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();
    private static readonly CallWindow AllDay = new() { Days = EveryDay, StartMinute = 0, EndMinute = CallWindow.MinutesPerDay };

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    /// <summary>A local time in a zone, as the instant it is there (unambiguous times only).</summary>
    private static Instant At(string zone, string local) =>
        LocalDateTimePattern.GeneralIso.Parse(local).Value.InZoneStrictly(Zone(zone)).ToInstant();

    private static string Local(Instant? at, string zone) =>
        LocalDateTimePattern.GeneralIso.Format(at!.Value.InZone(Zone(zone)).LocalDateTime);

    private static E164Number Number(string e164) =>
        PhoneNumberParser.TryParse(e164, out var number, out var error) ? number : throw new ArgumentException(error);

    private static LocalCallingDays Days(IReadOnlyList<CallingRule> rules, params CallWindow[] windows) => new(windows.Length == 0 ? [AllDay] : windows, rules);

    private static IReadOnlyList<CallingRule> Federal => CallingRuleBook.Shipped.All.Where(r => r.AppliesTo == "US").ToList();

    [Theory]
    [InlineData("America/New_York", "2026-06-10T07:59:00", "2026-06-10T08:00:00")]
    [InlineData("America/New_York", "2026-06-10T21:00:00", "2026-06-11T08:00:00")]
    [InlineData("America/Los_Angeles", "2026-06-10T06:00:00", "2026-06-10T08:00:00")]
    [InlineData("America/Phoenix", "2026-03-08T07:30:00", "2026-03-08T08:00:00")]
    [InlineData("Pacific/Honolulu", "2026-11-01T22:15:00", "2026-11-02T08:00:00")]
    [InlineData("America/New_York", "2026-06-10T12:00:00", "2026-06-10T12:00:00")]
    public void TheFederalHoursBindInTheCalledPartysOwnTime(string zone, string from, string expected)
    {
        var next = LawfulCallingTime.NextAllowed(At(zone, from), [Zone(zone)], Days(Federal));
        Assert.Equal(expected, Local(next, zone));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-29T08:30:00", "2026-03-30T09:00:00")] // Sunday (the UK's DST day) → Monday
    [InlineData("Asia/Kolkata", "2026-06-12T16:59:00", "2026-06-12T16:59:00")]
    [InlineData("Asia/Kolkata", "2026-06-12T17:00:00", "2026-06-15T09:00:00")] // Friday after hours → Monday
    [InlineData("Australia/Sydney", "2026-04-05T10:00:00", "2026-04-06T09:00:00")] // DST ends on a Sunday
    [InlineData("Australia/Sydney", "2026-10-02T16:30:00", "2026-10-02T16:30:00")]
    public void CampaignWindowsAreTheLeadsLocalWeekdayHours(string zone, string from, string expected)
    {
        var window = new CallWindow { Days = Weekdays, StartMinute = 9 * 60, EndMinute = 17 * 60 };
        var next = LawfulCallingTime.NextAllowed(At(zone, from), [Zone(zone)], Days([], window));
        Assert.Equal(expected, Local(next, zone));
    }

    [Fact]
    public void AWindowThatStartsInTheSpringGapOpensWhenTheClockReappears()
    {
        // New York, 2026-03-08: 02:00 becomes 03:00. A 02:30–04:00 window opens at 03:00 EDT, an hour of calling.
        var zone = Zone("America/New_York");
        var window = new CallWindow { Days = [DayOfWeek.Sunday], StartMinute = 150, EndMinute = 240 };
        var from = Instant.FromUtc(2026, 3, 8, 5, 0); // 00:00 EST
        var next = LawfulCallingTime.NextAllowed(from, [zone], Days([], window));
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 0), next); // 03:00 EDT
        Assert.True(LawfulCallingTime.IsAllowed(Instant.FromUtc(2026, 3, 8, 7, 59), [zone], Days([], window)));
        Assert.False(LawfulCallingTime.IsAllowed(Instant.FromUtc(2026, 3, 8, 8, 0), [zone], Days([], window)));
    }

    [Fact]
    public void AWindowAcrossTheAutumnRepeatKeepsBothCopiesOfTheHour()
    {
        // New York, 2026-11-01: 01:00–02:00 happens twice. A 01:30–03:00 window runs from the first 01:30 (EDT, 05:30Z)
        // to 03:00 EST (08:00Z): two and a half real hours, every one of them a local time inside the window.
        var zone = Zone("America/New_York");
        var days = Days([], new CallWindow { Days = [DayOfWeek.Sunday], StartMinute = 90, EndMinute = 180 });
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 30), LawfulCallingTime.NextAllowed(Instant.FromUtc(2026, 11, 1, 4, 0), [zone], days));
        Assert.True(LawfulCallingTime.IsAllowed(Instant.FromUtc(2026, 11, 1, 6, 45), [zone], days)); // the second 01:45 (EST)
        Assert.True(LawfulCallingTime.IsAllowed(Instant.FromUtc(2026, 11, 1, 7, 59), [zone], days));
        Assert.False(LawfulCallingTime.IsAllowed(Instant.FromUtc(2026, 11, 1, 8, 0), [zone], days));
    }

    [Fact]
    public void TheFederalHoursHoldOnBothDstSwitchDays()
    {
        var zone = Zone("America/New_York");
        foreach (var day in new[] { "2026-03-08", "2026-11-01" })
        {
            Assert.Equal($"{day}T08:00:00", Local(LawfulCallingTime.NextAllowed(At("America/New_York", $"{day}T00:30:00"), [zone], Days(Federal)), "America/New_York"));
            Assert.False(LawfulCallingTime.IsAllowed(At("America/New_York", $"{day}T21:00:00"), [zone], Days(Federal)));
        }
    }

    [Fact]
    public void ARangeAcrossMidnightBelongsToTheDayItOpensAndClosesTheNextMorning()
    {
        var zone = Zone("Europe/London");
        var days = Days([], new CallWindow { Days = [DayOfWeek.Friday], StartMinute = 22 * 60, EndMinute = 2 * 60 });
        Assert.True(LawfulCallingTime.IsAllowed(At("Europe/London", "2026-06-12T23:00:00"), [zone], days)); // Friday night
        Assert.True(LawfulCallingTime.IsAllowed(At("Europe/London", "2026-06-13T01:59:00"), [zone], days)); // Saturday morning
        Assert.False(LawfulCallingTime.IsAllowed(At("Europe/London", "2026-06-13T02:00:00"), [zone], days));
        // Saturday night is not a Friday: the next opening is the following Friday at 22:00.
        Assert.Equal("2026-06-19T22:00:00", Local(LawfulCallingTime.NextAllowed(At("Europe/London", "2026-06-13T22:30:00"), [zone], days), "Europe/London"));
    }

    [Fact]
    public void ANumberThatCouldBeInTwoZonesIsCalledOnlyWhenBothAllowIt()
    {
        IReadOnlyList<DateTimeZone> both = [Zone("America/New_York"), Zone("America/Chicago")];
        // 08:30 in New York is 07:30 in Chicago: not yet. 09:00 New York is 08:00 Chicago: both allow it.
        Assert.Equal("2026-06-10T09:00:00", Local(LawfulCallingTime.NextAllowed(At("America/New_York", "2026-06-10T08:30:00"), both, Days(Federal)), "America/New_York"));
        // 20:30 in Chicago is 21:30 in New York: closed in one of them, so closed.
        Assert.False(LawfulCallingTime.IsAllowed(At("America/Chicago", "2026-06-10T20:30:00"), both, Days(Federal)));
    }

    [Fact]
    public void ALeadsZoneComesFromItselfThenItsNumberThenTheCampaign()
    {
        var newYork = Number("+12125550100");
        Assert.Equal("Europe/Paris", Assert.Single(LeadZones.Resolve("Europe/Paris", newYork, "UTC").Zones).Id);
        Assert.Equal("America/New_York", Assert.Single(LeadZones.Resolve(null, newYork, "UTC").Zones).Id);
        Assert.NotNull(LeadZones.Resolve("Mars/Olympus", newYork, "UTC").Problem);
        // A toll-free number could be anywhere in the NANP: every one of those zones must allow the call.
        Assert.True(LeadZones.Resolve(null, Number("+18005550100"), "America/Denver").Zones.Count > 10);
        // A number libphonenumber cannot place at all takes the campaign's zone, or is not dialed, saying why.
        var unplaced = newYork with { TimeZones = [] };
        Assert.Equal("America/Denver", Assert.Single(LeadZones.Resolve(null, unplaced, "America/Denver").Zones).Id);
        Assert.NotNull(LeadZones.Resolve(null, unplaced, null).Problem);
    }

    [Theory]
    [InlineData("+13055550123", "US-FL", "2026-06-10T20:30:00", "2026-06-11T08:00:00")] // Florida: 08:00–20:00
    [InlineData("+15025550123", "US-KY", "2026-06-10T09:30:00", "2026-06-10T10:00:00")] // Kentucky: from 10:00
    [InlineData("+12035550123", "US-CT", "2026-06-10T08:30:00", "2026-06-10T09:00:00")] // Connecticut: from 09:00
    [InlineData("+12055550123", "US-AL", "2026-06-14T12:00:00", "2026-06-15T08:00:00")] // Alabama: no Sundays
    [InlineData("+12055550123", "US-AL", "2026-12-25T12:00:00", "2026-12-26T08:00:00")] // Alabama: Christmas is a state holiday
    [InlineData("+15045550123", "US-LA", "2026-02-17T10:00:00", "2026-02-18T08:00:00")] // Louisiana: Mardi Gras
    [InlineData("+16015550123", "US-MS", "2026-06-14T09:00:00", "2026-06-15T08:00:00")] // Mississippi: no Sundays
    [InlineData("+12125550123", "US", "2026-06-10T20:30:00", "2026-06-10T20:30:00")]    // New York: the federal 21:00
    public void StateRulesAreStricterThanTheFederalBound(string e164, string jurisdiction, string from, string expected)
    {
        var number = Number(e164);
        Assert.Equal(jurisdiction, CallingRuleBook.Shipped.JurisdictionOf(number));
        var (zones, _) = LeadZones.Resolve(null, number, null);
        var zone = zones[0].Id;
        var next = LawfulCallingTime.NextAllowed(At(zone, from), zones, Days(CallingRuleBook.Shipped.RulesFor(number)));
        Assert.Equal(expected, Local(next, zone));
    }

    [Fact]
    public void AtMostThreeAttemptsPer24HoursToAFloridaNumber()
    {
        var number = Number("+13055550123");
        var rules = CallingRuleBook.Shipped.RulesFor(number);
        var caps = AttemptCap.From(rules);
        Assert.Equal(new AttemptCap(3, Duration.FromHours(24)), Assert.Single(caps));
        var zone = Zone("America/New_York");
        var now = At("America/New_York", "2026-06-10T12:00:00");
        var attempts = new[] { now - Duration.FromHours(20), now - Duration.FromHours(10), now - Duration.FromHours(1) };
        // The oldest of the three leaves the 24 hours at 16:00; 16:00 is within Florida's hours.
        var next = LawfulCallingTime.NextAllowed(now, [zone], Days(rules), attempts, caps);
        Assert.Equal("2026-06-10T16:00:00", Local(next, "America/New_York"));
        // Two attempts in the window leave room for a third now.
        Assert.Equal(now, LawfulCallingTime.NextAllowed(now, [zone], Days(rules), attempts[1..], caps));
        // Freed after hours (the oldest of three leaves at 21:30): moved into the next morning.
        var evening = At("America/New_York", "2026-06-10T19:00:00");
        var busy = new[] { evening - Duration.FromHours(21.5), evening - Duration.FromHours(3), evening - Duration.FromHours(1) };
        Assert.Equal("2026-06-11T08:00:00", Local(LawfulCallingTime.NextAllowed(evening, [zone], Days(rules), busy, caps), "America/New_York"));
        // Three in the last two hours: the oldest leaves the window tomorrow at 10:00, inside Florida's hours.
        var late = new[] { now - Duration.FromHours(2), now - Duration.FromHours(1), now };
        Assert.Equal("2026-06-11T10:00:00", Local(LawfulCallingTime.NextAllowed(now + Duration.FromMinutes(1), [zone], Days(rules), late, caps), "America/New_York"));
    }

    [Fact]
    public void ALeadThatCanNeverBeCalledHasNoNextTime()
    {
        Assert.Null(LawfulCallingTime.NextAllowed(Instant.FromUtc(2026, 6, 10, 12, 0), [], Days(Federal)));
        var weekendsOnly = new CallWindow { Days = [DayOfWeek.Sunday], StartMinute = 600, EndMinute = 700 };
        var noSundays = CallingRuleBook.Shipped.RulesFor(Number("+16015550123"));
        Assert.Null(LawfulCallingTime.NextAllowed(Instant.FromUtc(2026, 6, 10, 12, 0), [Zone("America/Chicago")], Days(noSundays, weekendsOnly)));
    }

    [Fact]
    public void EveryShippedRuleNamesItsSource()
    {
        Assert.All(CallingRuleBook.Shipped.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Contains(CallingRuleBook.Shipped.All, r => r.AppliesTo == "US" && r.FromMinute == 480 && r.ToMinute == 1260);
    }

    [Fact]
    public void AnotherCampaignsClaimStampedAfterThisOneStillCountsTowardsTheCap()
    {
        // Florida: three in 24 hours. Two dials recorded, and another campaign's claim stamped 50 ms after this
        // dialer's own stamp (its tick began later, its claim was written first): a fourth would break the cap.
        var cap = new AttemptCap(3, Duration.FromHours(24));
        var now = Instant.FromUtc(2026, 12, 9, 17, 56, 45);
        Instant[] dials = [now - Duration.FromMinutes(85), now - Duration.FromMinutes(84), now + Duration.FromMilliseconds(50)];
        Assert.Equal(dials[0] + Duration.FromHours(24), AttemptCap.NextAllowed(now, dials, [cap]));
        Assert.Equal(now, AttemptCap.NextAllowed(now, dials[..2], [cap]));
    }
}
