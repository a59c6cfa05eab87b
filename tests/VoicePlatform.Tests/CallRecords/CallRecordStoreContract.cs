using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using static VoicePlatform.Tests.CallRecords.CallRecordSamples;

using VoicePlatform.Live;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>
/// What every <see cref="ICallRecordStore"/> must do, run against each store by a subclass. Each test uses a fresh
/// tenant, so a store (and its database) can be shared by the tests of a class.
/// </summary>
public abstract class CallRecordStoreContract
{
    protected abstract ICallRecordStore Store { get; }

    [Fact]
    public async Task TheDirectionIsKeptAndFiltersTheList()
    {
        var tenant = TenantId.New();
        var outbound = Record(tenant, queuedAt: Noon);
        var inbound = Record(tenant, queuedAt: Noon.AddSeconds(1)) with { Direction = CallDirection.Inbound, From = "anonymous" };
        await Store.SaveAsync(outbound, []);
        await Store.SaveAsync(inbound, []);

        Assert.Equal(inbound, Assert.Single((await Store.ListAsync(tenant, new CallListQuery { Direction = CallDirection.Inbound })).Items));
        Assert.Equal(outbound, Assert.Single((await Store.ListAsync(tenant, new CallListQuery { Direction = CallDirection.Outbound })).Items));
        Assert.Equal(2, (await Store.ListAsync(tenant, new CallListQuery())).Items.Count);
    }

    [Fact]
    public async Task AnOlderRevisionNeverOverwritesANewerOne()
    {
        var tenant = TenantId.New();
        var queued = Record(tenant, revision: 1);
        var answered = queued with { Revision = 2, Status = CallStatus.Answered, AnsweredAt = Noon.AddSeconds(5) };

        await Store.SaveAsync(answered, []);
        await Store.SaveAsync(queued, []);

        Assert.Equal(answered, Assert.Single(await ListAllAsync(tenant)));

        var ended = answered with { Revision = 3, Status = CallStatus.Ended, EndReason = CallEndReason.Completed, EndedAt = Noon.AddSeconds(60) };
        await Store.SaveAsync(ended, []);
        await Store.SaveAsync(answered, []);

        Assert.Equal(ended, Assert.Single(await ListAllAsync(tenant)));
    }

    [Fact]
    public async Task RepeatingASaveStoresTheRecordAndItsEventsOnce()
    {
        var tenant = TenantId.New();
        var record = Record(tenant);
        CallEvent[] events = [Event("queued"), Event("dialing")];

        for (var i = 0; i < 3; i++) await Store.SaveAsync(record, events);

        Assert.Equal(record, Assert.Single(await ListAllAsync(tenant)));
        Assert.Equal(events, await Store.GetEventsAsync(tenant, record.CallId));
    }

    [Fact]
    public async Task AStaleSaveStillAddsItsNewEvents()
    {
        var tenant = TenantId.New();
        var record = Record(tenant, revision: 5, status: CallStatus.Ringing);
        await Store.SaveAsync(record, [Event("ringing")]);

        await Store.SaveAsync(record with { Revision = 4, Status = CallStatus.Dialing }, [Event("late-webhook")]);

        Assert.Equal(record, Assert.Single(await ListAllAsync(tenant)));
        Assert.Equal(["ringing", "late-webhook"], (await Store.GetEventsAsync(tenant, record.CallId)).Select(e => e.Key));
    }

    [Fact]
    public async Task EachEventKeyIsStoredOnceInTheOrderItWasFirstRecorded()
    {
        var tenant = TenantId.New();
        var record = Record(tenant);

        await Store.SaveAsync(record, [Event("a", "first a"), Event("b", "first b"), Event("a", "second a")]);
        await Store.AppendEventsAsync(tenant, record.CallId, [Event("b", "second b"), Event("c"), Event("d")]);
        await Store.AppendEventsAsync(tenant, record.CallId, []);
        await Store.SaveAsync(record with { Revision = 2 }, [Event("d", "second d"), Event("e"), Event("a", "third a")]);

        var stored = await Store.GetEventsAsync(tenant, record.CallId);
        Assert.Equal(["a", "b", "c", "d", "e"], stored.Select(e => e.Key));
        Assert.Equal("first a", stored[0].Detail);
        Assert.Equal("first b", stored[1].Detail);
        Assert.Equal(Event("c"), stored[2]);
    }

