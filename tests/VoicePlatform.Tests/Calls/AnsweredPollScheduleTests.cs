using VoicePlatform.Grains.Calls;

namespace VoicePlatform.Tests.Calls;

/// <summary>An answered call's look at LiveKit: the configured period, stretched so a busy silo's calls stay within their request budget.</summary>
public sealed class AnsweredPollScheduleTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2_000, 10)]
    [InlineData(4_000, 20)]
    [InlineData(10_000, 50)]
    public void TheSilosCallsTogetherAskAtMostTheBudget(long liveCalls, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), AnsweredPollSchedule.Period(Ten, liveCalls, maxPollsPerSecond: 200));

    [Fact]
    public void ALongerConfiguredPeriodIsKept() =>
        Assert.Equal(TimeSpan.FromMinutes(2), AnsweredPollSchedule.Period(TimeSpan.FromMinutes(2), 10_000, 200));
}
