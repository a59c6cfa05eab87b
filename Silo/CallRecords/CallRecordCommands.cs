using VoicePlatform.Common;
using Npgsql;

using VoicePlatform.Calls;
using VoicePlatform.Tenants;
using static VoicePlatform.Silo.CallRecords.SqlParameters;

namespace VoicePlatform.Silo.CallRecords;

/// <summary>
/// The write statements of the call tables. Each is idempotent on its own — the writer may replay any of them
/// after a failed batch — and each is one statement however many rows it carries (arrays through unnest).
/// </summary>
internal static class CallRecordCommands
{
    // ">=": the same revision saved again is the same data, so rewriting it is harmless, and a grain that
    // could not tell whether its last save landed simply repeats it.
    private const string UpsertRecordSql =
        """
        INSERT INTO call_records (tenant_id, call_id, revision, agent_id, brand_id, campaign_id, lead_id,
                                  to_number, from_number, status, end_reason, answered_by, disposition,
                                  sip_status_code, queued_at, answered_at, ended_at, settled, billed_seconds,
                                  cost_total, currency, abandoned, taken_over_by, direction)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
        ON CONFLICT (tenant_id, call_id) DO UPDATE
        SET revision = excluded.revision,
            agent_id = excluded.agent_id,
            brand_id = excluded.brand_id,
            campaign_id = excluded.campaign_id,
            lead_id = excluded.lead_id,
            to_number = excluded.to_number,
            from_number = excluded.from_number,
            status = excluded.status,
            end_reason = excluded.end_reason,
            answered_by = excluded.answered_by,
            disposition = excluded.disposition,
            sip_status_code = excluded.sip_status_code,
            queued_at = excluded.queued_at,
            answered_at = excluded.answered_at,
            ended_at = excluded.ended_at,
            settled = excluded.settled,
            billed_seconds = excluded.billed_seconds,
            cost_total = excluded.cost_total,
            currency = excluded.currency,
            abandoned = excluded.abandoned,
            taken_over_by = excluded.taken_over_by,
            direction = excluded.direction,
            updated_at = now()
        WHERE excluded.revision >= call_records.revision
        """;

    // ORDER BY ordinality: the bigserial ids, which order the history, follow the order the caller gave.
    private const string InsertEventsSql =
        """
        INSERT INTO call_events (tenant_id, call_id, event_key, at, type, detail)
        SELECT $1, $2, e.event_key, e.at, e.type, e.detail
        FROM unnest($3::text[], $4::timestamptz[], $5::text[], $6::text[])
             WITH ORDINALITY AS e(event_key, at, type, detail, position)
        ORDER BY e.position
        ON CONFLICT (tenant_id, call_id, event_key) DO NOTHING
        """;

    private const string UpsertSegmentsSql =
        """
        INSERT INTO call_transcript_segments (tenant_id, call_id, segment_id, speaker, text, start_ms, end_ms, final)
        SELECT $1, $2, s.segment_id, s.speaker, s.text, s.start_ms, s.end_ms, s.final
        FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::boolean[])
             AS s(segment_id, speaker, text, start_ms, end_ms, final)
        ON CONFLICT (tenant_id, call_id, segment_id) DO UPDATE
        SET speaker = excluded.speaker,
            text = excluded.text,
            start_ms = excluded.start_ms,
            end_ms = excluded.end_ms,
            final = excluded.final
        WHERE NOT call_transcript_segments.final
        """;

    /// <summary>Inserts the record, or replaces the stored one unless that has a higher revision.</summary>
    public static NpgsqlBatchCommand UpsertRecord(CallRecord record) => Command(UpsertRecordSql,
        Text(record.TenantId.Value),
        Text(record.CallId.Value),
        Bigint(record.Revision),
        Text(record.AgentId.Value),
        Text(record.BrandId?.Value),
        Text(record.CampaignId?.Value),
        Text(record.LeadId?.Value),
        Text(record.To),
        Text(record.From),
        Text(KebabEnum<CallStatus>.Name(record.Status)),
        Text(KebabEnum<CallEndReason>.Name(record.EndReason)),
        Text(KebabEnum<AnsweredBy>.Name(record.AnsweredBy)),
        Text(KebabEnum<CallDisposition>.Name(record.Disposition)),
        Integer(record.SipStatusCode),
        Time(record.QueuedAt),
        Time(record.AnsweredAt),
        Time(record.EndedAt),
        Boolean(record.Settled),
        Bigint(record.BilledSeconds),
        Bigint(record.CostTotal),
        Text(record.Currency),
        Boolean(record.Abandoned),
        Text(record.TakenOverBy),
        Text(KebabEnum<CallDirection>.Name(record.Direction)));

    /// <summary>Adds the events whose keys the call does not have yet, in the order given.</summary>
    public static NpgsqlBatchCommand InsertEvents(TenantId tenant, CallId call, IReadOnlyList<CallEvent> events)
    {
        // One INSERT cannot meet the same key twice cleanly; the first occurrence wins, as a later append would lose.
        var distinct = events.DistinctBy(e => e.Key, StringComparer.Ordinal).ToArray();
        return Command(InsertEventsSql,
            Text(tenant.Value),
            Text(call.Value),
            TextArray(Array.ConvertAll(distinct, e => e.Key)),
            TimeArray(Array.ConvertAll(distinct, e => e.At)),
            TextArray(Array.ConvertAll(distinct, e => e.Type)),
            TextArray(Array.ConvertAll(distinct, e => e.Detail)));
    }

    /// <summary>Inserts new segments and replaces interim ones; a stored final segment is left as it is.</summary>
    public static NpgsqlBatchCommand UpsertSegments(TenantId tenant, CallId call, IReadOnlyList<TranscriptSegment> segments)
    {
        var merged = MergeRepeatedIds(segments);
        return Command(UpsertSegmentsSql,
            Text(tenant.Value),
            Text(call.Value),
            TextArray(Array.ConvertAll(merged, s => s.Id)),
            TextArray(Array.ConvertAll(merged, s => KebabEnum<Speaker>.Name(s.Speaker))),
            TextArray(Array.ConvertAll(merged, s => s.Text)),
            BigintArray(Array.ConvertAll(merged, s => s.StartMs)),
            BigintArray(Array.ConvertAll(merged, s => s.EndMs)),
            BooleanArray(Array.ConvertAll(merged, s => s.Final)));
    }

    // An upsert may not touch one row twice, so a list that repeats a segment id is reduced first to what applying
    // it in order would leave: the first final version, or else the last interim one.
    private static TranscriptSegment[] MergeRepeatedIds(IReadOnlyList<TranscriptSegment> segments)
    {
        var merged = new Dictionary<string, TranscriptSegment>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            if (merged.TryGetValue(segment.Id, out var kept) && kept.Final) continue;
            merged[segment.Id] = segment;
        }
        return merged.Values.ToArray();
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
