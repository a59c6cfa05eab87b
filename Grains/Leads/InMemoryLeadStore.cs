using System.Collections.Concurrent;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// The development-mode lead table: per campaign, the leads by id plus a sorted dial queue (next callable time, id),
/// so fetching due leads stays a short ordered read here too. The same rules as PostgreSQL.
/// </summary>
public sealed class InMemoryLeadStore(VoicePlatform.Grains.Webhooks.IWebhookStore? webhooks = null) : ILeadStore
{
    private readonly ConcurrentDictionary<(TenantId, CampaignId), CampaignLeads> _campaigns = new();

    public Task<LeadImportCounts> ImportAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken = default)
    {
        var (added, there) = (0, 0);
        foreach (var group in leads.GroupBy(l => (l.TenantId, l.CampaignId)))
        {
            var campaign = Campaign(group.Key.TenantId, group.Key.CampaignId);
            lock (campaign)
            {
                foreach (var lead in group)
                {
                    if (campaign.ByPhone.ContainsKey(lead.Phone) || campaign.ById.ContainsKey(lead.LeadId.Value))
                    {
                        there++;
                        continue;
                    }
                    campaign.Put(AtStoredPrecision(lead));
                    added++;
                }
            }
        }
        return Task.FromResult(new LeadImportCounts(added, there));
    }

    public async Task<bool> UpdateAsync(LeadRecord lead, IReadOnlyList<VoicePlatform.Webhooks.TenantEvent>? events = null, CancellationToken cancellationToken = default)
    {
        var campaign = Campaign(lead.TenantId, lead.CampaignId);
        lock (campaign)
        {
            if (!campaign.ById.TryGetValue(lead.LeadId.Value, out var stored) || stored.Revision >= lead.Revision) return false;
            campaign.Put(AtStoredPrecision(lead with { Phone = stored.Phone, ImportedAt = stored.ImportedAt }));
        }
        if (events is { Count: > 0 } && webhooks is not null) await webhooks.AppendAsync(events, cancellationToken);
        return true;
    }

    public Task<LeadRecord?> GetAsync(TenantId tenant, CampaignId campaign, LeadId lead, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads) return Task.FromResult(leads.ById.GetValueOrDefault(lead.Value));
    }

    public Task<IReadOnlyList<LeadRecord>> DueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads)
        {
            IReadOnlyList<LeadRecord> due = leads.Queue.TakeWhile(k => k.At <= now).Take(limit).Select(k => leads.ById[k.Id]).ToList();
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<LeadRecord>> ClaimDueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        now = StoredTime.TruncateToMicroseconds(now);
        lock (leads)
        {
            var claimed = leads.Queue.TakeWhile(k => k.At <= now).Take(Math.Max(0, limit)).Select(k => leads.ById[k.Id]).ToList()
                .Select(l => l with
                {
                    Status = LeadStatus.Dialing, NextCallableAt = null, Attempts = l.Attempts + 1, Revision = l.Revision + 1, UpdatedAt = now, LastDialedAt = now,
                })
                .ToList();
            foreach (var lead in claimed) leads.Put(lead);
            return Task.FromResult<IReadOnlyList<LeadRecord>>(claimed);
        }
    }

    public Task<DateTimeOffset?> NextCallableAtAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads) return Task.FromResult(leads.Queue.Count == 0 ? (DateTimeOffset?)null : leads.Queue.Min.At);
    }

    public Task<Page<LeadRecord>> ListAsync(TenantId tenant, CampaignId campaign, LeadStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads) return Task.FromResult(Paging.Take(leads.ById.Values.Where(l => status is null || l.Status == status).ToList(), l => l.LeadId.Value, after, limit));
    }

    public Task<IReadOnlyDictionary<LeadStatus, int>> CountAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads)
            return Task.FromResult<IReadOnlyDictionary<LeadStatus, int>>(leads.ById.Values.GroupBy(l => l.Status).ToDictionary(g => g.Key, g => g.Count()));
    }

    public Task<IReadOnlyList<DateTimeOffset>> DialTimesOfNumberAsync(TenantId tenant, string phone, DateTimeOffset since, CampaignId exceptCampaign, LeadId exceptLead, CancellationToken cancellationToken = default)
    {
        var times = new List<DateTimeOffset>();
        foreach (var ((owner, campaign), leads) in _campaigns)
        {
            if (owner != tenant) continue;
            lock (leads)
            {
                if (!leads.ByPhone.TryGetValue(phone, out var id)) continue;
                var lead = leads.ById[id];
                times.AddRange(lead.AttemptLog.Where(a => a.Direction == VoicePlatform.Calls.CallDirection.Outbound).Select(a => a.DialedAt).Where(t => t >= since));
                if (lead.Status == LeadStatus.Dialing && lead.LastDialedAt is { } claimed && claimed >= since && !(campaign == exceptCampaign && lead.LeadId == exceptLead))
                    times.Add(claimed);
            }
        }
        return Task.FromResult<IReadOnlyList<DateTimeOffset>>(times);
    }

    public Task<IReadOnlyList<LeadRecord>> FindByPhoneAsync(TenantId tenant, string phone, int limit, CancellationToken cancellationToken = default)
    {
        var found = new List<LeadRecord>();
        foreach (var ((owner, _), leads) in _campaigns)
        {
            if (owner != tenant) continue;
            lock (leads)
            {
                if (leads.ByPhone.TryGetValue(phone, out var id)) found.Add(leads.ById[id]);
            }
        }
        IReadOnlyList<LeadRecord> ordered = found.OrderByDescending(l => l.Status == LeadStatus.RetryScheduled && l.AttemptLog.LastOrDefault()?.Outcome == "callback-requested")
            .ThenByDescending(l => l.LastDialedAt ?? DateTimeOffset.MinValue).ThenByDescending(l => l.ImportedAt).Take(limit).ToList();
        return Task.FromResult(ordered);
    }

    public Task<CampaignFunnel> FunnelAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads)
        {
            var all = leads.ById.Values.ToList();
            return Task.FromResult(new CampaignFunnel
            {
                Leads = all.Count,
                Dialed = all.Count(l => l.Attempts > 0),
                Connected = all.Count(l => l.AttemptLog.Any(a => a.AnsweredAt is not null)),
                Conversations = all.Count(l => l.AttemptLog.Any(a => a.AnsweredAt is { } answered && a.EndedAt is { } ended && ended - answered >= CampaignFunnel.ConversationAtLeast)),
                Positive = all.Count(l => l.Disposition == VoicePlatform.Calls.CallDisposition.Qualified),
            });
        }
    }

    public Task<(IReadOnlyDictionary<string, int> ByOutcome, int Answered, int Abandoned)> AttemptFiguresAsync(TenantId tenant, CampaignId campaign, DateTimeOffset abandonSince, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads)
        {
            var attempts = leads.ById.Values.SelectMany(l => l.AttemptLog).ToList();
            var answered = attempts.Where(a => a.AnsweredAt is not null && a.DialedAt >= abandonSince && a.Direction == VoicePlatform.Calls.CallDirection.Outbound).ToList();
            IReadOnlyDictionary<string, int> byOutcome = attempts.Where(a => a.Outcome is not null).GroupBy(a => a.Outcome!).ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult((byOutcome, answered.Count, answered.Count(a => a.Abandoned)));
        }
    }

    public Task<IReadOnlyList<(DateTimeOffset DialedAt, bool Abandoned)>> RecentAnswersAsync(TenantId tenant, CampaignId campaign, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        var leads = Campaign(tenant, campaign);
        lock (leads)
        {
            IReadOnlyList<(DateTimeOffset, bool)> recent = leads.ById.Values.SelectMany(l => l.AttemptLog)
                .Where(a => a.AnsweredAt is not null && a.DialedAt >= since && a.Direction == VoicePlatform.Calls.CallDirection.Outbound)
                .OrderByDescending(a => a.DialedAt).Take(limit).Select(a => (a.DialedAt, a.Abandoned)).ToList();
            return Task.FromResult(recent);
        }
    }

    private CampaignLeads Campaign(TenantId tenant, CampaignId campaign) => _campaigns.GetOrAdd((tenant, campaign), _ => new CampaignLeads());

    private static LeadRecord AtStoredPrecision(LeadRecord lead) => lead with
    {
        NextCallableAt = lead.NextCallableAt is { } at ? StoredTime.TruncateToMicroseconds(at) : null,
        ConsentAt = lead.ConsentAt is { } consent ? StoredTime.TruncateToMicroseconds(consent) : null,
        ImportedAt = StoredTime.TruncateToMicroseconds(lead.ImportedAt),
        UpdatedAt = StoredTime.TruncateToMicroseconds(lead.UpdatedAt),
        LastDialedAt = lead.LastDialedAt is { } dialed ? StoredTime.TruncateToMicroseconds(dialed) : null,
    };

    private sealed class CampaignLeads
    {
        public Dictionary<string, LeadRecord> ById { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ByPhone { get; } = new(StringComparer.Ordinal);

        public SortedSet<(DateTimeOffset At, string Id)> Queue { get; } = new(Comparer<(DateTimeOffset At, string Id)>.Create(
            (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id)));

        public void Put(LeadRecord lead)
        {
            if (ById.TryGetValue(lead.LeadId.Value, out var old) && old.NextCallableAt is { } oldAt) Queue.Remove((oldAt, old.LeadId.Value));
            ById[lead.LeadId.Value] = lead;
            ByPhone[lead.Phone] = lead.LeadId.Value;
            if (lead.NextCallableAt is { } at) Queue.Add((at, lead.LeadId.Value));
        }
    }
}