    [Fact]
    public async Task EventsCanArriveBeforeTheRecord()
    {
        var tenant = TenantId.New();
        var record = Record(tenant);

        await Store.AppendEventsAsync(tenant, record.CallId, [Event("early")]);
        await Store.SaveAsync(record, [Event("queued")]);

        Assert.Equal(["early", "queued"], (await Store.GetEventsAsync(tenant, record.CallId)).Select(e => e.Key));
    }

    [Fact]
    public async Task AnInterimSegmentIsReplacedUntilAFinalOneArrives()
    {
        var tenant = TenantId.New();
        var call = PrefixedId.New<CallId>();

        await Store.SaveTranscriptAsync(tenant, call, [Segment("s1", "hel")]);
        Assert.Equal("hel", Assert.Single(await Store.GetTranscriptAsync(tenant, call)).Text);

        var longer = Segment("s1", "hello", startMs: 20) with { Speaker = Speaker.Agent, EndMs = 900 };
        await Store.SaveTranscriptAsync(tenant, call, [longer]);
        Assert.Equal(longer, Assert.Single(await Store.GetTranscriptAsync(tenant, call)));

        var final = Segment("s1", "hello there", final: true, startMs: 20);
        await Store.SaveTranscriptAsync(tenant, call, [final]);
        Assert.Equal(final, Assert.Single(await Store.GetTranscriptAsync(tenant, call)));
    }

    [Fact]
    public async Task AFinalSegmentNeverChanges()
    {
        var tenant = TenantId.New();
        var call = PrefixedId.New<CallId>();
        var final = Segment("s1", "yes please", final: true);
        await Store.SaveTranscriptAsync(tenant, call, [final]);

        await Store.SaveTranscriptAsync(tenant, call, [Segment("s1", "interim after final")]);
        await Store.SaveTranscriptAsync(tenant, call, [Segment("s1", "another final", final: true, startMs: 99)]);
        // Within one list, too: what applying it in order leaves, the first final.
        await Store.SaveTranscriptAsync(tenant, call,
            [Segment("s2", "a"), Segment("s2", "ab", final: true), Segment("s2", "abc"), Segment("s2", "abcd", final: true)]);

        var transcript = await Store.GetTranscriptAsync(tenant, call);
        Assert.Equal([final, Segment("s2", "ab", final: true)], transcript);
    }

    [Fact]
    public async Task TheTranscriptIsOrderedByStartThenId()
    {
        var tenant = TenantId.New();
        var call = PrefixedId.New<CallId>();

        await Store.SaveTranscriptAsync(tenant, call, [Segment("c", "3", startMs: 2000), Segment("b", "2", startMs: 1000)]);
        await Store.SaveTranscriptAsync(tenant, call, [Segment("a", "2 too", startMs: 1000), Segment("z", "1", startMs: 0)]);

        Assert.Equal(["z", "a", "b", "c"], (await Store.GetTranscriptAsync(tenant, call)).Select(s => s.Id));
    }

    [Fact]
    public async Task ListFiltersByStatusAgentAndCampaign()
    {
        var tenant = TenantId.New();
        var agent = PrefixedId.New<AgentId>();
        var campaign = PrefixedId.New<CampaignId>();
        var mine = Record(tenant, agent: agent, status: CallStatus.Answered, campaign: campaign);
        var mineQueued = Record(tenant, Noon.AddMinutes(1), agent: agent);
        var otherAgentInCampaign = Record(tenant, Noon.AddMinutes(2), status: CallStatus.Answered, campaign: campaign);
        var otherAgent = Record(tenant, Noon.AddMinutes(3));
        foreach (var record in new[] { mine, mineQueued, otherAgentInCampaign, otherAgent }) await Store.SaveAsync(record, []);

        Assert.Equal([mineQueued, mine], await ListAllAsync(tenant, new CallListQuery { AgentId = agent }));
        Assert.Equal([otherAgentInCampaign, mine], await ListAllAsync(tenant, new CallListQuery { Status = CallStatus.Answered }));
        Assert.Equal([otherAgentInCampaign, mine], await ListAllAsync(tenant, new CallListQuery { CampaignId = campaign }));
        Assert.Equal([mine], await ListAllAsync(tenant, new CallListQuery { AgentId = agent, Status = CallStatus.Answered, CampaignId = campaign }));
        Assert.Empty(await ListAllAsync(tenant, new CallListQuery { Status = CallStatus.Ended }));
        Assert.Empty(await ListAllAsync(tenant, new CallListQuery { CampaignId = PrefixedId.New<CampaignId>() }));
    }

