using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns.Calling;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>"Outside every window" is judged in every zone the campaign's leads can be in, not only its default zone.</summary>
public sealed class CampaignWindowsTests
{
    private static readonly CallWindow[] NineToSeven =
    [
        new() { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 9 * 60, EndMinute = 19 * 60 },
    ];

    // Wednesday 9 December 2026, 20:00 UTC: 14:00 in Chicago, 01:30 on Thursday in Kolkata, 10:00 in Honolulu.
    private static readonly DateTimeOffset Evening = new(2026, 12, 9, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OneZoneWithAnOpenWindowIsEnough()
    {
        Assert.True(CampaignWindows.ClosedEverywhere(Evening, NineToSeven, ["Asia/Kolkata"]));
        Assert.False(CampaignWindows.ClosedEverywhere(Evening, NineToSeven, ["Asia/Kolkata", "Pacific/Honolulu"]));
        Assert.False(CampaignWindows.ClosedEverywhere(Evening, NineToSeven, ["America/Chicago"]));
        // 03:30 UTC on Thursday: 09:00 in Kolkata, 21:30 on Wednesday in Chicago.
        Assert.False(CampaignWindows.ClosedEverywhere(new DateTimeOffset(2026, 12, 10, 3, 30, 0, TimeSpan.Zero), NineToSeven, ["Asia/Kolkata", "America/Chicago"]));
        Assert.True(CampaignWindows.ClosedEverywhere(new DateTimeOffset(2026, 12, 10, 3, 29, 0, TimeSpan.Zero), NineToSeven, ["Asia/Kolkata", "America/Chicago"]));
    }

    [Fact]
    public void WithoutAnyKnownZoneNothingIsClaimed()
    {
        Assert.False(CampaignWindows.ClosedEverywhere(Evening, NineToSeven, []));
        Assert.False(CampaignWindows.ClosedEverywhere(Evening, NineToSeven, ["Not/AZone"]));
    }

    [Fact]
    public void AWindowAcrossMidnightIsOpenAfterMidnight()
    {
        CallWindow[] late = [new() { Days = [DayOfWeek.Wednesday], StartMinute = 22 * 60, EndMinute = 2 * 60 }];
        // 01:30 on Thursday in Kolkata belongs to Wednesday's 22:00–02:00.
        Assert.False(CampaignWindows.ClosedEverywhere(Evening, late, ["Asia/Kolkata"]));
        Assert.True(CampaignWindows.ClosedEverywhere(Evening, late, ["America/Chicago"]));
    }
}
