using VoicePlatform.Calls;
using VoicePlatform.Grains.Calls;

namespace VoicePlatform.Tests.Calls;

/// <summary>LiveKit ends a call at max_call_duration as a plain hang-up; the lifecycle recognises it by time.</summary>
public sealed class MaxDurationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static CallProgress AnsweredAt(DateTimeOffset at) => CallLifecycle.Answered(CallLifecycle.Dialing(CallLifecycle.Queued(T0), T0), at);

    [Theory]
    [InlineData(300, CallEndReason.MaxDurationReached)]
    [InlineData(299, CallEndReason.MaxDurationReached)]
    [InlineData(297, CallEndReason.Completed)]
    [InlineData(60, CallEndReason.Completed)]
    public void ANormalHangUpAtTheLimitIsMaxDurationReached(int secondsAfterAnswer, CallEndReason expected)
    {
        var answered = AnsweredAt(T0.AddSeconds(10));
        var ended = CallLifecycle.CalleeLeft(answered, "CLIENT_INITIATED", T0.AddSeconds(10 + secondsAfterAnswer), Limit);
        Assert.Equal(expected, ended.EndReason);
    }

    [Fact]
    public void ATrunkFailureAtTheLimitIsStillAFailureAndAnUnansweredCallIsNeverMaxDuration()
    {
        var answered = AnsweredAt(T0);
        Assert.Equal(CallEndReason.Failed, CallLifecycle.CalleeLeft(answered, "SIP_TRUNK_FAILURE", T0 + Limit, Limit).EndReason);
        var ringing = CallLifecycle.Ringing(CallLifecycle.Dialing(CallLifecycle.Queued(T0), T0), T0);
        Assert.Equal(CallEndReason.NoAnswer, CallLifecycle.CalleeLeft(ringing, "USER_UNAVAILABLE", T0 + Limit, Limit).EndReason);
    }

    [Fact]
    public void WithoutALimitEveryNormalHangUpIsCompleted() =>
        Assert.Equal(CallEndReason.Completed, CallLifecycle.CalleeLeft(AnsweredAt(T0), "CLIENT_INITIATED", T0.AddHours(5)).EndReason);
}
