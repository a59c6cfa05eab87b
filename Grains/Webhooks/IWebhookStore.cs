using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// The outbound webhooks' tables: endpoints, the outbox of events, each event's delivery to each endpoint that wants
/// it, and every attempt. Recording an event fans it out in the same transaction, only the first time its id is seen,
/// so the same event recorded twice (after a crash, by a retry) is delivered once per endpoint. PostgreSQL in
/// production (migration 0011; wallets and leads add their events inside their own transactions), memory in the
/// all-in-one mode; both obey the same contract tests.
/// </summary>
public interface IWebhookStore
{
    Task<WebhookEndpointRecord?> GetEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default);

    /// <summary>Stores the endpoint unless the store holds its revision or a newer one; false when it did not.</summary>
    Task<bool> SaveEndpointAsync(WebhookEndpointRecord endpoint, CancellationToken cancellationToken = default);

    /// <summary>Removes the endpoint with its deliveries and their attempts.</summary>
    Task DeleteEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default);

    Task<Page<WebhookEndpointRecord>> ListEndpointsAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records events (of any tenants) and a pending delivery, due now, to every enabled endpoint of the event's tenant
    /// that wants its type. An event id already recorded changes nothing. Answers the deliveries created.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<TenantEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's pending deliveries due by <paramref name="now"/>, earliest due first.</summary>
    Task<IReadOnlyList<DueDelivery>> DueAsync(TenantId tenant, WebhookEndpointId endpoint, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>When the endpoint's next pending delivery is due; null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default);

    /// <summary>Stores attempts and the state they leave their deliveries in, in one transaction.</summary>
    Task RecordAttemptsAsync(TenantId tenant, WebhookEndpointId endpoint, IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default);

    /// <summary>A page of the endpoint's deliveries, newest first.</summary>
    Task<Page<WebhookDelivery>> ListDeliveriesAsync(TenantId tenant, WebhookEndpointId endpoint, WebhookDeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>One delivery with its attempts and body's event; null when the endpoint has no such delivery.</summary>
    Task<(WebhookDelivery Delivery, TenantEvent Event)?> GetDeliveryAsync(TenantId tenant, WebhookEndpointId endpoint, long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's enabled endpoints with a pending delivery due by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<WebhookEndpointId>> EndpointsWithDueAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Enabled endpoints of any tenant with a pending delivery due before <paramref name="before"/> (the sweep).</summary>
    Task<IReadOnlyList<(TenantId Tenant, WebhookEndpointId Endpoint)>> OverdueEndpointsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}
