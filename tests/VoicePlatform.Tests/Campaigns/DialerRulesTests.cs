using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Campaigns.Dialing;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>The dialer's plain parts: what a call's end makes of its lead, the tenant's fair budget, caller-id rotation.</summary>
public sealed class DialerRulesTests
{
    // Wednesday 2026-12-09 16:00 UTC: 11:00 in New York.
    private static readonly DateTimeOffset Now = new(2026, 12, 9, 16, 0, 0, TimeSpan.Zero);
    private static readonly CampaignId Campaign = PrefixedId.New<CampaignId>();

    private static readonly CampaignSettings Settings = new()
    {
        Name = "t", AgentId = PrefixedId.New<VoicePlatform.Agents.AgentId>(),
        Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 9 * 60, EndMinute = 20 * 60 }],
        Retry = new RetryPolicy
        {
            NoAnswer = new RetryRule { DelayMinutes = 60, MaxAttempts = 2 },
            Busy = new RetryRule { DelayMinutes = 10, MaxAttempts = 3 },
            Voicemail = new RetryRule { DelayMinutes = 24 * 60, MaxAttempts = 1 },
            Failed = new RetryRule { DelayMinutes = 30, MaxAttempts = 2 },
            MaxAttemptsPerLead = 4,
        },
    };

    private static LeadRecord Claimed(int attempts, IReadOnlyList<LeadAttempt>? log = null, string phone = "+12125550100") => new()
    {
        TenantId = TenantId.New(), CampaignId = Campaign, LeadId = LeadRecord.IdFor(Campaign, phone), Phone = phone,
        Status = LeadStatus.Dialing, Attempts = attempts, Revision = 7, ImportedAt = Now.AddDays(-1), UpdatedAt = Now, LastDialedAt = Now.AddMinutes(-1),
        AttemptLog = log ?? [],
    };

    private static LeadCallEnded Ended(LeadRecord lead, CallEndReason reason, CallDisposition? disposition = null, bool dialed = true, DateTimeOffset? callbackAt = null) => new()
    {
        CallId = lead.CurrentCallId, EndReason = reason, EndedAt = Now, DialedAt = dialed ? Now.AddMinutes(-1) : null,
        AnsweredAt = reason == CallEndReason.Completed ? Now.AddSeconds(-30) : null, Disposition = disposition, CallbackAt = callbackAt,
    };

    [Fact]
    public void ANoAnswerIsRetriedAfterItsDelayAndTheAttemptIsRecorded()
    {
        var lead = Claimed(1);
        var next = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.NoAnswer), Settings, Now);
        Assert.Equal((LeadStatus.RetryScheduled, 8L, (DateTimeOffset?)Now.AddHours(1)), (next.Status, next.Revision, next.NextCallableAt));
        var attempt = Assert.Single(next.AttemptLog);
        Assert.Equal((1, lead.CurrentCallId, "no-answer", Now.AddMinutes(-1)), (attempt.Number, attempt.CallId, attempt.Outcome, attempt.DialedAt));
        Assert.Contains("next attempt at", attempt.Decision);
    }

    [Fact]
    public void TheOutcomesCapAndTheLeadsCapExhaustIt()
    {
        var first = new LeadAttempt { Number = 1, CallId = PrefixedId.New<CallId>(), DialedAt = Now.AddHours(-2), Outcome = "no-answer" };
        var lead = Claimed(2, [first]);
        var second = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.NoAnswer), Settings, Now);
        Assert.Equal((LeadStatus.Exhausted, (DateTimeOffset?)null, 2), (second.Status, second.NextCallableAt, second.AttemptLog.Count));

        var busyThree = Claimed(4, [.. Enumerable.Range(1, 3).Select(i => first with { Number = i, Outcome = "busy" })]);
        var fourth = LeadProgression.AfterCall(busyThree, Ended(busyThree, CallEndReason.Failed), Settings, Now);
        Assert.Equal(LeadStatus.Exhausted, fourth.Status);
        Assert.Contains("4 attempts", fourth.StatusReason);
    }

    [Fact]
    public void AConversationCompletesACallbackIsPlacedInTheNextAllowedMomentAndDoNotCallFinishes()
    {
        var lead = Claimed(1);
        var done = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.Completed, CallDisposition.Qualified), Settings, Now);
        Assert.Equal((LeadStatus.Completed, (CallDisposition?)CallDisposition.Qualified), (done.Status, done.Disposition));

        // Asked for 22:00 New York: outside the window (09:00–20:00), so the next morning at nine.
        var callback = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.Completed, CallDisposition.CallbackRequested, callbackAt: new DateTimeOffset(2026, 12, 10, 3, 0, 0, TimeSpan.Zero)), Settings, Now);
        Assert.Equal((LeadStatus.RetryScheduled, (DateTimeOffset?)new DateTimeOffset(2026, 12, 10, 14, 0, 0, TimeSpan.Zero)), (callback.Status, callback.NextCallableAt));

        var never = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.Completed, CallDisposition.DoNotCall), Settings, Now);
        Assert.Equal((LeadStatus.DoNotCall, "do-not-call"), (never.Status, never.AttemptLog[^1].Outcome));
    }

    [Fact]
    public void ACallThatNeverRangIsNotCountedAndTheLeadWaitsAgain()
    {
        var lead = Claimed(1);
        var next = LeadProgression.AfterCall(lead, Ended(lead, CallEndReason.InsufficientFunds, dialed: false), Settings, Now);
        Assert.Equal((LeadStatus.Scheduled, 0, 0, (DateTimeOffset?)Now + LeadProgression.UndialedRetryDelay), (next.Status, next.Attempts, next.AttemptLog.Count, next.NextCallableAt));
        var listed = LeadProgression.ListedDoNotCall(lead, Now);
        Assert.Equal((LeadStatus.DoNotCall, 0, 8L), (listed.Status, listed.Attempts, listed.Revision));
    }

    [Fact]
    public void ALateOutcomeAmendsTheLastAttemptOnceAndOnlyThatAttempt()
    {
        var lead = Claimed(1);
        var ended = Ended(lead, CallEndReason.Completed);
        var completed = LeadProgression.AfterCall(lead, ended, Settings, Now);
        Assert.Equal(LeadStatus.Completed, completed.Status);
        var amended = LeadProgression.Amend(completed, ended with { Disposition = CallDisposition.DoNotCall }, Settings, Now.AddSeconds(5))!;
        Assert.Equal((LeadStatus.DoNotCall, 1, completed.Revision + 1), (amended.Status, amended.AttemptLog.Count, amended.Revision));
        Assert.Null(LeadProgression.Amend(amended, ended with { Disposition = CallDisposition.DoNotCall }, Settings, Now));
        Assert.Null(LeadProgression.Amend(amended, ended with { CallId = PrefixedId.New<CallId>(), Disposition = CallDisposition.Qualified }, Settings, Now));
    }

    [Fact]
    public void TheTenantsCapIsSharedFairlySoABusyCampaignCannotStarveAnother()
    {
        var budget = new TenantDialBudget();
        var (busy, late) = (PrefixedId.New<CampaignId>(), PrefixedId.New<CampaignId>());
        // Alone, the busy campaign may take the whole cap of 10.
        Assert.Equal(10, budget.Request(new DialRequest(busy, 0, 50, null), 10, Now).Granted);
        // A second campaign arrives while all 10 are live: nothing is free, so nothing for now…
        var refused = budget.Request(new DialRequest(late, 0, 50, null), 10, Now);
        Assert.Equal((0, DialLimit.TenantConcurrency), (refused.Granted, refused.Limit));
        // …and as the busy one's calls end, the freed slots go to the late one until both hold their half.
        Assert.Equal(0, budget.Request(new DialRequest(busy, 7, 50, null), 10, Now).Granted);
        Assert.Equal(3, budget.Request(new DialRequest(late, 0, 50, null), 10, Now).Granted);
        Assert.Equal(1, budget.Request(new DialRequest(busy, 4, 50, null), 10, Now).Granted);
        Assert.Equal(2, budget.Request(new DialRequest(late, 3, 50, null), 10, Now).Granted);
        Assert.Equal(10, budget.LiveCalls);
        // A campaign with nothing left to dial reports its live calls, and its slots are free for the other at once.
        budget.Report(busy, 0, null, Now);
        Assert.Equal(5, budget.Request(new DialRequest(late, 5, 50, null), 10, Now).Granted);
        // A campaign that wants less leaves its share to the other.
        var budget2 = new TenantDialBudget();
        Assert.Equal(2, budget2.Request(new DialRequest(late, 0, 2, null), 10, Now).Granted);
        Assert.Equal(8, budget2.Request(new DialRequest(busy, 0, 50, null), 10, Now).Granted);
    }

    [Fact]
    public void ATrunksChannelsAndCallsPerSecondBoundEveryCampaignOnIt()
    {
        var budget = new TenantDialBudget();
        var trunk = new TrunkLimits(PrefixedId.New<SipTrunkId>(), MaxConcurrentCalls: 4, CallsPerSecond: 2);
        var (a, b) = (PrefixedId.New<CampaignId>(), PrefixedId.New<CampaignId>());
        var first = budget.Request(new DialRequest(a, 0, 10, trunk), 100, Now);
        Assert.Equal((2, DialLimit.TrunkCallsPerSecond), (first.Granted, first.Limit));
        Assert.Equal(TimeSpan.FromSeconds(0.5), first.RetryAfter);
        Assert.Equal(0, budget.Request(new DialRequest(b, 0, 10, trunk), 100, Now).Granted);
        // A second later two more may go, and the channels (4) are then full.
        Assert.Equal(2, budget.Request(new DialRequest(b, 0, 10, trunk), 100, Now.AddSeconds(1)).Granted);
        var full = budget.Request(new DialRequest(a, 2, 10, trunk), 100, Now.AddSeconds(3));
        Assert.Equal((0, DialLimit.TrunkConcurrency), (full.Granted, full.Limit));
        // A campaign that stops reporting is forgotten, and its slots come back.
        Assert.Equal(2, budget.Request(new DialRequest(a, 2, 10, trunk), 100, Now.AddSeconds(3) + TenantDialBudget.ForgetAfter + TimeSpan.FromSeconds(1)).Granted);
    }

    [Fact]
    public void CallerIdsRotateStickToALeadOrMatchItsAreaCode()
    {
        var pool = new[]
        {
            new CallerIdChoice(PrefixedId.New<PhoneNumberId>(), "+12125550001", "US", null),
            new CallerIdChoice(PrefixedId.New<PhoneNumberId>(), "+13105550002", "US", null),
            new CallerIdChoice(PrefixedId.New<PhoneNumberId>(), "+442079460003", "GB", null),
        };
        var picker = new CallerIdPicker(pool);
        Assert.Equal(pool, Enumerable.Range(0, 3).Select(_ => picker.Pick(CallerIdRotation.RoundRobin, "lead", "+14155550100")));
        var sticky = Enumerable.Range(0, 5).Select(_ => picker.Pick(CallerIdRotation.StickyPerLead, "lead_abc", "+14155550100")).Distinct().ToList();
        Assert.Single(sticky);
        Assert.Equal(sticky[0], new CallerIdPicker(pool).Pick(CallerIdRotation.StickyPerLead, "lead_abc", "+14155550100"));
        Assert.Equal(pool[1], picker.Pick(CallerIdRotation.LocalPresence, "x", "+13105559999"));
        Assert.Equal(pool[2], picker.Pick(CallerIdRotation.LocalPresence, "x", "+442079461234"));
        Assert.Contains(picker.Pick(CallerIdRotation.LocalPresence, "x", "+14155550100"), pool[..2]);
        Assert.Null(new CallerIdPicker([]).Pick(CallerIdRotation.RoundRobin, "x", "+14155550100"));
    }

    [Fact]
    public void AbandonedCallsSlowThePaceInProportionThenCallForAPause()
    {
        var steering = new AbandonSteering(limitPercent: 3);
        for (var i = 0; i < 9; i++) steering.Observe(Now, abandoned: i % 3 == 0);
        // Nine answered calls say nothing yet.
        Assert.Equal((null, 60, false), (steering.RecentRatePercent(Now), steering.DialsPerMinute(60, Now), steering.ShouldPause(Now)));
        steering.Observe(Now, abandoned: false);
        Assert.Equal(30, steering.RecentRatePercent(Now));
        Assert.Equal(6, steering.DialsPerMinute(60, Now));   // 60 × 3 / 30
        Assert.False(steering.ShouldPause(Now));             // ten calls are enough to slow, not to stop
        for (var i = 0; i < 10; i++) steering.Observe(Now, abandoned: i % 2 == 0);
        Assert.True(steering.ShouldPause(Now));
        // The window forgets what is older than half an hour, and a person's resume forgets everything.
        Assert.Null(steering.RecentRatePercent(Now + AbandonSteering.Window + TimeSpan.FromSeconds(1)));
        steering.Reset();
        Assert.Equal(60, steering.DialsPerMinute(60, Now));
    }

    [Fact]
    public void ACallIsAbandonedWhenAPersonAnswersAndNoAgentIsInTheRoomWithinTwoSeconds()
    {
        var answered = new VoicePlatform.Grains.Calls.CallProgress { Status = CallStatus.Answered, QueuedAt = Now, AnsweredAt = Now };
        var agentFirst = VoicePlatform.Grains.Calls.CallLifecycle.AgentJoined(answered with { AnsweredAt = null, Status = CallStatus.Ringing }, Now.AddSeconds(-3)) with { Status = CallStatus.Ended, AnsweredAt = Now, EndReason = CallEndReason.Completed, EndedAt = Now.AddMinutes(1) };
        Assert.False(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(agentFirst, AnsweredBy.Human));
        var late = answered with { AgentJoinedAt = Now.AddSeconds(2.5), Status = CallStatus.Ended, EndReason = CallEndReason.Completed, EndedAt = Now.AddMinutes(1) };
        Assert.True(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(late, AnsweredBy.Human));
        Assert.False(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(late with { AgentJoinedAt = Now.AddSeconds(1.9) }, null));
        var never = answered with { Status = CallStatus.Ended, EndReason = CallEndReason.Completed, EndedAt = Now.AddSeconds(30) };
        Assert.True(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(never, null));
        Assert.False(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(never, AnsweredBy.Machine));
        // Hung up within the two seconds: gone before it could be abandoned.
        Assert.False(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(never with { EndedAt = Now.AddSeconds(1.5) }, null));
        Assert.False(VoicePlatform.Grains.Calls.CallLifecycle.IsAbandoned(never with { AnsweredAt = null, EndReason = CallEndReason.NoAnswer }, null));
        // The first sighting is kept.
        Assert.Equal(Now.AddSeconds(-3), VoicePlatform.Grains.Calls.CallLifecycle.AgentJoined(agentFirst with { Status = CallStatus.Answered }, Now).AgentJoinedAt);
    }
}
