using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoicePlatform.Live;

using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Grains.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;
using VoicePlatform.Silo.Webhooks;
using VoicePlatform.Silo.Storage;
using static VoicePlatform.Silo.CallRecords.SqlParameters;

namespace VoicePlatform.Silo.CallRecords;

/// <summary>
/// The production <see cref="ICallRecordStore"/> on the tables of migration 0004. Writes go through a
/// <see cref="GroupCommitWriter"/> so concurrent call grains share transactions; reads query directly.
/// Disposing it commits every write queued before, so a stopping silo loses none.
/// </summary>
public sealed class PostgresCallRecordStore : ICallRecordStore, IAsyncDisposable, IDisposable
{
    /// <summary>Writes per transaction at most: enough to amortise a commit, small enough to keep a batch short.</summary>
    public const int DefaultMaxBatchWrites = 256;

    /// <summary>How long a batch gathers more writes under load (see <see cref="GroupCommitWriter"/>).</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(2);

    private const string RecordColumns =
        "call_id, revision, agent_id, brand_id, campaign_id, lead_id, to_number, from_number, status, end_reason, " +
        "answered_by, disposition, sip_status_code, queued_at, answered_at, ended_at, settled, billed_seconds, cost_total, currency, " +
        "abandoned, taken_over_by, direction";

    private readonly NpgsqlDataSource _dataSource;
    private readonly CallRecordStoreMetrics _metrics;
    private readonly GroupCommitWriter _writer;
    private readonly TimeProvider _time;
    private int _disposed;

    public PostgresCallRecordStore(string connectionString, ILogger<PostgresCallRecordStore> logger,
        IMeterFactory? meterFactory = null, int maxBatchWrites = DefaultMaxBatchWrites, TimeSpan? linger = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // A handful of statement texts run over and over: prepared once per connection, they skip parsing and
        // planning on every batch. Left alone when the connection string chooses for itself.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        _dataSource = builder.Build();
        _metrics = new CallRecordStoreMetrics(meterFactory);
        _writer = new GroupCommitWriter(_dataSource, maxBatchWrites, _metrics, logger, linger ?? DefaultLinger, "call-record");
    }

    /// <summary>Transactions committed so far (each holds one or more writes).</summary>
    public long Transactions => _metrics.Transactions;

    /// <summary>Rows inserted or updated so far; a repeated event or a kept final segment writes none.</summary>
    public long Rows => _metrics.Rows;

    /// <summary>Writes (saves, appends, transcript saves) committed so far.</summary>
    public long Writes => _metrics.Writes;

    /// <summary>Writes that failed and were reported to their caller.</summary>
    public long FailedWrites => _metrics.FailedWrites;

    // The lists are copied before the call returns: the statements are built when the batch runs (and again if it
    // is retried), and a caller must be free to reuse its list by then.
    public Task SaveAsync(CallRecord record, IReadOnlyList<CallEvent> events, IReadOnlyList<TenantEvent>? tenantEvents = null, CancellationToken cancellationToken = default)
    {
        var copy = events.ToArray();
        var outbox = tenantEvents?.ToArray() ?? [];
        return _writer.WriteAsync(Subject(record.TenantId, record.CallId), () =>
        {
            // The call's webhook events ride in the record's transaction (the group commit's): no transaction of their own.
            var commands = new List<NpgsqlBatchCommand>(3) { CallRecordCommands.UpsertRecord(record) };
            if (copy.Length > 0) commands.Add(CallRecordCommands.InsertEvents(record.TenantId, record.CallId, copy));
            if (outbox.Length > 0) commands.Add(WebhookOutboxCommands.Append(outbox, _time.GetStoredUtcNow()));
            return commands;
        }, cancellationToken);
    }

    public Task AppendEventsAsync(TenantId tenant, CallId call, IReadOnlyList<CallEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return Task.CompletedTask;
        var copy = events.ToArray();
        return _writer.WriteAsync(Subject(tenant, call), () => [CallRecordCommands.InsertEvents(tenant, call, copy)], cancellationToken);
    }

    public Task SaveTranscriptAsync(TenantId tenant, CallId call, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken = default)
    {
        if (segments.Count == 0) return Task.CompletedTask;
        var copy = segments.ToArray();
        return _writer.WriteAsync(Subject(tenant, call), () => [CallRecordCommands.UpsertSegments(tenant, call, copy)], cancellationToken);
    }

    private static string Subject(TenantId tenant, CallId call) => $"call {call} of tenant {tenant}";