    [Fact]
    public async Task FromIsInclusiveAndToIsExclusive()
    {
        var tenant = TenantId.New();
        var records = Enumerable.Range(0, 5).Select(i => Record(tenant, Noon.AddMinutes(i))).ToList();
        foreach (var record in records) await Store.SaveAsync(record, []);

        var window = await ListAllAsync(tenant, new CallListQuery { From = Noon.AddMinutes(1), To = Noon.AddMinutes(3) });
        Assert.Equal([records[2], records[1]], window);

        Assert.Equal([records[4], records[3]], await ListAllAsync(tenant, new CallListQuery { From = Noon.AddMinutes(3) }));
        Assert.Equal([records[0]], await ListAllAsync(tenant, new CallListQuery { To = Noon.AddMinutes(1) }));
        // A microsecond either side of a call's time moves the bound past it.
        Assert.Equal([records[4]], await ListAllAsync(tenant, new CallListQuery { From = Noon.AddMinutes(4).AddTicks(-10), To = Noon.AddMinutes(4).AddTicks(10) }));
        Assert.Empty(await ListAllAsync(tenant, new CallListQuery { From = Noon.AddMinutes(4).AddTicks(10) }));
    }

    [Fact]
    public async Task PagesRunNewestFirstThroughTiesWithoutLosingOrRepeatingACall()
    {
        var tenant = TenantId.New();
        // Seven instants, four calls each; the odd ones differ below a microsecond, which both stores drop, so
        // they tie with the others at that instant and page by id.
        var records = Enumerable.Range(0, 28)
            .Select(i => Record(tenant, Noon.AddSeconds(i / 4).AddTicks(i % 2 == 1 ? 3 : 0)))
            .ToList();
        foreach (var record in records) await Store.SaveAsync(record, []);
        var expected = records
            .OrderByDescending(r => StoredTime.ToUnixMicroseconds(r.QueuedAt))
            .ThenByDescending(r => r.CallId.Value, StringComparer.Ordinal)
            .Select(r => r.CallId)
            .ToList();

        foreach (var pageSize in new[] { 1, 3, 4, 5, 28, 50 })
        {
            var seen = new List<CallId>();
            string? after = null;
            do
            {
                var page = await Store.ListAsync(tenant, new CallListQuery { Limit = pageSize, After = after });
                Assert.InRange(page.Items.Count, 1, pageSize);
                seen.AddRange(page.Items.Select(r => r.CallId));
                after = page.Next;
            }
            while (after is not null);

            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public async Task PagingKeepsItsFilters()
    {
        var tenant = TenantId.New();
        var agent = PrefixedId.New<AgentId>();
        var mine = Enumerable.Range(0, 6).Select(i => Record(tenant, Noon.AddSeconds(i / 2), agent: agent)).ToList();
        foreach (var record in mine) await Store.SaveAsync(record, []);
        await Store.SaveAsync(Record(tenant, Noon), []);

        var pages = new List<Page<CallRecord>>();
        string? after = null;
        do
        {
            pages.Add(await Store.ListAsync(tenant, new CallListQuery { AgentId = agent, Limit = 4, After = after }));
            after = pages[^1].Next;
        }
        while (after is not null);

        Assert.Equal([4, 2], pages.Select(p => p.Items.Count));
        Assert.Equal(mine.Select(r => r.CallId.Value).Order(StringComparer.Ordinal),
            pages.SelectMany(p => p.Items).Select(r => r.CallId.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnotherTenantSeesNothing()
    {
        var tenant = TenantId.New();
        var record = Record(tenant);
        await Store.SaveAsync(record, [Event("queued")]);
        await Store.SaveTranscriptAsync(tenant, record.CallId, [Segment("s1", "hello", final: true)]);

        var other = TenantId.New();
        Assert.Empty((await Store.ListAsync(other, new CallListQuery())).Items);
        Assert.Empty(await Store.GetEventsAsync(other, record.CallId));
        Assert.Empty(await Store.GetTranscriptAsync(other, record.CallId));

        // The other tenant writing under the same call id changes nothing of the first tenant's.
        await Store.SaveAsync(record with { TenantId = other, Revision = 9, Status = CallStatus.Ended, EndReason = CallEndReason.Failed }, [Event("queued", "other")]);
        await Store.SaveTranscriptAsync(other, record.CallId, [Segment("s1", "intruder", final: true)]);
        Assert.Equal(record, Assert.Single(await ListAllAsync(tenant)));
        Assert.Equal("{}", Assert.Single(await Store.GetEventsAsync(tenant, record.CallId)).Detail);
        Assert.Equal("hello", Assert.Single(await Store.GetTranscriptAsync(tenant, record.CallId)).Text);
    }

    [Fact]
    public async Task LiveCallsAreEveryTenantsUnendedOrUnsettledCallsInKeyOrder()
    {
        var first = TenantId.New();
        var second = TenantId.New();
        var ours = new HashSet<TenantId> { first, second };
        var live = new List<CallRecord>();
        foreach (var tenant in ours)
        {
            foreach (var status in new[] { CallStatus.Queued, CallStatus.Dialing, CallStatus.Ringing, CallStatus.Answered })
            {
                live.Add(Record(tenant, status: status));
                live.Add(Record(tenant, status: status));
            }
            await Store.SaveAsync(Record(tenant, status: CallStatus.Ended) with { EndReason = CallEndReason.Completed, Settled = true }, []);
            // Ended but not yet paid for: the sweep must still find it, to settle it.
            live.Add(Record(tenant, status: CallStatus.Ended) with { EndReason = CallEndReason.Completed });
        }
        foreach (var record in live) await Store.SaveAsync(record, []);
        // A call that ends and is settled leaves the live list.
        var ended = live[3] with { Revision = 2, Status = CallStatus.Ended, EndReason = CallEndReason.Busy, Settled = true };
        await Store.SaveAsync(ended, []);
        live.RemoveAt(3);

        // Other tests' tenants share the store: page through everything and keep ours.
        var all = new List<LiveCallKey>();
        LiveCallKey? after = null;
        while (true)
        {
            var page = await Store.ListLiveCallsAsync(after, 3);
            Assert.InRange(page.Count, 0, 3);
            all.AddRange(page);
            if (page.Count < 3) break;
            after = page[^1];
        }

        var keyOrder = all.OrderBy(k => k.Tenant.Value, StringComparer.Ordinal).ThenBy(k => k.Call.Value, StringComparer.Ordinal);
        Assert.Equal(keyOrder, all);
        Assert.Equal(all.Count, all.Distinct().Count());
        var expected = live.Select(r => new LiveCallKey(r.TenantId, r.CallId))
            .OrderBy(k => k.Tenant.Value, StringComparer.Ordinal).ThenBy(k => k.Call.Value, StringComparer.Ordinal);
        Assert.Equal(expected, all.Where(k => ours.Contains(k.Tenant)));
    }

    [Fact]
    public async Task EveryFieldReadsBackAsSaved()
    {
        var tenant = TenantId.New();
        var full = Record(tenant, revision: 7, status: CallStatus.Ended, campaign: PrefixedId.New<CampaignId>()) with
        {
            BrandId = PrefixedId.New<BrandId>(),
            LeadId = PrefixedId.New<LeadId>(),
            EndReason = CallEndReason.MaxDurationReached,
            AnsweredBy = AnsweredBy.Human,
            Disposition = CallDisposition.NotInterested,
            SipStatusCode = 200,
            AnsweredAt = Noon.AddSeconds(7),
            EndedAt = Noon.AddMinutes(10),
            Abandoned = true,
            TakenOverBy = "key_abcdefghijklmnop",
        };
        var bare = Record(tenant, Noon.AddMinutes(-1)) with { From = null };

        await Store.SaveAsync(full, []);
        await Store.SaveAsync(bare, []);

        Assert.Equal([full, bare], await ListAllAsync(tenant));
    }

    [Fact]
    public async Task TimesAreKeptToTheMicrosecond()
    {
        var tenant = TenantId.New();
        var queuedAt = Noon.AddTicks(1234567);
        var record = Record(tenant, queuedAt) with { AnsweredAt = queuedAt.AddTicks(19), EndedAt = queuedAt.AddTicks(25) };
        var at = queuedAt.AddTicks(4321);

        await Store.SaveAsync(record, [Event("queued") with { At = at }]);

        var stored = Assert.Single(await ListAllAsync(tenant));
        Assert.Equal(Noon.AddTicks(1234560), stored.QueuedAt);
        Assert.Equal(Noon.AddTicks(1234580), stored.AnsweredAt);
        Assert.Equal(Noon.AddTicks(1234590), stored.EndedAt);
        Assert.Equal(Noon.AddTicks(1238880), Assert.Single(await Store.GetEventsAsync(tenant, record.CallId)).At);
    }

    [Fact]
    public async Task EveryEnumValueIsStored()
    {
        var tenant = TenantId.New();
        var saved = new List<CallRecord>();
        foreach (var status in Enum.GetValues<CallStatus>()) saved.Add(Record(tenant, status: status));
        foreach (var reason in Enum.GetValues<CallEndReason>()) saved.Add(Record(tenant, status: CallStatus.Ended) with { EndReason = reason });
        foreach (var answeredBy in Enum.GetValues<AnsweredBy>()) saved.Add(Record(tenant) with { AnsweredBy = answeredBy });
        foreach (var disposition in Enum.GetValues<CallDisposition>()) saved.Add(Record(tenant) with { Disposition = disposition });
        foreach (var record in saved) await Store.SaveAsync(record, []);
        var call = PrefixedId.New<CallId>();
        var segments = Enum.GetValues<Speaker>().Select((speaker, i) => Segment($"s{i}", "hi", startMs: i) with { Speaker = speaker }).ToList();
        await Store.SaveTranscriptAsync(tenant, call, segments);

        Assert.Equal(saved.OrderBy(r => r.CallId.Value, StringComparer.Ordinal), (await ListAllAsync(tenant)).OrderBy(r => r.CallId.Value, StringComparer.Ordinal));
        Assert.Equal(segments, await Store.GetTranscriptAsync(tenant, call));
    }

    [Fact]
    public async Task TheFloorCountsCallsByTheMinuteTheyEndedInTheRangeAndTheTenant()
    {
        var tenant = TenantId.New();
        CallRecord Ended(DateTimeOffset endedAt, TimeSpan? talked = null, bool abandoned = false) =>
            Record(tenant, queuedAt: endedAt.AddMinutes(-3), status: CallStatus.Ended) with
            {
                EndReason = talked is null ? CallEndReason.NoAnswer : CallEndReason.Completed,
                AnsweredAt = talked is { } t ? endedAt - t : null,
                EndedAt = endedAt,
                Abandoned = abandoned,
            };
        await Store.SaveAsync(Ended(Noon.AddSeconds(5), TimeSpan.FromSeconds(30)), []);
        await Store.SaveAsync(Ended(Noon.AddSeconds(59), TimeSpan.FromSeconds(90)), []);
        await Store.SaveAsync(Ended(Noon.AddSeconds(20)), []);
        await Store.SaveAsync(Ended(Noon.AddMinutes(2).AddSeconds(1), TimeSpan.FromSeconds(3), abandoned: true), []);
        // Outside the range, live, or another tenant's: not on this floor.
        await Store.SaveAsync(Ended(Noon.AddSeconds(-1), TimeSpan.FromSeconds(10)), []);
        await Store.SaveAsync(Ended(Noon.AddMinutes(15), TimeSpan.FromSeconds(10)), []);
        await Store.SaveAsync(Record(tenant, queuedAt: Noon, status: CallStatus.Answered) with { AnsweredAt = Noon.AddSeconds(2) }, []);
        await Store.SaveAsync(Ended(Noon.AddSeconds(30), TimeSpan.FromSeconds(10)) with { TenantId = TenantId.New() }, []);

        var minutes = await Store.FloorAsync(tenant, Noon, Noon.AddMinutes(15));

        Assert.Equal(
            [
                new FloorMinute { Minute = Noon, Ended = 3, Answered = 2, Abandoned = 0, HandledMilliseconds = 120_000 },
                new FloorMinute { Minute = Noon.AddMinutes(2), Ended = 1, Answered = 1, Abandoned = 1, HandledMilliseconds = 3_000 },
            ],
            minutes);
        var figures = FloorFigures.Compute(Noon, Noon.AddMinutes(15), minutes);
        Assert.Equal((4 / 15.0, 0.75, 1 / 3.0, 41.0), (figures.CallsPerMinute, figures.AnswerRate!.Value, figures.AbandonRate!.Value, figures.AverageHandleSeconds!.Value));
        var quiet = FloorFigures.Compute(Noon, Noon.AddMinutes(15), []);
        Assert.Equal((0.0, null, null, null), (quiet.CallsPerMinute, quiet.AnswerRate, quiet.AbandonRate, quiet.AverageHandleSeconds));
    }

    /// <summary>Every page of the tenant's list, in order.</summary>
    protected async Task<List<CallRecord>> ListAllAsync(TenantId tenant, CallListQuery? query = null)
    {
        var all = new List<CallRecord>();
        var next = query ?? new CallListQuery();
        while (true)
        {
            var page = await Store.ListAsync(tenant, next);
            all.AddRange(page.Items);
            if (page.Next is null) return all;
            next = next with { After = page.Next };
        }
    }

    [Fact]
    public async Task UsageGroupsMinutesAndSettledMoneyByDayInTheTenantsTimeZoneAgentCampaignAndBrand()
    {
        var tenant = TenantId.New();
        var agentA = PrefixedId.New<AgentId>();
        var agentB = PrefixedId.New<AgentId>();
        var campaign = PrefixedId.New<CampaignId>();
        var brand = PrefixedId.New<BrandId>();
        // 03:30 UTC on the 24th is still the evening of the 23rd in New York.
        var lateEvening = new DateTimeOffset(2026, 11, 24, 3, 30, 0, TimeSpan.Zero);
        var morning = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
        CallRecord Settled(AgentId agent, DateTimeOffset at, long seconds, long cost, CampaignId? inCampaign = null) =>
            Record(tenant, queuedAt: at, status: CallStatus.Ended, agent: agent, campaign: inCampaign) with
            {
                EndReason = CallEndReason.Completed, BrandId = brand, AnsweredAt = at.AddSeconds(5), EndedAt = at.AddSeconds(5 + seconds),
                Settled = true, BilledSeconds = seconds, CostTotal = cost, Currency = "USD",
            };
        await Store.SaveAsync(Settled(agentA, lateEvening, 90, 30), []);
        await Store.SaveAsync(Settled(agentA, morning, 30, 10, campaign), []);
        await Store.SaveAsync(Settled(agentB, morning, 60, 20, campaign), []);
        // Unanswered and still unsettled: a call, but no minutes and no money.
        await Store.SaveAsync(Record(tenant, queuedAt: morning, status: CallStatus.Dialing, agent: agentB) with { BrandId = brand }, []);
        await Store.SaveAsync(Settled(agentA, morning, 600, 999) with { TenantId = TenantId.New() }, []);

        var byDay = await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Day }, "America/New_York");
        Assert.Equal(["2026-11-23", "2026-11-24"], byDay.Select(g => g.Key));
        Assert.Equal((1, 1, 90, 1.5m, 30L), (byDay[0].Calls, byDay[0].ConnectedCalls, byDay[0].BilledSeconds, byDay[0].Minutes, byDay[0].Cost));
        Assert.Equal((3, 2, 90, 1.5m, 30L), (byDay[1].Calls, byDay[1].ConnectedCalls, byDay[1].BilledSeconds, byDay[1].Minutes, byDay[1].Cost));
        Assert.Equal("USD", byDay[1].Currency);
        var utcDays = await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Day }, "UTC");
        Assert.Equal(["2026-11-24"], utcDays.Select(g => g.Key));

        var byAgent = await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Agent }, "UTC");
        Assert.Equal(40L, byAgent.Single(g => g.Key == agentA.Value).Cost);
        Assert.Equal(2L, byAgent.Single(g => g.Key == agentB.Value).Calls);
        var byCampaign = await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Campaign }, "UTC");
        Assert.Equal([campaign.Value, null], byCampaign.Select(g => g.Key));
        Assert.Equal(30L, byCampaign[0].Cost);
        var byBrand = Assert.Single(await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Brand }, "UTC"));
        Assert.Equal((brand.Value, 4L, 60L), (byBrand.Key, byBrand.Calls, byBrand.Cost));

        var window = await Store.UsageAsync(tenant, new UsageQuery { GroupBy = UsageGroupBy.Agent, From = morning, To = morning.AddTicks(10) }, "UTC");
        Assert.Equal(3L, window.Sum(g => g.Calls));
    }
}
