using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Webhooks;

/// <summary>A tenant's endpoints as a whole: the list, and the wake-up that follows the tenant's new events.</summary>
public interface ITenantWebhooksGrain : IGrainWithStringKey
{
    [ReadOnly, AlwaysInterleave]
    Task<Page<WebhookEndpointView>> ListAsync(string? after, int limit);

    /// <summary>
    /// New events were recorded for this tenant: wakes each endpoint with deliveries due. Wake-ups that arrive while one
    /// is being handled are folded into one more pass.
    /// </summary>
    [OneWay]
    Task WakeAsync();

    /// <summary>An endpoint was created, deleted, enabled or disabled: forget what was known and look for due deliveries.</summary>
    [OneWay]
    Task EndpointsChangedAsync();
}
