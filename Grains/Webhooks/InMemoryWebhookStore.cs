using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>The development-mode webhook tables: the same rules as PostgreSQL, under one lock.</summary>
public sealed class InMemoryWebhookStore(TimeProvider? time = null) : IWebhookStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Dictionary<(TenantId, WebhookEndpointId), WebhookEndpointRecord> _endpoints = [];
    private readonly Dictionary<string, TenantEvent> _events = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, Delivery> _deliveries = [];
    private long _nextDelivery;

    private sealed class Delivery
    {
        public required long Id { get; init; }
        public required TenantId Tenant { get; init; }
        public required WebhookEndpointId Endpoint { get; init; }
        public required string EventId { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public WebhookDeliveryStatus Status { get; set; }
        public DateTimeOffset? NextAttemptAt { get; set; }
        public DateTimeOffset? DeliveredAt { get; set; }
        public List<WebhookAttempt> Attempts { get; } = [];
    }

    public Task<WebhookEndpointRecord?> GetEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_endpoints.GetValueOrDefault((tenant, endpoint)));
    }

    public Task<bool> SaveEndpointAsync(WebhookEndpointRecord endpoint, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_endpoints.TryGetValue((endpoint.TenantId, endpoint.Id), out var stored) && stored.Revision >= endpoint.Revision) return Task.FromResult(false);
            _endpoints[(endpoint.TenantId, endpoint.Id)] = endpoint;
            return Task.FromResult(true);
        }
    }

    public Task DeleteEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _endpoints.Remove((tenant, endpoint));
            foreach (var id in _deliveries.Values.Where(d => d.Tenant == tenant && d.Endpoint == endpoint).Select(d => d.Id).ToList()) _deliveries.Remove(id);
        }
        return Task.CompletedTask;
    }

    public Task<Page<WebhookEndpointRecord>> ListEndpointsAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var mine = _endpoints.Values.Where(e => e.TenantId == tenant).OrderBy(e => e.Id.Value, StringComparer.Ordinal).ToList();
            return Task.FromResult(Paging.Take(mine, e => e.Id.Value, after, limit));
        }
    }

    public Task<int> AppendAsync(IReadOnlyList<TenantEvent> events, CancellationToken cancellationToken = default)
    {
        var created = 0;
        lock (_lock)
        {
            foreach (var item in events)
            {
                if (_events.ContainsKey(item.Id)) continue;
                var wanting = _endpoints.Values
                    .Where(e => e.TenantId == item.TenantId && e.Status == WebhookEndpointStatus.Enabled && e.Settings.Wants(item.Type))
                    .ToList();
                // Nobody listens: nothing to keep (as in PostgreSQL, where the fan-out inserts the event only with a delivery).
                if (wanting.Count == 0) continue;
                _events[item.Id] = item;
                var now = _time.GetStoredUtcNow();
                foreach (var endpoint in wanting)
                {
                    var id = ++_nextDelivery;
                    _deliveries[id] = new Delivery
                    {
                        Id = id, Tenant = item.TenantId, Endpoint = endpoint.Id, EventId = item.Id, CreatedAt = now, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now,
                    };
                    created++;
                }
            }
        }
        return Task.FromResult(created);
    }

    public Task<IReadOnlyList<DueDelivery>> DueAsync(TenantId tenant, WebhookEndpointId endpoint, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DueDelivery> due = Pending(tenant, endpoint)
                .Where(d => d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Take(limit)
                .Select(d => new DueDelivery(d.Id, _events[d.EventId], d.Attempts.Count))
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> NextDueAtAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(Pending(tenant, endpoint).Min(d => d.NextAttemptAt));
    }

    public Task RecordAttemptsAsync(TenantId tenant, WebhookEndpointId endpoint, IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var record in attempts)
            {
                if (!_deliveries.TryGetValue(record.DeliveryId, out var delivery) || delivery.Tenant != tenant || delivery.Endpoint != endpoint) continue;
                delivery.Attempts.Add(record.Attempt);
                delivery.Status = record.Status;
                delivery.NextAttemptAt = record.Status == WebhookDeliveryStatus.Pending ? record.NextAttemptAt : null;
                if (record.Status == WebhookDeliveryStatus.Delivered) delivery.DeliveredAt ??= record.Attempt.At;
            }
        }
        return Task.CompletedTask;
    }

    public Task<Page<WebhookDelivery>> ListDeliveriesAsync(TenantId tenant, WebhookEndpointId endpoint, WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            long? after = query.After is null ? null : DeliveryIds.TryParse(query.After, out var a) ? a : 0;
            var items = _deliveries.Values.Reverse()
                .Where(d => d.Tenant == tenant && d.Endpoint == endpoint)
                .Where(d => after is null || d.Id < after)
                .Where(d => query.Status is null || d.Status == query.Status)
                .Where(d => query.EventType is null || _events[d.EventId].Type == query.EventType)
                .Take(query.Limit + 1)
                .Select(d => View(d, withDetail: false))
                .ToList();
            var more = items.Count > query.Limit;
            if (more) items.RemoveAt(items.Count - 1);
            return Task.FromResult(new Page<WebhookDelivery> { Items = items, Next = more ? items[^1].Id : null });
        }
    }

    public Task<(WebhookDelivery Delivery, TenantEvent Event)?> GetDeliveryAsync(TenantId tenant, WebhookEndpointId endpoint, long deliveryId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var d) || d.Tenant != tenant || d.Endpoint != endpoint)
                return Task.FromResult<(WebhookDelivery, TenantEvent)?>(null);
            return Task.FromResult<(WebhookDelivery, TenantEvent)?>((View(d, withDetail: true), _events[d.EventId]));
        }
    }

    public Task<IReadOnlyList<WebhookEndpointId>> EndpointsWithDueAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<WebhookEndpointId> due = _deliveries.Values
                .Where(d => d.Tenant == tenant && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && IsEnabled(d))
                .Select(d => d.Endpoint).Distinct().ToList();
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<(TenantId Tenant, WebhookEndpointId Endpoint)>> OverdueEndpointsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<(TenantId, WebhookEndpointId)> due = _deliveries.Values
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt < before && IsEnabled(d))
                .Select(d => (d.Tenant, d.Endpoint)).Distinct().Take(limit).ToList();
            return Task.FromResult(due);
        }
    }

    private bool IsEnabled(Delivery d) =>
        _endpoints.TryGetValue((d.Tenant, d.Endpoint), out var e) && e.Status == WebhookEndpointStatus.Enabled;

    private IEnumerable<Delivery> Pending(TenantId tenant, WebhookEndpointId endpoint) =>
        _deliveries.Values.Where(d => d.Tenant == tenant && d.Endpoint == endpoint && d.Status == WebhookDeliveryStatus.Pending);

    private WebhookDelivery View(Delivery d, bool withDetail)
    {
        var item = _events[d.EventId];
        var last = d.Attempts.LastOrDefault();
        return new WebhookDelivery
        {
            Id = DeliveryIds.Format(d.Id),
            EndpointId = d.Endpoint,
            EventId = d.EventId,
            EventType = item.Type,
            Status = d.Status,
            Attempts = d.Attempts.Count,
            NextAttemptAt = d.NextAttemptAt,
            LastStatusCode = last?.StatusCode,
            LastError = last?.Error,
            CreatedAt = d.CreatedAt,
            DeliveredAt = d.DeliveredAt,
            AttemptLog = withDetail ? d.Attempts.ToList() : null,
            Body = withDetail ? WebhookEnvelope.Body(item) : null,
        };
    }
}