    public async Task<Page<CallRecord>> ListAsync(TenantId tenant, CallListQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {RecordColumns} FROM call_records WHERE tenant_id = $1");
        command.Parameters.Add(Text(tenant.Value));

        // Only the filters given enter the text, so each shape gets a plan on the index made for it.
        void Filter(string condition, NpgsqlParameter value)
        {
            command.Parameters.Add(value);
            sql.Append($" AND {condition} ${command.Parameters.Count}");
        }

        if (query.Status is { } status) Filter("status =", Text(KebabEnum<CallStatus>.Name(status)));
        if (query.AgentId is { } agent) Filter("agent_id =", Text(agent.Value));
        if (query.CampaignId is { } campaign) Filter("campaign_id =", Text(campaign.Value));
        if (query.Direction is { } direction) Filter("direction =", Text(KebabEnum<CallDirection>.Name(direction)));
        if (query.From is { } from) Filter("queued_at >=", Time(from));
        if (query.To is { } to) Filter("queued_at <", Time(to));
        if (CallListCursor.TryParse(query.After, out var afterMicros, out var afterCall))
        {
            // A row comparison, which the indexes serve as one range: strictly after the last item of the previous
            // page in (queued_at, call_id) descending order, so ties on the time continue by id.
            command.Parameters.Add(Time(StoredTime.FromUnixMicroseconds(afterMicros)));
            command.Parameters.Add(Text(afterCall.Value));
            sql.Append($" AND (queued_at, call_id) < (${command.Parameters.Count - 1}, ${command.Parameters.Count})");
        }

        command.Parameters.Add(Bigint(limit + 1));
        sql.Append($" ORDER BY queued_at DESC, call_id DESC LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        var records = new List<CallRecord>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) records.Add(ReadRecord(reader, tenant));
        }

        var more = records.Count > limit;
        if (more) records.RemoveAt(limit);
        var next = more ? CallListCursor.Format(records[^1].QueuedAt, records[^1].CallId) : null;
        return new Page<CallRecord> { Items = records, Next = next };
    }

    public async Task<IReadOnlyList<LiveCallKey>> ListLiveCallsAsync(LiveCallKey? after, int limit, CancellationToken cancellationToken = default)
    {
        // The predicate repeats the partial index's own, so the scan reads only calls in progress, already in order.
        await using var command = _dataSource.CreateCommand(after is null
            ? "SELECT tenant_id, call_id FROM call_records WHERE (status <> 'ended' OR NOT settled) ORDER BY tenant_id, call_id LIMIT $1"
            : "SELECT tenant_id, call_id FROM call_records WHERE (status <> 'ended' OR NOT settled) AND (tenant_id, call_id) > ($2, $3) " +
              "ORDER BY tenant_id, call_id LIMIT $1");
        command.Parameters.Add(Bigint(Math.Max(1, limit)));
        if (after is { } last)
        {
            command.Parameters.Add(Text(last.Tenant.Value));
            command.Parameters.Add(Text(last.Call.Value));
        }

        var live = new List<LiveCallKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            live.Add(new LiveCallKey(PrefixedId.Parse<TenantId>(reader.GetString(0)), PrefixedId.Parse<CallId>(reader.GetString(1))));
        return live;
    }

    public async Task<IReadOnlyList<UsageGroup>> UsageAsync(TenantId tenant, UsageQuery query, string timeZone, CancellationToken cancellationToken = default)
    {
        // The group key is one of a fixed set of expressions (never text from the caller); the values are parameters.
        var key = query.GroupBy switch
        {
            UsageGroupBy.Day => "to_char(queued_at AT TIME ZONE $4, 'YYYY-MM-DD')",
            UsageGroupBy.Agent => "agent_id",
            UsageGroupBy.Campaign => "campaign_id",
            _ => "brand_id",
        };
        await using var command = _dataSource.CreateCommand(
            "SELECT " + key + " AS group_key, count(*), count(answered_at), coalesce(sum(billed_seconds), 0)::bigint, " +
            "coalesce(sum(cost_total), 0)::bigint, min(currency) " +
            "FROM call_records WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR queued_at >= $2) " +
            "AND ($3::timestamptz IS NULL OR queued_at < $3) AND $4::text IS NOT NULL " +
            "GROUP BY group_key ORDER BY group_key NULLS LAST");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Time(query.From));
        command.Parameters.Add(Time(query.To));
        command.Parameters.Add(Text(timeZone));
        var groups = new List<UsageGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var billed = reader.GetInt64(3);
            groups.Add(new UsageGroup
            {
                Key = reader.IsDBNull(0) ? null : reader.GetString(0),
                Calls = reader.GetInt64(1),
                ConnectedCalls = reader.GetInt64(2),
                BilledSeconds = billed,
                Minutes = Math.Round(billed / 60m, 2),
                Cost = reader.GetInt64(4),
                Currency = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }
        return groups;
    }

