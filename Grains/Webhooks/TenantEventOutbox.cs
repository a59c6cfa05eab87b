using Microsoft.Extensions.Logging;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// How grains whose changes live in grain state (calls, campaigns) hand events to the outbox: the events are first put
/// in the grain's state with the change that causes them — one write, so the change is never stored without them —
/// then recorded here before the change is acknowledged, and dropped from the state with the grain's next write. A
/// crash in between leaves them in the state, and the next activation records them again under the same ids, which
/// the store ignores. Wallets and leads need none of this: their stores record events inside their own transactions.
/// </summary>
public sealed class TenantEventOutbox(IWebhookStore store, ILogger<TenantEventOutbox> logger)
{
    /// <summary>Records the events and wakes their tenants' endpoints; false (logged) when the store could not be reached.</summary>
    public async Task<bool> RecordAsync(IGrainFactory grains, IReadOnlyList<TenantEvent> events)
    {
        if (events.Count == 0) return true;
        int created;
        try
        {
            created = await store.AppendAsync(events);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Count} webhook events of {SourceId} could not be recorded yet; kept to retry", events.Count, events[0].SourceId);
            return false;
        }
        if (created > 0)
            foreach (var tenant in events.Select(e => e.TenantId).Distinct()) await grains.GetTenantWebhooks(tenant).WakeAsync();
        return true;
    }
}
