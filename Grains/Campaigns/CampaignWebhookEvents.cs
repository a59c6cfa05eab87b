using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The webhook event of a campaign's transition: started (it begins dialing, at once or at its start time), paused (with why:
/// requested, insufficient-funds, abandon-rate), resumed, completed (every lead done, or cancelled). Numbered by the
/// campaign's revision after the transition, its durable sequence.
/// </summary>
public static class CampaignWebhookEvents
{
    public static TenantEvent? For(TenantId tenant, CampaignStatus from, CampaignState next, CampaignView view, DateTimeOffset at)
    {
        var (type, reason) = (from, next.Status) switch
        {
            (CampaignStatus.Draft or CampaignStatus.Scheduled, CampaignStatus.Running) => (WebhookEventTypes.CampaignStarted, "started"),
            (CampaignStatus.Paused, CampaignStatus.Running or CampaignStatus.Scheduled) => (WebhookEventTypes.CampaignResumed, "resumed"),
            (_, CampaignStatus.Paused) when from != CampaignStatus.Paused => (WebhookEventTypes.CampaignPaused, next.PausedFor?.Kebab() ?? "requested"),
            (_, CampaignStatus.Completed) => (WebhookEventTypes.CampaignCompleted, "completed"),
            (_, CampaignStatus.Cancelled) => (WebhookEventTypes.CampaignCompleted, "cancelled"),
            _ => ((string?)null, (string?)null),
        };
        if (type is null) return null;
        return new TenantEvent
        {
            Id = TenantEvent.IdFor(tenant, view.Id.Value, next.Revision, type),
            Type = type,
            TenantId = tenant,
            SourceId = view.Id.Value,
            Sequence = next.Revision,
            At = at,
            PayloadJson = WebhookPayloads.Campaign(view, reason, next.StatusDetail),
        };
    }
}
