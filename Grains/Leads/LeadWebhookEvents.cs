using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Leads;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// A lead's webhook events: <c>lead.completed</c> when dialing brings it to an end (completed or out of attempts) and
/// <c>lead.do_not_call</c> when it turns out not to be callable (listed at dial time, or the call's outcome put it on
/// the list). Numbered by the row's revision, the lead's durable sequence, and recorded in the row's own transaction.
/// Leads refused at import are in the import's per-row report, not here.
/// </summary>
public static class LeadWebhookEvents
{
    public static IReadOnlyList<TenantEvent> Between(LeadRecord? previous, LeadRecord next)
    {
        if (previous?.Status == next.Status) return [];
        var type = next.Status switch
        {
            LeadStatus.Completed or LeadStatus.Exhausted => WebhookEventTypes.LeadCompleted,
            LeadStatus.DoNotCall => WebhookEventTypes.LeadDoNotCall,
            _ => null,
        };
        if (type is null) return [];
        return
        [
            new TenantEvent
            {
                Id = TenantEvent.IdFor(next.TenantId, next.LeadId.Value, next.Revision, type),
                Type = type,
                TenantId = next.TenantId,
                SourceId = next.LeadId.Value,
                Sequence = next.Revision,
                At = next.UpdatedAt,
                PayloadJson = WebhookPayloads.Lead(next),
            },
        ];
    }
}
