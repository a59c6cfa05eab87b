using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns.Calling;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>A campaign's estimated completion counts only the time its windows are open in its leads' zones.</summary>
public sealed class CompletionEstimateTests
{
    private static readonly DayOfWeek[] Every = Enum.GetValues<DayOfWeek>();

    [Fact]
    public void AlwaysOpenIsLeadsOverTheRate()
    {
        CallWindow[] always = [new() { Days = Every, StartMinute = 0, EndMinute = CallWindow.MinutesPerDay }];
        var now = new DateTimeOffset(2026, 12, 9, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddMinutes(10), CompletionEstimate.At(now, 1_200, 120, always, ["America/Chicago"]));
    }

    [Fact]
    public void ClosedHoursAreSkippedToTheNextOpening()
    {
        CallWindow[] office = [new() { Days = Every, StartMinute = 9 * 60, EndMinute = 17 * 60 }];
        // 16:00 in Chicago on Wednesday: an hour left today, the other hour from 09:00 on Thursday (15:00 UTC).
        var now = new DateTimeOffset(2026, 12, 9, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 16, 0, 0, TimeSpan.Zero), CompletionEstimate.At(now, 240, 2, office, ["America/Chicago"]));
        // With Kolkata leads too, its morning (03:30 UTC) opens first.
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 4, 30, 0, TimeSpan.Zero), CompletionEstimate.At(now, 240, 2, office, ["America/Chicago", "Asia/Kolkata"]));
    }

    [Fact]
    public void NothingToEstimateIsNull()
    {
        CallWindow[] office = [new() { Days = [DayOfWeek.Monday], StartMinute = 9 * 60, EndMinute = 10 * 60 }];
        var now = new DateTimeOffset(2026, 12, 9, 22, 0, 0, TimeSpan.Zero);
        Assert.Null(CompletionEstimate.At(now, 0, 120, office, ["America/Chicago"]));
        Assert.Null(CompletionEstimate.At(now, 10, 0, office, ["America/Chicago"]));
        // An hour a week at one dial a minute: 10,000 leads take longer than the horizon.
        Assert.Null(CompletionEstimate.At(now, 10_000, 1, office, ["America/Chicago"]));
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 15, 30, 0, TimeSpan.Zero), CompletionEstimate.At(now, 30, 1, office, ["America/Chicago"]));
    }
}
