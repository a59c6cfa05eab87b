using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Webhooks;

/// <summary>
/// One of a tenant's outbound webhook endpoints (key: tenant and endpoint): its settings and secrets, and the single
/// deliverer of its events — due deliveries are sent when something wakes it (a new event, its retry timer, the
/// cluster's sweep) and never by a loop that polls.
/// </summary>
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>Creates it with a new secret (a retried create with the same settings answers the same endpoint and secret).</summary>
    Task<WriteResult<WebhookSecretIssued>> CreateAsync(WebhookEndpointSettings settings);

    [ReadOnly, AlwaysInterleave]
    Task<WebhookEndpointView?> GetAsync();

    Task<WriteResult<WebhookEndpointView>> UpdateAsync(WebhookEndpointSettings settings, int? expectedRevision);

    /// <summary>Deletes it and every delivery still waiting for it.</summary>
    Task<WriteResult<WebhookEndpointView>> DeleteAsync(int? expectedRevision);

    /// <summary>Switches it on (its waiting deliveries go out at once) or off.</summary>
    Task<WriteResult<WebhookEndpointView>> SetEnabledAsync(bool enabled);

    /// <summary>Issues a new secret; the previous one keeps signing alongside it for <paramref name="overlap"/>.</summary>
    Task<WriteResult<WebhookSecretIssued>> RotateSecretAsync(TimeSpan overlap);

    [ReadOnly, AlwaysInterleave]
    Task<WriteResult<Page<WebhookDelivery>>> ListDeliveriesAsync(WebhookDeliveryQuery query);

    [ReadOnly, AlwaysInterleave]
    Task<WebhookDelivery?> GetDeliveryAsync(string deliveryId);

    /// <summary>Sends a delivery again now, whatever its status (a dead letter included), and answers it with the new attempt.</summary>
    Task<WriteResult<WebhookDelivery>> RedeliverAsync(string deliveryId);

    /// <summary>Something may be due: deliver what is. Never waits for the delivery.</summary>
    [OneWay, AlwaysInterleave]
    Task WakeAsync();
}

public static class GrainFactoryWebhookExtensions
{
    public static IWebhookEndpointGrain GetWebhookEndpoint(this IGrainFactory grains, TenantId tenant, WebhookEndpointId endpoint) =>
        grains.GetGrain<IWebhookEndpointGrain>(TenantScopedKey.Format(tenant, endpoint));

    public static ITenantWebhooksGrain GetTenantWebhooks(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ITenantWebhooksGrain>(tenant.Value);
}
