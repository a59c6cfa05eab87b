using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Agents;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.DoNotCall;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// One calling campaign, written as every CRUD grain is (validate → not found → revision → same request → references →
/// write or revert → publish). Its lifecycle rules are <see cref="CampaignLifecycle"/>; its leads live in the lead table.
/// </summary>
[GrainType("campaign")]
public sealed partial class CampaignGrain(
    [PersistentState("campaign", StorageNames.Platform)] IPersistentState<CampaignState> state,
    ILeadStore leads,
    TimeProvider time,
    CallingClock clock,
    IOptions<CallMeteringOptions> metering,
    IOptions<CampaignDialingOptions> dialing,
    IOptions<VoicePlatform.Grains.Live.LiveEventOptions> liveOptions,
    ILogger<CampaignGrain> logger,
    TenantEventOutbox outbox,
    IClusterMembershipService membership) : Grain, ICampaignGrain, IRemindable
{
    private (TenantId Tenant, CampaignId Campaign)? _key;

    private (TenantId Tenant, CampaignId Campaign) Key => _key ??= TenantScopedKey.Parse<CampaignId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Settings is not null;

    private CampaignPhase Phase => new(state.State.Status, state.State.PausedFor);

    public async Task<WriteResult<CampaignView>> CreateAsync(CampaignSettings settings)
    {
        CampaignRules.EnsureValid(settings);
        if (Exists)
        {
            if (state.State.Revision != 1 || !state.State.Settings!.SameAs(settings))
                return WriteResult<CampaignView>.Conflict("This idempotency key already created a different campaign.", []);
            await PublishAsync();
            return WriteResult<CampaignView>.Ok(View());
        }
        var checkedReferences = await CheckReferencesAsync(settings, previous: null);
        if (checkedReferences.Problem is { } problem) return problem;

        var now = time.GetUtcNow();
        await state.WriteOrRevertAsync(new CampaignState
        {
            Settings = settings, BrandId = checkedReferences.Brand, Status = CampaignStatus.Draft, Revision = 1, CreatedAt = now, UpdatedAt = now,
        });
        await PublishAsync();
        logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} created with agent {AgentId}", Key.Campaign, Key.Tenant, settings.AgentId);
        return WriteResult<CampaignView>.Created(View());
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public async Task<WriteResult<CampaignView>> UpdateAsync(CampaignSettings settings, int? expectedRevision)
    {
        if (!Exists) return WriteResult<CampaignView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<CampaignView>.Stale();
        CampaignRules.EnsureValid(settings);
        if (settings.SameAs(state.State.Settings!))
        {
            await PublishAsync();
            return WriteResult<CampaignView>.Ok(View());
        }
        if (CampaignLifecycle.WhyNotEditable(Phase) is { } why) return WriteResult<CampaignView>.Conflict(why, []);
        var checkedReferences = await CheckReferencesAsync(settings, state.State.Settings);
        if (checkedReferences.Problem is { } problem) return problem;

        await state.WriteOrRevertAsync(state.State with
        {
            Settings = settings, BrandId = checkedReferences.Brand, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow(),
        });
        await PublishAsync();
        // The next dial uses the new pacing, pool and agent.
        ForgetDialingPreparation();
        return WriteResult<CampaignView>.Ok(View());
    }

    public async Task<WriteResult<CampaignView>> DeleteAsync(int? expectedRevision)
    {
        if (!Exists) return WriteResult<CampaignView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<CampaignView>.Stale();
        if (CampaignLifecycle.WhyNotDeletable(Phase) is { } why) return WriteResult<CampaignView>.Conflict(why, []);
        var view = View();
        await state.ClearOrRevertAsync();
        await GrainFactory.GetCampaignDirectory(Key.Tenant).RemoveAsync(Key.Campaign);
        logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} deleted", Key.Campaign, Key.Tenant);
        return WriteResult<CampaignView>.Ok(view);
    }

    public Task<WriteResult<LeadImportReport>> ImportLeadsAsync(LeadImportSource source) => ImportAsync(source, countByStatus: true);

    public Task<WriteResult<LeadImportReport>> ImportLeadPartAsync(LeadImportSource source) => ImportAsync(source, countByStatus: false);

    public async Task<IReadOnlyDictionary<LeadStatus, int>> CountLeadsAsync() => await leads.CountAsync(Key.Tenant, Key.Campaign);

    /// <summary>An import job's parts skip the count by status, a read of the whole list; the job counts once at its end.</summary>
    private async Task<WriteResult<LeadImportReport>> ImportAsync(LeadImportSource source, bool countByStatus)
    {
        if (!Exists) return WriteResult<LeadImportReport>.NotFound();
        if (Phase.IsFinal) return WriteResult<LeadImportReport>.Conflict($"The campaign is {state.State.Status.ToString().ToLowerInvariant()}: it takes no more leads.", []);
        var region = state.State.Settings!.DefaultRegion;
        var parsed = source.Csv is { } csv
            ? LeadListParser.ParseCsv(csv, region, LeadImportSource.MaxRows)
            : LeadListParser.ParseFields(source.Rows ?? [], region);
        if (parsed.IsUnreadable)
            return WriteResult<LeadImportReport>.BadReference(source.Csv is null ? "leads" : "csv", string.Join(" ", parsed.Problems.Select(p => $"{p.Field}: {p.Reason}")));
        var policy = CallingPolicy.Of(await CallingSettingsAsync());
        // Each lead's next lawful moment is decided by the calling clock, the one the dialer reads.
        var now = clock.GetUtcNow();
        var doNotCall = GrainFactory.GetDoNotCallList(Key.Tenant);
        var admitted = new List<LeadRecord>(parsed.Leads.Count);
        foreach (var batch in parsed.Leads.Chunk(DoNotCallGrain.MaxBatch))
        {
            var listed = (await doNotCall.ListedAmongAsync(batch.Select(l => l.Phone).ToList())).ToHashSet(StringComparer.Ordinal);
            admitted.AddRange(batch.Select(l => LeadAdmission.Admit(l, Key.Tenant, Key.Campaign, policy, listed.Contains(l.Phone), now)));
        }
        var counts = await leads.ImportAsync(admitted);
        await RememberLeadZonesAsync(parsed.Leads, admitted);
        logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} imported {Added} new leads of {Received} rows", Key.Campaign, Key.Tenant, counts.Added, parsed.Leads.Count + parsed.Problems.Count + parsed.Merged.Count);
        return WriteResult<LeadImportReport>.Ok(new LeadImportReport
        {
            Received = parsed.Leads.Count + parsed.Problems.Select(p => p.Row).Distinct().Count() + parsed.Merged.Count,
            Added = counts.Added,
            AlreadyInCampaign = counts.AlreadyThere,
            LeadsByStatus = countByStatus ? await leads.CountAsync(Key.Tenant, Key.Campaign) : new Dictionary<LeadStatus, int>(),
            Rejected = parsed.Problems,
            Merged = parsed.Merged,
        });
    }

    /// <summary>Adds the zones of the newly callable leads to the campaign's; one small write, only when a zone is new.</summary>
    private async Task RememberLeadZonesAsync(IReadOnlyList<LeadInput> inputs, IReadOnlyList<LeadRecord> admitted)
    {
        var known = state.State.LeadZoneIds.ToHashSet(StringComparer.Ordinal);
        var fresh = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (input, lead) in inputs.Zip(admitted))
        {
            if (lead.Status != LeadStatus.Scheduled || input.Parsed is not { } number) continue;
            var (zones, _) = LeadZones.Resolve(lead.TimeZone, number, state.State.Settings!.DefaultTimeZone);
            foreach (var zone in zones.Where(z => !known.Contains(z.Id))) fresh.Add(zone.Id);
        }
        if (fresh.Count == 0) return;
        await state.WriteOrRevertAsync(state.State with { LeadZoneIds = [.. known.Concat(fresh).Order(StringComparer.Ordinal)] });
    }

    public async Task<WriteResult<Page<LeadRecord>>> ListLeadsAsync(LeadStatus? status, string? after, int limit) =>
        Exists
            ? WriteResult<Page<LeadRecord>>.Ok(await leads.ListAsync(Key.Tenant, Key.Campaign, status, after, limit))
            : WriteResult<Page<LeadRecord>>.NotFound();

    /// <summary>
    /// The agent (whose brand the campaign calls for), the caller-id numbers and the trunk must be this tenant's own; the
    /// grain keys carry the tenant, so another tenant's id finds nothing. Only references that change are checked.
    /// </summary>
    private async Task<(VoicePlatform.Brands.BrandId? Brand, WriteResult<CampaignView>? Problem)> CheckReferencesAsync(CampaignSettings settings, CampaignSettings? previous)
    {
        var brand = state.State.BrandId;
        if (settings.AgentId != previous?.AgentId)
        {
            if (await GrainFactory.GetAgent(Key.Tenant, settings.AgentId).GetAsync() is not { } agent)
                return (null, WriteResult<CampaignView>.BadReference("agentId", "There is no such agent in this tenant."));
            brand = agent.Brand.Id;
        }
        // All new numbers at once: one round trip's wait, not one per number.
        // A number must be on the campaign's trunk, since the trunk's limits pace the campaign's calls: when the trunk
        // changes every number is checked again, otherwise only the new ones.
        var trunkChanged = settings.TrunkId is not null && settings.TrunkId != previous?.TrunkId;
        var checks = settings.CallerIdNumberIds
            .Select((number, index) => (number, index))
            .Where(n => trunkChanged || previous?.CallerIdNumberIds.Contains(n.number) != true)
            .Select(async n => (n.number, n.index, View: await GrainFactory.GetPhoneNumber(Key.Tenant, n.number).GetAsync()));
        var numbers = (await Task.WhenAll(checks)).OrderBy(c => c.index).ToList();
        if (numbers.FindIndex(c => c.View is null) is var missing and >= 0)
            return (null, WriteResult<CampaignView>.BadReference($"callerIdNumberIds[{numbers[missing].index}]", $"There is no phone number '{numbers[missing].number}' in this tenant."));
        if (settings.TrunkId is { } trunk && trunk != previous?.TrunkId && await GrainFactory.GetSipTrunk(Key.Tenant, trunk).GetAsync() is null)
            return (null, WriteResult<CampaignView>.BadReference("trunkId", $"There is no SIP trunk '{trunk}' in this tenant."));
        if (settings.TrunkId is { } campaignTrunk && numbers.FindIndex(c => c.View!.TrunkId != campaignTrunk) is var elsewhere and >= 0)
        {
            var (number, index, view) = numbers[elsewhere];
            return (null, WriteResult<CampaignView>.BadReference($"callerIdNumberIds[{index}]",
                $"'{number}' is {(view!.TrunkId is { } its ? $"on the SIP trunk '{its}'" : "on no SIP trunk")}, not the campaign's trunk '{campaignTrunk}': its calls would not go through the trunk the campaign is paced for."));
        }
        return (brand, null);
    }

    private Task PublishAsync() => GrainFactory.GetCampaignDirectory(Key.Tenant).UpsertAsync(new CampaignEntry
    {
        Id = Key.Campaign, Name = state.State.Settings!.Name, Status = state.State.Status, AgentId = state.State.Settings.AgentId, BrandId = state.State.BrandId!.Value,
        TrunkId = state.State.Settings.TrunkId,
    });

    private CampaignView View() => ViewOf(state.State);

    private CampaignView ViewOf(CampaignState campaign) => new()
    {
        Id = Key.Campaign,
        Settings = campaign.Settings!,
        BrandId = campaign.BrandId!.Value,
        Status = campaign.Status,
        PausedFor = campaign.PausedFor,
        StatusDetail = campaign.StatusDetail,
        Revision = campaign.Revision,
        CreatedAt = campaign.CreatedAt,
        UpdatedAt = campaign.UpdatedAt,
    };

    /// <summary>
    /// Puts the state's pending webhook events in the outbox (ids make a repeat harmless) and drops them from memory; the
    /// next write drops them from storage. When the outbox cannot be reached they stay, for the next write or activation.
    /// </summary>
    private async Task RecordPendingEventsAsync()
    {
        if (state.State.PendingEvents.Count == 0) return;
        if (await outbox.RecordAsync(GrainFactory, state.State.PendingEvents)) state.State = state.State with { PendingEvents = [] };
    }
}
