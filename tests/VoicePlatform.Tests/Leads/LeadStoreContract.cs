using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Leads;

/// <summary>What every lead store does, in memory and on PostgreSQL alike: merge on import, the dial queue, revision order.</summary>
public abstract class LeadStoreContract
{
    protected abstract ILeadStore Store { get; }

    protected static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    protected static LeadRecord Lead(TenantId tenant, CampaignId campaign, string phone, DateTimeOffset? next = null, LeadStatus status = LeadStatus.Scheduled) => new()
    {
        TenantId = tenant, CampaignId = campaign, LeadId = LeadRecord.IdFor(campaign, phone), Phone = phone, Status = status,
        NextCallableAt = next, ImportedAt = Noon, UpdatedAt = Noon, Revision = 1,
    };

    [Fact]
    public async Task AnImportMergesNumbersTheCampaignHasAndKeepsEveryField()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var full = Lead(tenant, campaign, "+14155550100", Noon) with
        {
            Name = "Jürgen Müller", Email = "j@example.com", TimeZone = "America/Los_Angeles", ConsentAt = Noon.AddDays(-3), ConsentSource = "web form",
            Variables = new Dictionary<string, string> { ["first_name"] = "Jürgen", ["note"] = "line one\nline two" },
        };
        Assert.Equal(new LeadImportCounts(2, 1), await Store.ImportAsync([full, Lead(tenant, campaign, "+14155550101"), full with { Name = "again" }]));
        Assert.Equal(new LeadImportCounts(1, 2), await Store.ImportAsync([Lead(tenant, campaign, "+14155550100"), Lead(tenant, campaign, "+14155550101"), Lead(tenant, campaign, "+14155550102")]));
        var stored = (await Store.GetAsync(tenant, campaign, full.LeadId))!;
        Assert.Equal(("Jürgen Müller", "web form", "line one\nline two"), (stored.Name, stored.ConsentSource, stored.Variables["note"]));
        Assert.Equal((full.ConsentAt, full.NextCallableAt, full.TimeZone), (stored.ConsentAt, stored.NextCallableAt, stored.TimeZone));
        // The same number in another campaign is another lead.
        var other = PrefixedId.New<CampaignId>();
        Assert.Equal(new LeadImportCounts(1, 0), await Store.ImportAsync([Lead(tenant, other, "+14155550100")]));
    }

    [Fact]
    public async Task AReturnedCallFindsTheCallersLeadsAndIsNoDial()
    {
        var tenant = TenantId.New();
        var (first, second, third) = (PrefixedId.New<CampaignId>(), PrefixedId.New<CampaignId>(), PrefixedId.New<CampaignId>());
        const string phone = "+14155550190";
        var inbound = new LeadAttempt
        {
            Number = 0, CallId = PrefixedId.New<CallId>(), DialedAt = Noon.AddMinutes(-5), AnsweredAt = Noon.AddMinutes(-5), Direction = CallDirection.Inbound,
        };
        var callback = new LeadAttempt { Number = 1, CallId = PrefixedId.New<CallId>(), DialedAt = Noon.AddHours(-3), Outcome = "callback-requested" };
        await Store.ImportAsync([Lead(tenant, first, phone), Lead(tenant, second, phone), Lead(tenant, third, phone), Lead(TenantId.New(), first, phone)]);
        // Dialed most recently, but finished; dialed earlier and waiting for the callback it asked for; never dialed.
        Assert.True(await Store.UpdateAsync(Lead(tenant, first, phone, status: LeadStatus.Completed) with { Revision = 2, LastDialedAt = Noon.AddHours(-1), Attempts = 1, AttemptLog = [inbound] }));
        Assert.True(await Store.UpdateAsync(Lead(tenant, second, phone, Noon.AddDays(1), LeadStatus.RetryScheduled) with { Revision = 2, LastDialedAt = Noon.AddHours(-3), Attempts = 1, AttemptLog = [callback] }));

        var found = await Store.FindByPhoneAsync(tenant, phone, 5);
        Assert.Equal([second, first, third], found.Select(l => l.CampaignId));
        Assert.Equal(CallDirection.Inbound, found[1].AttemptLog.Single().Direction);
        Assert.Single(await Store.FindByPhoneAsync(tenant, phone, 1));
        Assert.Empty(await Store.FindByPhoneAsync(tenant, "+14155550191", 5));
        // The caller's own call is not a dial: only the callback attempt counts for the number's frequency caps.
        var dials = await Store.DialTimesOfNumberAsync(tenant, phone, Noon.AddDays(-1), third, LeadRecord.IdFor(third, phone));
        Assert.Equal([Noon.AddHours(-3)], dials);
    }

    [Fact]
    public async Task TheDialQueueGivesDueLeadsEarliestFirstInSmallBatches()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        await Store.ImportAsync(
        [
            Lead(tenant, campaign, "+14155550110", Noon.AddMinutes(5)),
            Lead(tenant, campaign, "+14155550111", Noon.AddMinutes(-10)),
            Lead(tenant, campaign, "+14155550112", Noon.AddMinutes(-20)),
            Lead(tenant, campaign, "+14155550113", Noon),
            Lead(tenant, campaign, "+14155550114", null, LeadStatus.Completed),
        ]);
        var due = await Store.DueAsync(tenant, campaign, Noon, limit: 2);
        Assert.Equal(["+14155550112", "+14155550111"], due.Select(l => l.Phone));
        Assert.Equal(3, (await Store.DueAsync(tenant, campaign, Noon, limit: 10)).Count);
        Assert.Equal(Noon.AddMinutes(-20), await Store.NextCallableAtAsync(tenant, campaign));
        Assert.Empty(await Store.DueAsync(TenantId.New(), campaign, Noon, 10));

        // Taken off the queue while dialed: the next due lead comes first.
        var dialing = due[0] with { Status = LeadStatus.Dialing, NextCallableAt = null, Attempts = 1, Revision = 2, UpdatedAt = Noon };
        Assert.True(await Store.UpdateAsync(dialing));
        Assert.Equal("+14155550111", (await Store.DueAsync(tenant, campaign, Noon, 1))[0].Phone);
    }

    [Fact]
    public async Task ClaimingTakesDueLeadsOnceEvenWithClaimersRacingAndRecordsAttemptsThatReadBack()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var phones = Enumerable.Range(0, 40).Select(i => $"+1415555{i + 200:0000}").ToList();
        await Store.ImportAsync([.. phones.Select((p, i) => Lead(tenant, campaign, p, Noon.AddSeconds(-i))), Lead(tenant, campaign, "+14155559999", Noon.AddMinutes(1))]);

        // Eight dialers claim at once, five at a time: every due lead is claimed exactly once, none not yet due.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.ClaimDueAsync(tenant, campaign, Noon, 5))));
        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Select(l => l.LeadId).Distinct().Count());
        Assert.All(claimed, l => Assert.Equal((LeadStatus.Dialing, 1, 2L, (DateTimeOffset?)null, (DateTimeOffset?)Noon), (l.Status, l.Attempts, l.Revision, l.NextCallableAt, l.LastDialedAt)));
        Assert.Empty(await Store.ClaimDueAsync(tenant, campaign, Noon, 5));
        Assert.Equal(40, (await Store.CountAsync(tenant, campaign))[LeadStatus.Dialing]);
        Assert.Equal(Noon.AddMinutes(1), await Store.NextCallableAtAsync(tenant, campaign));

        // The claim names the call, and the attempt written back reads back whole.
        var first = claimed[0];
        Assert.Equal(LeadRecord.CallIdFor(first.LeadId, 2), first.CurrentCallId);
        var ended = first with
        {
            Status = LeadStatus.RetryScheduled, NextCallableAt = Noon.AddHours(4), Revision = 3, UpdatedAt = Noon.AddMinutes(2),
            AttemptLog = [new LeadAttempt { Number = 1, CallId = first.CurrentCallId, DialedAt = Noon, EndedAt = Noon.AddMinutes(1), EndReason = CallEndReason.NoAnswer, Outcome = "no-answer", Decision = "retry" }],
        };
        Assert.True(await Store.UpdateAsync(ended));
        var stored = (await Store.GetAsync(tenant, campaign, first.LeadId))!;
        var attempt = Assert.Single(stored.AttemptLog);
        Assert.Equal((1, first.CurrentCallId, CallEndReason.NoAnswer, "no-answer", (DateTimeOffset?)Noon.AddMinutes(1)), (attempt.Number, attempt.CallId, attempt.EndReason, attempt.Outcome, attempt.EndedAt));
        Assert.Equal(new Dictionary<string, int> { ["no-answer"] = 1 }, (await Store.AttemptFiguresAsync(tenant, campaign, DateTimeOffset.MinValue)).ByOutcome);
        // Back in the queue, it is claimed again at its time with a new revision, so a new call.
        var again = Assert.Single(await Store.ClaimDueAsync(tenant, campaign, Noon.AddHours(4), 100), l => l.LeadId == first.LeadId);
        Assert.Equal((2, 4L), (again.Attempts, again.Revision));
        Assert.NotEqual(first.CurrentCallId, again.CurrentCallId);
    }

    [Fact]
    public async Task AnUpdateLandsOnlyWithAHigherRevision()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var lead = Lead(tenant, campaign, "+14155550120", Noon);
        await Store.ImportAsync([lead]);
        var done = lead with { Status = LeadStatus.Completed, NextCallableAt = null, Attempts = 1, Disposition = CallDisposition.Qualified, StatusReason = "the conversation took place", Revision = 3 };
        Assert.True(await Store.UpdateAsync(done));
        Assert.False(await Store.UpdateAsync(lead with { Status = LeadStatus.Dialing, Revision = 2 }));
        Assert.False(await Store.UpdateAsync(done));
        var stored = (await Store.GetAsync(tenant, campaign, lead.LeadId))!;
        Assert.Equal((LeadStatus.Completed, CallDisposition.Qualified, 1, 3L), (stored.Status, stored.Disposition, stored.Attempts, stored.Revision));
        Assert.False(await Store.UpdateAsync(Lead(tenant, campaign, "+14155550199") with { Revision = 9 }));
    }

    [Fact]
    public async Task ListingByStatusPagesAndCounts()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var leads = Enumerable.Range(0, 7).Select(i => Lead(tenant, campaign, $"+1415555013{i}", Noon, i < 5 ? LeadStatus.Scheduled : LeadStatus.NoConsent)).ToList();
        await Store.ImportAsync(leads);
        var first = await Store.ListAsync(tenant, campaign, LeadStatus.Scheduled, null, 3);
        var rest = await Store.ListAsync(tenant, campaign, LeadStatus.Scheduled, first.Next, 3);
        Assert.Equal((3, 2), (first.Items.Count, rest.Items.Count));
        Assert.Null(rest.Next);
        Assert.Equal(5, first.Items.Concat(rest.Items).Select(l => l.LeadId).Distinct().Count());
        Assert.Equal(new Dictionary<LeadStatus, int> { [LeadStatus.Scheduled] = 5, [LeadStatus.NoConsent] = 2 }, await Store.CountAsync(tenant, campaign));
    }
}
