using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Silo.Storage;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.Leads;

/// <summary>
/// The production <see cref="ILeadStore"/> on the table of migration 0007. An import goes in chunks of
/// <see cref="ImportChunk"/>, each one transaction: binary COPY into a temporary table, then one INSERT ... SELECT that
/// skips numbers the campaign already has (a repeated import merges chunk by chunk, so a retry after a failure is safe).
/// A lead's update (its outcome after each call) goes through a <see cref="GroupCommitWriter"/>: the leads of a busy
/// campaign share transactions, as their calls' records do.
/// </summary>
/// <param name="time">
/// The clock of webhook deliveries recorded with a lead's update. Not the lead's own times: those are the calling clock,
/// which development and tests move (Clock:Offset), and a delivery due at a moved time would wait for it (found by the
/// failure suite, whose lead events waited three days).
/// </param>
public sealed class PostgresLeadStore(string connectionString, TimeProvider? time = null, ILogger<PostgresLeadStore>? logger = null) : ILeadStore, IAsyncDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string ImportColumns =
        "tenant_id, campaign_id, lead_id, phone, name, email, time_zone, consent_at, consent_source, variables, status, " +
        "next_callable_at, attempts, disposition, status_reason, revision, imported_at, updated_at";

    private const string Columns = ImportColumns + ", attempt_log, last_dialed_at";

    private static readonly JsonSerializerOptions AttemptJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly UpdateCounts _updates = new();
    private GroupCommitWriter? _writer;
    private long _claims;

    /// <summary>Claim statements run (each one transaction, however many leads it takes): for the benchmark's transaction count.</summary>
    public long ClaimTransactions => Interlocked.Read(ref _claims);

    /// <summary>Transactions that committed lead-row updates (outcomes, requeues, deferrals), several leads to one under load.</summary>
    public long UpdateTransactions => _updates.Transactions;

    /// <summary>Lead-row updates committed.</summary>
    public long Updates => _updates.Writes;

    private GroupCommitWriter Writer => LazyInitializer.EnsureInitialized(ref _writer,
        () => new GroupCommitWriter(_dataSource, Silo.CallRecords.PostgresCallRecordStore.DefaultMaxBatchWrites, _updates,
            (ILogger?)logger ?? NullLogger.Instance, Silo.CallRecords.PostgresCallRecordStore.DefaultLinger, "lead"));

    /// <summary>Leads per transaction: a million-lead list goes in as many short transactions, never one that holds locks for minutes.</summary>
    public const int ImportChunk = 50_000;

    public async Task<LeadImportCounts> ImportAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken = default)
    {
        var (added, there) = (0, 0);
        for (var start = 0; start < leads.Count; start += ImportChunk)
        {
            var counts = await ImportChunkAsync(leads.Skip(start).Take(ImportChunk).ToList(), cancellationToken);
            (added, there) = (added + counts.Added, there + counts.AlreadyThere);
        }
        return new LeadImportCounts(added, there);
    }

    private async Task<LeadImportCounts> ImportChunkAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken)
    {
        if (leads.Count == 0) return new LeadImportCounts(0, 0);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE leads_import (LIKE leads INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY leads_import ({ImportColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var lead in leads)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(lead.TenantId.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(lead.CampaignId.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(lead.LeadId.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(lead.Phone, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.Name, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.Email, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.TimeZone, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.ConsentAt?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(copy, lead.ConsentSource, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(JsonSerializer.Serialize(lead.Variables), NpgsqlDbType.Jsonb, cancellationToken);
                await copy.WriteAsync(lead.Status.Kebab(), NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.NextCallableAt?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(lead.Attempts, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, lead.Disposition?.Kebab(), NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, lead.StatusReason, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(lead.Revision, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(lead.ImportedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(lead.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        int added;
        // DISTINCT ON keeps one row per number if the batch itself repeats one (the first by lead id).
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO leads ({ImportColumns})
            SELECT DISTINCT ON (tenant_id, campaign_id, phone) {ImportColumns} FROM leads_import ORDER BY tenant_id, campaign_id, phone, lead_id
            ON CONFLICT DO NOTHING
            """, connection, transaction) { CommandTimeout = 300 })
            added = await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LeadImportCounts(added, leads.Count - added);
    }

    public async Task<bool> UpdateAsync(LeadRecord lead, IReadOnlyList<VoicePlatform.Webhooks.TenantEvent>? events = null, CancellationToken cancellationToken = default)
    {
        var outbox = events?.ToArray() ?? [];
        // Built again for every attempt (the group commit replays a failed batch write by write): the last one ran.
        NpgsqlBatchCommand? update = null;
        await Writer.WriteAsync($"lead {lead.LeadId} of campaign {lead.CampaignId} of tenant {lead.TenantId}", () =>
        {
            update = UpdateCommand(lead);
            // Same transaction, and only if the row now holds this revision: an update turned away records nothing new
            // (a repeat of the same revision finds its events already there, by id).
            return outbox.Length == 0 ? [update] : [update, VoicePlatform.Silo.Webhooks.WebhookOutboxCommands.Append(outbox, _time.GetStoredUtcNow(),
                "EXISTS (SELECT 1 FROM leads WHERE tenant_id = $9 AND campaign_id = $10 AND lead_id = $11 AND revision = $12)",
                VoicePlatform.Silo.CallRecords.SqlParameters.Text(lead.TenantId.Value), VoicePlatform.Silo.CallRecords.SqlParameters.Text(lead.CampaignId.Value),
                VoicePlatform.Silo.CallRecords.SqlParameters.Text(lead.LeadId.Value), VoicePlatform.Silo.CallRecords.SqlParameters.Bigint(lead.Revision))];
        }, cancellationToken);
        return update!.RecordsAffected == 1;
    }

    private static NpgsqlBatchCommand UpdateCommand(LeadRecord lead)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE leads SET status = @status, next_callable_at = @next, attempts = @attempts, disposition = @disposition,
                status_reason = @reason, revision = @revision, updated_at = @updated, name = @name, email = @email,
                time_zone = @zone, consent_at = @consent_at, consent_source = @consent_source, variables = @variables,
                attempt_log = @attempt_log, last_dialed_at = @last_dialed_at
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND lead_id = @lead AND revision < @revision
            """);
        var p = command.Parameters;
        p.AddWithValue("tenant", lead.TenantId.Value);
        p.AddWithValue("campaign", lead.CampaignId.Value);
        p.AddWithValue("lead", lead.LeadId.Value);
        p.AddWithValue("status", lead.Status.Kebab());
        p.Add(Nullable("next", NpgsqlDbType.TimestampTz, lead.NextCallableAt?.UtcDateTime));
        p.AddWithValue("attempts", lead.Attempts);
        p.Add(Nullable("disposition", NpgsqlDbType.Text, lead.Disposition?.Kebab()));
        p.Add(Nullable("reason", NpgsqlDbType.Text, lead.StatusReason));
        p.AddWithValue("revision", lead.Revision);
        p.AddWithValue("updated", lead.UpdatedAt.UtcDateTime);
        p.Add(Nullable("name", NpgsqlDbType.Text, lead.Name));
        p.Add(Nullable("email", NpgsqlDbType.Text, lead.Email));
        p.Add(Nullable("zone", NpgsqlDbType.Text, lead.TimeZone));
        p.Add(Nullable("consent_at", NpgsqlDbType.TimestampTz, lead.ConsentAt?.UtcDateTime));
        p.Add(Nullable("consent_source", NpgsqlDbType.Text, lead.ConsentSource));
        p.Add(new NpgsqlParameter("variables", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(lead.Variables) });
        p.Add(new NpgsqlParameter("attempt_log", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(lead.AttemptLog, AttemptJson) });
        p.Add(Nullable("last_dialed_at", NpgsqlDbType.TimestampTz, lead.LastDialedAt?.UtcDateTime));
        return command;
    }

    public async Task<IReadOnlyList<LeadRecord>> ClaimDueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return [];
        // SKIP LOCKED: a second dialer racing this one takes other rows, and the re-checked next_callable_at keeps a
        // row another claim already took from being taken twice.
        await using var command = _dataSource.CreateCommand($"""
            WITH due AS (
                SELECT lead_id FROM leads
                WHERE tenant_id = @tenant AND campaign_id = @campaign AND next_callable_at IS NOT NULL AND next_callable_at <= @now
                ORDER BY next_callable_at, lead_id LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE leads SET status = 'dialing', next_callable_at = NULL, attempts = leads.attempts + 1, revision = leads.revision + 1,
                updated_at = @now, last_dialed_at = @now
            FROM due
            WHERE leads.tenant_id = @tenant AND leads.campaign_id = @campaign AND leads.lead_id = due.lead_id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "leads." + c))}
            """);
        var p = Scope(command, tenant, campaign);
        p.AddWithValue("now", now.UtcDateTime);
        p.AddWithValue("limit", Math.Clamp(limit, 1, 10_000));
        Interlocked.Increment(ref _claims);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<LeadRecord?> GetAsync(TenantId tenant, CampaignId campaign, LeadId lead, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM leads WHERE tenant_id = @tenant AND campaign_id = @campaign AND lead_id = @lead");
        Scope(command, tenant, campaign).AddWithValue("lead", lead.Value);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<LeadRecord>> DueAsync(TenantId tenant, CampaignId campaign, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM leads
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND next_callable_at IS NOT NULL AND next_callable_at <= @now
            ORDER BY next_callable_at, lead_id LIMIT @limit
            """);
        var p = Scope(command, tenant, campaign);
        p.AddWithValue("now", now.UtcDateTime);
        p.AddWithValue("limit", Math.Clamp(limit, 1, 10_000));
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextCallableAtAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT next_callable_at FROM leads
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND next_callable_at IS NOT NULL
            ORDER BY next_callable_at LIMIT 1
            """);
        Scope(command, tenant, campaign);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task<Page<LeadRecord>> ListAsync(TenantId tenant, CampaignId campaign, LeadStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM leads
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND (@status::text IS NULL OR status = @status) AND (@after::text IS NULL OR lead_id > @after)
            ORDER BY lead_id LIMIT @limit
            """);
        var p = Scope(command, tenant, campaign);
        p.Add(Nullable("status", NpgsqlDbType.Text, status?.Kebab()));
        p.Add(Nullable("after", NpgsqlDbType.Text, after));
        p.AddWithValue("limit", limit + 1);
        var items = await ReadAsync(command, cancellationToken);
        var more = items.Count > limit;
        if (more) items.RemoveAt(limit);
        return new Page<LeadRecord> { Items = items, Next = more ? items[^1].LeadId.Value : null };
    }

    public async Task<IReadOnlyDictionary<LeadStatus, int>> CountAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT status, count(*)::int FROM leads WHERE tenant_id = @tenant AND campaign_id = @campaign GROUP BY status");
        Scope(command, tenant, campaign);
        var counts = new Dictionary<LeadStatus, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[KebabEnum<LeadStatus>.Parse(reader.GetString(0))] = reader.GetInt32(1);
        return counts;
    }

    public async Task<IReadOnlyList<DateTimeOffset>> DialTimesOfNumberAsync(TenantId tenant, string phone, DateTimeOffset since, CampaignId exceptCampaign, LeadId exceptLead, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT (attempt ->> 'dialedAt')::timestamptz
            FROM leads, jsonb_array_elements(attempt_log) AS attempt
            WHERE tenant_id = @tenant AND phone = @phone AND (attempt ->> 'dialedAt')::timestamptz >= @since
              AND coalesce(attempt ->> 'direction', 'outbound') = 'outbound'
            UNION ALL
            SELECT last_dialed_at FROM leads
            WHERE tenant_id = @tenant AND phone = @phone AND status = 'dialing' AND last_dialed_at >= @since
              AND NOT (campaign_id = @campaign AND lead_id = @lead)
            """);
        Scope(command, tenant, exceptCampaign);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("since", since.UtcDateTime);
        command.Parameters.AddWithValue("lead", exceptLead.Value);
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) times.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        return times;
    }

    public async Task<IReadOnlyList<LeadRecord>> FindByPhoneAsync(TenantId tenant, string phone, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM leads
            WHERE tenant_id = @tenant AND phone = @phone
            ORDER BY (status = 'retry-scheduled' AND attempt_log -> -1 ->> 'outcome' = 'callback-requested') DESC,
                last_dialed_at DESC NULLS LAST, imported_at DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<CampaignFunnel> FunnelAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT count(*)::int,
                count(*) FILTER (WHERE attempts > 0)::int,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(attempt_log) AS a WHERE a ->> 'answeredAt' IS NOT NULL))::int,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(attempt_log) AS a
                    WHERE a ->> 'answeredAt' IS NOT NULL AND a ->> 'endedAt' IS NOT NULL
                      AND (a ->> 'endedAt')::timestamptz - (a ->> 'answeredAt')::timestamptz >= @conversation))::int,
                count(*) FILTER (WHERE disposition = 'qualified')::int
            FROM leads WHERE tenant_id = @tenant AND campaign_id = @campaign
            """);
        Scope(command, tenant, campaign).AddWithValue("conversation", CampaignFunnel.ConversationAtLeast);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CampaignFunnel { Leads = reader.GetInt32(0), Dialed = reader.GetInt32(1), Connected = reader.GetInt32(2), Conversations = reader.GetInt32(3), Positive = reader.GetInt32(4) };
    }

    public async Task<(IReadOnlyDictionary<string, int> ByOutcome, int Answered, int Abandoned)> AttemptFiguresAsync(TenantId tenant, CampaignId campaign, DateTimeOffset abandonSince, CancellationToken cancellationToken = default)
    {
        // One pass over the campaign's attempts: the outcome counts by row, the abandon figures as filtered totals. Only
        // the leads with attempts are read (the partial index leads_attempted, migration 0014): a fresh import's
        // million uncalled leads cost nothing here.
        await using var command = _dataSource.CreateCommand("""
            SELECT attempt ->> 'outcome',
                count(*)::int,
                count(*) FILTER (WHERE attempt ->> 'answeredAt' IS NOT NULL AND (attempt ->> 'dialedAt')::timestamptz >= @since
                    AND coalesce(attempt ->> 'direction', 'outbound') = 'outbound')::int,
                count(*) FILTER (WHERE attempt ->> 'answeredAt' IS NOT NULL AND (attempt ->> 'dialedAt')::timestamptz >= @since AND (attempt ->> 'abandoned')::boolean)::int
            FROM leads, jsonb_array_elements(attempt_log) AS attempt
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND attempt_log <> '[]'::jsonb
            GROUP BY 1
            """);
        Scope(command, tenant, campaign).AddWithValue("since", abandonSince.UtcDateTime);
        var byOutcome = new Dictionary<string, int>(StringComparer.Ordinal);
        var (answered, abandoned) = (0, 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0)) byOutcome[reader.GetString(0)] = reader.GetInt32(1);
            answered += reader.GetInt32(2);
            abandoned += reader.GetInt32(3);
        }
        return (byOutcome, answered, abandoned);
    }

    public async Task<IReadOnlyList<(DateTimeOffset DialedAt, bool Abandoned)>> RecentAnswersAsync(TenantId tenant, CampaignId campaign, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        // An attempt dialed since then belongs to a lead last dialed since then: the row filter comes before the unnest.
        await using var command = _dataSource.CreateCommand("""
            SELECT (attempt ->> 'dialedAt')::timestamptz AS dialed_at, coalesce((attempt ->> 'abandoned')::boolean, false)
            FROM leads, jsonb_array_elements(attempt_log) AS attempt
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND attempt_log <> '[]'::jsonb AND last_dialed_at >= @since
              AND attempt ->> 'answeredAt' IS NOT NULL AND (attempt ->> 'dialedAt')::timestamptz >= @since
              AND coalesce(attempt ->> 'direction', 'outbound') = 'outbound'
            ORDER BY dialed_at DESC
            LIMIT @limit
            """);
        Scope(command, tenant, campaign).AddWithValue("since", since.UtcDateTime);
        command.Parameters.AddWithValue("limit", limit);
        var recent = new List<(DateTimeOffset, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) recent.Add((new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetBoolean(1)));
        return recent;
    }

    public async ValueTask DisposeAsync()
    {
        // Queued updates are written before the connections go.
        if (_writer is not null) await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>The update writer's transactions and writes, for <see cref="UpdateTransactions"/>.</summary>
    private sealed class UpdateCounts : IGroupCommitMetrics
    {
        private long _transactions;
        private long _writes;

        public long Transactions => Interlocked.Read(ref _transactions);

        public long Writes => Interlocked.Read(ref _writes);

        public void Committed(int writes, long rows)
        {
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _writes, writes);
        }

        public void Failed(int writes)
        {
        }
    }

    private static NpgsqlParameterCollection Scope(NpgsqlCommand command, TenantId tenant, CampaignId campaign)
    {
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("campaign", campaign.Value);
        return command.Parameters;
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static async Task<List<LeadRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var leads = new List<LeadRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leads.Add(new LeadRecord
            {
                TenantId = TenantId.Parse(reader.GetString(0)),
                CampaignId = PrefixedId.Parse<CampaignId>(reader.GetString(1)),
                LeadId = PrefixedId.Parse<LeadId>(reader.GetString(2)),
                Phone = reader.GetString(3),
                Name = reader.IsDBNull(4) ? null : reader.GetString(4),
                Email = reader.IsDBNull(5) ? null : reader.GetString(5),
                TimeZone = reader.IsDBNull(6) ? null : reader.GetString(6),
                ConsentAt = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero),
                ConsentSource = reader.IsDBNull(8) ? null : reader.GetString(8),
                Variables = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [],
                Status = KebabEnum<LeadStatus>.Parse(reader.GetString(10)),
                NextCallableAt = reader.IsDBNull(11) ? null : new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero),
                Attempts = reader.GetInt32(12),
                Disposition = reader.IsDBNull(13) ? null : KebabEnum<CallDisposition>.Parse(reader.GetString(13)),
                StatusReason = reader.IsDBNull(14) ? null : reader.GetString(14),
                Revision = reader.GetInt64(15),
                ImportedAt = new DateTimeOffset(reader.GetDateTime(16), TimeSpan.Zero),
                UpdatedAt = new DateTimeOffset(reader.GetDateTime(17), TimeSpan.Zero),
                AttemptLog = JsonSerializer.Deserialize<List<LeadAttempt>>(reader.GetString(18), AttemptJson) ?? [],
                LastDialedAt = reader.IsDBNull(19) ? null : new DateTimeOffset(reader.GetDateTime(19), TimeSpan.Zero),
            });
        }
        return leads;
    }
}
