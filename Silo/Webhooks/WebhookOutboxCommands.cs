using Npgsql;
using VoicePlatform.Webhooks;
using static VoicePlatform.Silo.CallRecords.SqlParameters;

namespace VoicePlatform.Silo.Webhooks;

/// <summary>
/// The outbox's one statement: records events and fans each out to the enabled endpoints of its tenant that want its
/// type — only the first time its id is seen, so recording an event again creates nothing. Added to the batch of the
/// change that causes the events (a call's record, a wallet commit, a lead update) so both land in one transaction,
/// optionally guarded by a condition that must hold after that change (the lead row at the revision written).
/// Its affected-row count is the deliveries created.
/// </summary>
internal static class WebhookOutboxCommands
{
    public static NpgsqlBatchCommand Append(IReadOnlyList<TenantEvent> events, DateTimeOffset now, string? guardSql = null, params NpgsqlParameter[] guardParameters)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            WITH incoming AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::text[])
                    AS e(event_id, tenant_id, type, source_id, sequence, occurred_at, payload)
                {(guardSql is null ? "" : "WHERE " + guardSql)}
            ), wanted AS (
                SELECT i.*, w.endpoint_id
                FROM incoming i
                JOIN webhook_endpoints w ON w.tenant_id = i.tenant_id AND w.status = 'enabled'
                    AND (cardinality(w.event_types) = 0 OR i.type = ANY (w.event_types))
            ), recorded AS (
                INSERT INTO webhook_events (event_id, tenant_id, type, source_id, sequence, occurred_at, payload)
                SELECT DISTINCT ON (event_id) event_id, tenant_id, type, source_id, sequence, occurred_at, payload FROM wanted
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            )
            INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, status, next_attempt_at, created_at)
            SELECT w.tenant_id, w.endpoint_id, w.event_id, 'pending', $8, $8
            FROM wanted w JOIN recorded r USING (event_id)
            ON CONFLICT (endpoint_id, event_id) DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(TextArray(events.Select(e => e.Id).ToArray()));
        p.Add(TextArray(events.Select(e => e.TenantId.Value).ToArray()));
        p.Add(TextArray(events.Select(e => e.Type).ToArray()));
        p.Add(TextArray(events.Select(e => e.SourceId).ToArray()));
        p.Add(BigintArray(events.Select(e => e.Sequence).ToArray()));
        p.Add(TimeArray(events.Select(e => e.At).ToArray()));
        p.Add(TextArray(events.Select(e => e.PayloadJson).ToArray()));
        p.Add(Time(now));
        foreach (var parameter in guardParameters) p.Add(parameter);
        return command;
    }
}
