using VoicePlatform.Grains.Campaigns;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>A running campaign's live progress: every 2 s while cheap to read, spread out when the read is slow, at least once a minute.</summary>
public sealed class ProgressCadenceTests
{
    [Theory]
    [InlineData(0, 2_000)]
    [InlineData(40, 2_000)]
    [InlineData(100, 2_000)]
    [InlineData(150, 3_000)]
    [InlineData(1_400, 28_000)]
    [InlineData(3_000, 60_000)]
    [InlineData(120_000, 60_000)]
    public void TheIntervalKeepsTheReadToOneTwentiethOfTheTimeWithinItsBounds(int readMilliseconds, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), ProgressCadence.After(TimeSpan.FromMilliseconds(readMilliseconds)));
}