    public async Task<IReadOnlyList<FloorMinute>> FloorAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // call_records_ended: the tenant's ended calls in the range, an index range scan.
        await using var command = _dataSource.CreateCommand(
            """
            SELECT date_trunc('minute', ended_at) AS minute, count(*)::int, count(answered_at)::int,
                   (count(*) FILTER (WHERE abandoned))::int,
                   coalesce(sum((extract(epoch FROM ended_at - answered_at) * 1000)::bigint) FILTER (WHERE answered_at IS NOT NULL), 0)::bigint
            FROM call_records
            WHERE tenant_id = $1 AND ended_at IS NOT NULL AND ended_at >= $2 AND ended_at < $3
            GROUP BY minute ORDER BY minute
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Time(from));
        command.Parameters.Add(Time(to));
        var minutes = new List<FloorMinute>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            minutes.Add(new FloorMinute
            {
                Minute = reader.GetFieldValue<DateTimeOffset>(0),
                Ended = reader.GetInt32(1),
                Answered = reader.GetInt32(2),
                Abandoned = reader.GetInt32(3),
                HandledMilliseconds = Math.Max(0, reader.GetInt64(4)),
            });
        }
        return minutes;
    }

    public async Task<IReadOnlyList<TranscriptSegment>> GetTranscriptAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT segment_id, speaker, text, start_ms, end_ms, final
            FROM call_transcript_segments
            WHERE tenant_id = $1 AND call_id = $2
            ORDER BY start_ms, segment_id
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(call.Value));
        var segments = new List<TranscriptSegment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(new TranscriptSegment
            {
                Id = reader.GetString(0),
                Speaker = KebabEnum<Speaker>.Parse(reader.GetString(1)),
                Text = reader.GetString(2),
                StartMs = reader.GetInt64(3),
                EndMs = reader.GetInt64(4),
                Final = reader.GetBoolean(5),
            });
        }
        return segments;
    }

    public async Task<IReadOnlyList<CallEvent>> GetEventsAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT event_key, at, type, detail
            FROM call_events
            WHERE tenant_id = $1 AND call_id = $2
            ORDER BY id
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(call.Value));
        var events = new List<CallEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new CallEvent
            {
                Key = reader.GetString(0),
                At = reader.GetFieldValue<DateTimeOffset>(1),
                Type = reader.GetString(2),
                Detail = reader.GetString(3),
            });
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
        _metrics.Dispose();
    }

    // For containers disposed synchronously: the flush still has to finish before the process may go on.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static CallRecord ReadRecord(NpgsqlDataReader reader, TenantId tenant) => new()
    {
        TenantId = tenant,
        CallId = PrefixedId.Parse<CallId>(reader.GetString(0)),
        Revision = reader.GetInt64(1),
        AgentId = PrefixedId.Parse<AgentId>(reader.GetString(2)),
        BrandId = reader.IsDBNull(3) ? null : PrefixedId.Parse<BrandId>(reader.GetString(3)),
        CampaignId = reader.IsDBNull(4) ? null : PrefixedId.Parse<CampaignId>(reader.GetString(4)),
        LeadId = reader.IsDBNull(5) ? null : PrefixedId.Parse<LeadId>(reader.GetString(5)),
        To = reader.GetString(6),
        From = reader.IsDBNull(7) ? null : reader.GetString(7),
        Status = KebabEnum<CallStatus>.Parse(reader.GetString(8)),
        EndReason = reader.IsDBNull(9) ? null : KebabEnum<CallEndReason>.Parse(reader.GetString(9)),
        AnsweredBy = reader.IsDBNull(10) ? null : KebabEnum<AnsweredBy>.Parse(reader.GetString(10)),
        Disposition = reader.IsDBNull(11) ? null : KebabEnum<CallDisposition>.Parse(reader.GetString(11)),
        SipStatusCode = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        QueuedAt = reader.GetFieldValue<DateTimeOffset>(13),
        AnsweredAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        EndedAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
        Settled = reader.GetBoolean(16),
        BilledSeconds = reader.GetInt64(17),
        CostTotal = reader.IsDBNull(18) ? null : reader.GetInt64(18),
        Currency = reader.IsDBNull(19) ? null : reader.GetString(19),
        Abandoned = reader.GetBoolean(20),
        TakenOverBy = reader.IsDBNull(21) ? null : reader.GetString(21),
        Direction = KebabEnum<CallDirection>.Parse(reader.GetString(22)),
    };
}
