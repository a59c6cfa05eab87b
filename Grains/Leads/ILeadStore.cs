using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// Campaigns' leads: PostgreSQL in production (migration 0007, bulk inserts by binary COPY), memory in the all-in-one
/// mode. The dial queue is an index on (campaign, next callable time): the next leads are a small ordered batch, never
/// a scan, so a campaign of a million leads paces like one of a hundred. Updates are revision-ordered.
/// </summary>
public interface ILeadStore
{
    /// <summary>Inserts the leads the campaign does not have (by number); one already there is left as it is.</summary>
    Task<LeadImportCounts> ImportAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="lead"/> unless the table holds a higher revision; false when it did not. The lead's webhook
    /// events (<paramref name="events"/>) are recorded in the outbox in the same transaction, when the row is at this revision.
    /// </summary>
    Task<bool> UpdateAsync(LeadRecord lead, IReadOnlyList<VoicePlatform.Webhooks.TenantEvent>? events = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due leads, earliest first, in one conditional write: each leaves the queue as
    /// Dialing with one more attempt and a new revision (which names its call, <see cref="LeadRecord.CallIdFor"/>). A lead
    /// another dialer claimed first is never returned, so no lead is dialed twice at once.
    /// </summary>
    Task<IReadOnlyList<LeadRecord>> ClaimDueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task<LeadRecord?> GetAsync(TenantId tenant, CampaignId campaign, LeadId lead, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> leads whose next callable time has come by <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<LeadRecord>> DueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next callable time of any waiting lead; null when none waits.</summary>
    Task<DateTimeOffset?> NextCallableAtAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default);

    /// <summary>The campaign's leads in id order, optionally of one status, a page at a time.</summary>
    Task<Page<LeadRecord>> ListAsync(TenantId tenant, CampaignId campaign, LeadStatus? status, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// When <paramref name="phone"/> was dialed since <paramref name="since"/> across all of the tenant's campaigns —
    /// every recorded attempt, and the claims being dialed now except <paramref name="exceptLead"/>'s own — for the
    /// frequency caps that count per number (Florida: three in 24 hours).
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset>> DialTimesOfNumberAsync(TenantId tenant, string phone, DateTimeOffset since, CampaignId exceptCampaign, LeadId exceptLead, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's leads with this phone (E.164) across its campaigns, those waiting for a callback they asked for first, then the most
    /// recently dialed: who a caller is when it calls one of the tenant's numbers. At most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<LeadRecord>> FindByPhoneAsync(TenantId tenant, string phone, int limit, CancellationToken cancellationToken = default);

    /// <summary>The campaign's funnel: its leads, dialed, connected, in a conversation of 30 s or more, with a positive outcome.</summary>
    Task<CampaignFunnel> FunnelAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default);

    /// <summary>
    /// The campaign's attempts in one pass: how many came to each outcome (no-answer, busy, conversation…), and of those
    /// dialed since <paramref name="abandonSince"/>, how many were answered and how many of those abandoned (the legal figure).
    /// </summary>
    Task<(IReadOnlyDictionary<string, int> ByOutcome, int Answered, int Abandoned)> AttemptFiguresAsync(TenantId tenant, CampaignId campaign, DateTimeOffset abandonSince, CancellationToken cancellationToken = default);

    /// <summary>
    /// The campaign's answered attempts dialed since <paramref name="since"/>, newest first, at most <paramref name="limit"/>:
    /// when each was dialed and whether it was abandoned. What a reactivated campaign steers by.
    /// </summary>
    Task<IReadOnlyList<(DateTimeOffset DialedAt, bool Abandoned)>> RecentAnswersAsync(TenantId tenant, CampaignId campaign, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many leads are in each status (statuses with none are left out).</summary>
    Task<IReadOnlyDictionary<LeadStatus, int>> CountAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default);
}
