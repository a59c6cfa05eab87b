using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns.Calling;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>Every retry path of the policy, and the pacer's rate and concurrency on a fake clock.</summary>
public sealed class RetryAndPacingTests
{
    private static readonly DateTimeOffset Ended = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = RetryPolicy.Default;

    [Theory]
    [InlineData(CallEndReason.NoAnswer, null, AttemptOutcome.NoAnswer)]
    [InlineData(CallEndReason.Busy, null, AttemptOutcome.Busy)]
    [InlineData(CallEndReason.Voicemail, null, AttemptOutcome.Voicemail)]
    [InlineData(CallEndReason.Rejected, null, AttemptOutcome.Failed)]
    [InlineData(CallEndReason.Failed, null, AttemptOutcome.Failed)]
    [InlineData(CallEndReason.Completed, null, AttemptOutcome.Conversation)]
    [InlineData(CallEndReason.Completed, CallDisposition.CallbackRequested, AttemptOutcome.CallbackRequested)]
    [InlineData(CallEndReason.Completed, CallDisposition.DoNotCall, AttemptOutcome.DoNotCall)]
    [InlineData(CallEndReason.Voicemail, CallDisposition.NotInterested, AttemptOutcome.Conversation)]
    public void ACallsEndAndDispositionGiveTheAttemptsOutcome(CallEndReason end, CallDisposition? disposition, AttemptOutcome expected) =>
        Assert.Equal(expected, AttemptOutcomes.Of(end, disposition));

    [Theory]
    [InlineData(AttemptOutcome.NoAnswer, 240)]
    [InlineData(AttemptOutcome.Busy, 30)]
    [InlineData(AttemptOutcome.Voicemail, 1440)]
    [InlineData(AttemptOutcome.Failed, 60)]
    public void AnUnfinishedAttemptIsRetriedAfterItsDelay(AttemptOutcome outcome, int delayMinutes)
    {
        var decision = RetryDecider.Decide(Policy, outcome, attemptsWithOutcome: 1, attemptsInAll: 1, Ended);
        Assert.Equal(Ended.AddMinutes(delayMinutes), decision.RetryNotBefore);
        Assert.Null(decision.Final);
    }

    [Theory]
    [InlineData(AttemptOutcome.NoAnswer, 3)]
    [InlineData(AttemptOutcome.Busy, 3)]
    [InlineData(AttemptOutcome.Voicemail, 2)]
    [InlineData(AttemptOutcome.Failed, 2)]
    public void AnOutcomeRepeatedUpToItsLimitExhaustsTheLead(AttemptOutcome outcome, int limit)
    {
        Assert.NotNull(RetryDecider.Decide(Policy, outcome, limit - 1, limit - 1, Ended).RetryNotBefore);
        Assert.Equal(LeadFinish.Exhausted, RetryDecider.Decide(Policy, outcome, limit, limit, Ended).Final);
    }

    [Fact]
    public void TheLeadsOwnLimitCountsEveryAttempt()
    {
        var decision = RetryDecider.Decide(Policy, AttemptOutcome.Busy, attemptsWithOutcome: 1, attemptsInAll: Policy.MaxAttemptsPerLead, Ended);
        Assert.Equal(LeadFinish.Exhausted, decision.Final);
    }

    [Fact]
    public void ACallbackIsAtTheAskedTimeAndDoNotCallAndConversationsFinish()
    {
        var asked = Ended.AddDays(1).AddHours(2);
        Assert.Equal(asked, RetryDecider.Decide(Policy, AttemptOutcome.CallbackRequested, 1, 1, Ended, asked).RetryNotBefore);
        // A time in the past, or none: as soon as lawful.
        Assert.Equal(Ended, RetryDecider.Decide(Policy, AttemptOutcome.CallbackRequested, 1, 1, Ended, Ended.AddHours(-1)).RetryNotBefore);
        Assert.Equal(LeadFinish.DoNotCall, RetryDecider.Decide(Policy, AttemptOutcome.DoNotCall, 1, Policy.MaxAttemptsPerLead, Ended).Final);
        Assert.Equal(LeadFinish.Completed, RetryDecider.Decide(Policy, AttemptOutcome.Conversation, 1, 1, Ended).Final);
    }

    [Fact]
    public void ThePacerDialsAtItsRateWhateverTheTickJitter()
    {
        // 600 dials a minute for 60 s on ticks of 100 ms ± 40 ms: 600 within ±2 %.
        var pacer = new DialPacer(maxConcurrent: 1_000, maxPerMinute: 600, tickPeriod: TimeSpan.FromMilliseconds(100));
        var random = new Random(7);
        var start = new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
        var now = start;
        var dials = 0;
        while (now < start.AddSeconds(60))
        {
            dials += pacer.Take(now, liveCalls: 0, ready: 1_000);
            now = now.AddMilliseconds(60 + random.Next(81));
        }
        Assert.InRange(dials, 588, 612);
    }

    [Fact]
    public void ThePacerNeverExceedsTheConcurrencyNorBurstsAfterAnIdleHour()
    {
        var pacer = new DialPacer(maxConcurrent: 5, maxPerMinute: 120, tickPeriod: TimeSpan.FromSeconds(1));
        var t = new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, pacer.Take(t, liveCalls: 0, ready: 100));
        Assert.Equal(0, pacer.Take(t.AddHours(1), liveCalls: 5, ready: 100));
        // After an idle hour the budget holds what two ticks need (4 dials at 2 a second), not 7,200.
        Assert.Equal(4, pacer.Take(t.AddHours(1).AddSeconds(1), liveCalls: 0, ready: 100));
        Assert.Equal(t.AddHours(1).AddSeconds(1.5), pacer.NextDialAt(t.AddHours(1).AddSeconds(1)));
        Assert.Equal(0, pacer.Take(t.AddHours(2), liveCalls: 0, ready: 0));
    }
}
