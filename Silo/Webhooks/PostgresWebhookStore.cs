using Npgsql;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;
using static VoicePlatform.Silo.CallRecords.SqlParameters;

namespace VoicePlatform.Silo.Webhooks;

/// <summary>The production <see cref="IWebhookStore"/> on the tables of migration 0011.</summary>
public sealed class PostgresWebhookStore(string connectionString, TimeProvider? time = null) : IWebhookStore, IAsyncDisposable
{
    private const string EndpointColumns =
        "tenant_id, endpoint_id, url, description, event_types, status, status_reason, secret, previous_secret, previous_secret_expires_at, " +
        "failing_since, revision, created_at, updated_at";

    private const string DeliveryColumns =
        "d.delivery_id, d.endpoint_id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.delivered_at";

    private const string EventColumns = "e.event_id, e.tenant_id, e.type, e.source_id, e.sequence, e.occurred_at, e.payload";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<WebhookEndpointRecord?> GetEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(endpoint.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEndpoint(reader) : null;
    }

    public async Task<bool> SaveEndpointAsync(WebhookEndpointRecord e, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO webhook_endpoints ({EndpointColumns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (tenant_id, endpoint_id) DO UPDATE
            SET url = excluded.url, description = excluded.description, event_types = excluded.event_types, status = excluded.status,
                status_reason = excluded.status_reason, secret = excluded.secret, previous_secret = excluded.previous_secret,
                previous_secret_expires_at = excluded.previous_secret_expires_at, failing_since = excluded.failing_since,
                revision = excluded.revision, updated_at = excluded.updated_at
            WHERE webhook_endpoints.revision < excluded.revision
            """);
        var p = command.Parameters;
        p.Add(Text(e.TenantId.Value));
        p.Add(Text(e.Id.Value));
        p.Add(Text(e.Settings.Url));
        p.Add(Text(e.Settings.Description));
        p.Add(TextArray(e.Settings.EventTypes.ToArray()));
        p.Add(Text(e.Status.Kebab()));
        p.Add(Text(e.StatusReason));
        p.Add(Text(e.Secret));
        p.Add(Text(e.PreviousSecret));
        p.Add(Time(e.PreviousSecretExpiresAt));
        p.Add(Time(e.FailingSince));
        p.Add(Integer(e.Revision));
        p.Add(Time(e.CreatedAt));
        p.Add(Time(e.UpdatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task DeleteEndpointAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        await using var batch = _dataSource.CreateBatch();
        // Attempts go with their deliveries (ON DELETE CASCADE); events no other endpoint has a delivery of stay until pruned.
        batch.BatchCommands.Add(Command("DELETE FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2", Text(tenant.Value), Text(endpoint.Value)));
        batch.BatchCommands.Add(Command("DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2", Text(tenant.Value), Text(endpoint.Value)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Page<WebhookEndpointRecord>> ListEndpointsAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id > $2 ORDER BY endpoint_id LIMIT $3");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(after ?? ""));
        command.Parameters.Add(Integer(limit + 1));
        var items = new List<WebhookEndpointRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) items.Add(ReadEndpoint(reader));
        var more = items.Count > limit;
        if (more) items.RemoveAt(limit);
        return new Page<WebhookEndpointRecord> { Items = items, Next = more ? items[^1].Id.Value : null };
    }

    public async Task<int> AppendAsync(IReadOnlyList<TenantEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return 0;
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(WebhookOutboxCommands.Append(events, _time.GetStoredUtcNow()));
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DueDelivery>> DueAsync(TenantId tenant, WebhookEndpointId endpoint, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT d.delivery_id, d.attempts, {EventColumns}
            FROM webhook_deliveries d JOIN webhook_events e ON e.event_id = d.event_id
            WHERE d.tenant_id = $1 AND d.endpoint_id = $2 AND d.status = 'pending' AND d.next_attempt_at <= $3
            ORDER BY d.next_attempt_at, d.delivery_id
            LIMIT $4
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(endpoint.Value));
        command.Parameters.Add(Time(now));
        command.Parameters.Add(Integer(limit));
        var due = new List<DueDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) due.Add(new DueDelivery(reader.GetInt64(0), ReadEvent(reader, 2), reader.GetInt32(1)));
        return due;
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(TenantId tenant, WebhookEndpointId endpoint, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(endpoint.Value));
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task RecordAttemptsAsync(TenantId tenant, WebhookEndpointId endpoint, IReadOnlyList<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        if (attempts.Count == 0) return;
        await using var batch = _dataSource.CreateBatch();
        var ids = attempts.Select(a => a.DeliveryId).ToArray();
        batch.BatchCommands.Add(Command("""
            UPDATE webhook_deliveries d
            SET status = u.status, attempts = u.attempt, next_attempt_at = u.next_attempt_at, last_status_code = u.status_code,
                last_error = u.error, delivered_at = CASE WHEN u.status = 'delivered' THEN coalesce(d.delivered_at, u.attempted_at) ELSE d.delivered_at END
            FROM unnest($3::bigint[], $4::text[], $5::integer[], $6::timestamptz[], $7::integer[], $8::text[], $9::timestamptz[])
                AS u(delivery_id, status, attempt, next_attempt_at, status_code, error, attempted_at)
            WHERE d.delivery_id = u.delivery_id AND d.tenant_id = $1 AND d.endpoint_id = $2
            """,
            Text(tenant.Value), Text(endpoint.Value),
            BigintArray(ids),
            TextArray(attempts.Select(a => a.Status.Kebab()).ToArray()),
            IntegerArray(attempts.Select(a => a.Attempt.Number).ToArray()),
            NullableTimeArray(attempts.Select(a => a.Status == WebhookDeliveryStatus.Pending ? a.NextAttemptAt : null).ToArray()),
            NullableIntegerArray(attempts.Select(a => a.Attempt.StatusCode).ToArray()),
            TextArray(attempts.Select(a => a.Attempt.Error).ToArray()!),
            TimeArray(attempts.Select(a => a.Attempt.At).ToArray())));
        batch.BatchCommands.Add(Command("""
            INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, error, manual)
            SELECT u.* FROM unnest($1::bigint[], $2::integer[], $3::timestamptz[], $4::integer[], $5::bigint[], $6::text[], $7::boolean[])
                AS u(delivery_id, attempt, attempted_at, status_code, latency_ms, error, manual)
            WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.delivery_id = u.delivery_id)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """,
            BigintArray(ids),
            IntegerArray(attempts.Select(a => a.Attempt.Number).ToArray()),
            TimeArray(attempts.Select(a => a.Attempt.At).ToArray()),
            NullableIntegerArray(attempts.Select(a => a.Attempt.StatusCode).ToArray()),
            BigintArray(attempts.Select(a => a.Attempt.LatencyMs).ToArray()),
            TextArray(attempts.Select(a => a.Attempt.Error).ToArray()!),
            BooleanArray(attempts.Select(a => a.Attempt.Manual).ToArray())));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Page<WebhookDelivery>> ListDeliveriesAsync(TenantId tenant, WebhookEndpointId endpoint, WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, Paging.MaxPageSize);
        long after = query.After is null ? long.MaxValue : DeliveryIds.TryParse(query.After, out var a) ? a : 0;
        await using var command = _dataSource.CreateCommand($"""
            SELECT {DeliveryColumns}
            FROM webhook_deliveries d JOIN webhook_events e ON e.event_id = d.event_id
            WHERE d.tenant_id = $1 AND d.endpoint_id = $2 AND d.delivery_id < $3
              AND ($4::text IS NULL OR d.status = $4) AND ($5::text IS NULL OR e.type = $5)
            ORDER BY d.delivery_id DESC
            LIMIT $6
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(endpoint.Value));
        command.Parameters.Add(Bigint(after));
        command.Parameters.Add(Text(query.Status is { } s ? s.Kebab() : null));
        command.Parameters.Add(Text(query.EventType));
        command.Parameters.Add(Integer(limit + 1));
        var items = new List<WebhookDelivery>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) items.Add(ReadDelivery(reader));
        var more = items.Count > limit;
        if (more) items.RemoveAt(limit);
        return new Page<WebhookDelivery> { Items = items, Next = more ? items[^1].Id : null };
    }

    public async Task<(WebhookDelivery Delivery, TenantEvent Event)?> GetDeliveryAsync(TenantId tenant, WebhookEndpointId endpoint, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        WebhookDelivery delivery;
        TenantEvent item;
        await using (var command = new NpgsqlCommand($"""
            SELECT {DeliveryColumns}, {EventColumns}
            FROM webhook_deliveries d JOIN webhook_events e ON e.event_id = d.event_id
            WHERE d.tenant_id = $1 AND d.endpoint_id = $2 AND d.delivery_id = $3
            """, connection))
        {
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(endpoint.Value));
            command.Parameters.Add(Bigint(deliveryId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            delivery = ReadDelivery(reader);
            item = ReadEvent(reader, 11);
        }
        var attempts = new List<WebhookAttempt>();
        await using (var command = new NpgsqlCommand(
            "SELECT attempt, attempted_at, status_code, latency_ms, error, manual FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt", connection))
        {
            command.Parameters.Add(Bigint(deliveryId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                attempts.Add(new WebhookAttempt
                {
                    Number = reader.GetInt32(0), At = Utc(reader.GetDateTime(1)), StatusCode = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    LatencyMs = reader.GetInt64(3), Error = reader.IsDBNull(4) ? null : reader.GetString(4), Manual = reader.GetBoolean(5),
                });
            }
        }
        return (delivery with { AttemptLog = attempts, Body = WebhookEnvelope.Body(item) }, item);
    }

    public async Task<IReadOnlyList<WebhookEndpointId>> EndpointsWithDueAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT w.endpoint_id FROM webhook_endpoints w
            WHERE w.tenant_id = $1 AND w.status = 'enabled' AND EXISTS (
                SELECT 1 FROM webhook_deliveries d
                WHERE d.tenant_id = w.tenant_id AND d.endpoint_id = w.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= $2)
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Time(now));
        var ids = new List<WebhookEndpointId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(WebhookEndpointId.FromValidated(reader.GetString(0)));
        return ids;
    }

    public async Task<IReadOnlyList<(TenantId Tenant, WebhookEndpointId Endpoint)>> OverdueEndpointsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT DISTINCT d.tenant_id, d.endpoint_id
            FROM webhook_deliveries d JOIN webhook_endpoints w ON w.tenant_id = d.tenant_id AND w.endpoint_id = d.endpoint_id
            WHERE d.status = 'pending' AND d.next_attempt_at < $1 AND w.status = 'enabled'
            LIMIT $2
            """);
        command.Parameters.Add(Time(before));
        command.Parameters.Add(Integer(limit));
        var found = new List<(TenantId, WebhookEndpointId)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add((TenantId.Parse(reader.GetString(0)), WebhookEndpointId.FromValidated(reader.GetString(1))));
        return found;
    }

    private static WebhookEndpointRecord ReadEndpoint(NpgsqlDataReader r) => new()
    {
        TenantId = TenantId.Parse(r.GetString(0)),
        Id = WebhookEndpointId.FromValidated(r.GetString(1)),
        Settings = new WebhookEndpointSettings { Url = r.GetString(2), Description = r.IsDBNull(3) ? null : r.GetString(3), EventTypes = r.GetFieldValue<string[]>(4) },
        Status = KebabEnum<WebhookEndpointStatus>.Parse(r.GetString(5)),
        StatusReason = r.IsDBNull(6) ? null : r.GetString(6),
        Secret = r.GetString(7),
        PreviousSecret = r.IsDBNull(8) ? null : r.GetString(8),
        PreviousSecretExpiresAt = r.IsDBNull(9) ? null : Utc(r.GetDateTime(9)),
        FailingSince = r.IsDBNull(10) ? null : Utc(r.GetDateTime(10)),
        Revision = r.GetInt32(11),
        CreatedAt = Utc(r.GetDateTime(12)),
        UpdatedAt = Utc(r.GetDateTime(13)),
    };

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader r) => new()
    {
        Id = DeliveryIds.Format(r.GetInt64(0)),
        EndpointId = WebhookEndpointId.FromValidated(r.GetString(1)),
        EventId = r.GetString(2),
        EventType = r.GetString(3),
        Status = KebabEnum<WebhookDeliveryStatus>.Parse(r.GetString(4)),
        Attempts = r.GetInt32(5),
        NextAttemptAt = r.IsDBNull(6) ? null : Utc(r.GetDateTime(6)),
        LastStatusCode = r.IsDBNull(7) ? null : r.GetInt32(7),
        LastError = r.IsDBNull(8) ? null : r.GetString(8),
        CreatedAt = Utc(r.GetDateTime(9)),
        DeliveredAt = r.IsDBNull(10) ? null : Utc(r.GetDateTime(10)),
    };

    private static TenantEvent ReadEvent(NpgsqlDataReader r, int first) => new()
    {
        Id = r.GetString(first),
        TenantId = TenantId.Parse(r.GetString(first + 1)),
        Type = r.GetString(first + 2),
        SourceId = r.GetString(first + 3),
        Sequence = r.GetInt64(first + 4),
        At = Utc(r.GetDateTime(first + 5)),
        PayloadJson = r.GetString(first + 6),
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
