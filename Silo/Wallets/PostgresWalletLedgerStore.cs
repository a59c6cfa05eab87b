using System.Globalization;
using Npgsql;
using NpgsqlTypes;

using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Silo.Wallets;

/// <summary>
/// The production <see cref="IWalletLedgerStore"/> on the tables of migration 0005. A group commit is one batch of
/// statements in one round trip, which PostgreSQL runs as one implicit transaction (all or nothing): the
/// sequence-guarded wallet upsert, every entry in one INSERT from arrays, and the reservation changes.
/// </summary>
/// <remarks>
/// Why no explicit transaction is needed to stop a second writer: the wallet grain plans a commit only on what the
/// ledger holds (it reloads after any failure), so its first entry is always the ledger's next sequence. A writer
/// that got there first already holds that sequence, and the entry INSERT fails on the primary key, rolling back
/// the whole batch. The upsert goes first so its row lock makes the second writer wait for the first to finish.
/// </remarks>
public sealed class PostgresWalletLedgerStore : IWalletLedgerStore, IAsyncDisposable
{
    private const string UniqueViolation = "23505";

    private const string EntryColumns =
        "sequence, kind, status, requested, amount, balance_change, reserved_change, shortfall, balance_after, reserved_after, " +
        "reservation_after, reference, idempotency_key, actor, note, created_at";

    private readonly NpgsqlDataSource _dataSource;
    private long _commits;
    private long _entries;
    private long _commitTicks;

    public PostgresWalletLedgerStore(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The same few statements run for every commit: prepared once per connection, they skip parsing and
        // planning. Left alone when the connection string chooses for itself.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        // The store never changes session state, so a pooled connection needs no reset (which would also drop the
        // prepared statements).
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        _dataSource = builder.Build();
    }

    /// <summary>Group commits that landed, and the entries they held (the benchmark reports entries per commit).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public long Entries => Interlocked.Read(ref _entries);

    /// <summary>Wall time spent in commits that landed, from opening the connection to the commit's answer.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));

    public async Task<WalletSnapshot> LoadAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both reads, so the totals and the reservations are of the same commit.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("SELECT sequence, balance, reserved, low_balance FROM wallets WHERE tenant_id = $1", Text(tenant.Value)),
                Command("SELECT reference, amount FROM wallet_reservations WHERE tenant_id = $1", Text(tenant.Value)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return WalletSnapshot.Empty;
        var (sequence, balance, reserved, lowBalance) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3));
        await reader.NextResultAsync(cancellationToken);
        var reservations = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) reservations[reader.GetString(0)] = reader.GetInt64(1);
        return new WalletSnapshot { Sequence = sequence, Balance = balance, Reserved = reserved, LowBalance = lowBalance, Reservations = reservations };
    }

    public async Task CommitAsync(TenantId tenant, WalletCommit commit, CancellationToken cancellationToken = default)
    {
        if (commit.Entries.Count == 0) return;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var entries = commit.Entries;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);

        // First, so its row lock queues a concurrent writer until this one ends; that writer then finds the sequence
        // moved, touches no row, and fails on the entries' primary key.
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO wallets (tenant_id, sequence, balance, reserved, low_balance, updated_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (tenant_id) DO UPDATE
                SET sequence = excluded.sequence, balance = excluded.balance, reserved = excluded.reserved,
                    low_balance = excluded.low_balance, updated_at = excluded.updated_at
                WHERE wallets.sequence = $6
            """,
            Text(tenant.Value), Bigint(commit.Sequence), Bigint(commit.Balance), Bigint(commit.Reserved), Boolean(commit.LowBalance),
            Bigint(commit.ExpectedSequence)));

        batch.BatchCommands.Add(Command(
            $"""
            INSERT INTO wallet_ledger (tenant_id, {EntryColumns})
            SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
                $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[])
            """,
            Text(tenant.Value),
            Array(NpgsqlDbType.Bigint, entries, e => e.Sequence),
            Array(NpgsqlDbType.Text, entries, e => KebabEnum<WalletEntryKind>.Name(e.Kind)),
            Array(NpgsqlDbType.Text, entries, e => KebabEnum<WalletOperationStatus>.Name(e.Status)),
            Array(NpgsqlDbType.Bigint, entries, e => e.Requested),
            Array(NpgsqlDbType.Bigint, entries, e => e.Amount),
            Array(NpgsqlDbType.Bigint, entries, e => e.BalanceChange),
            Array(NpgsqlDbType.Bigint, entries, e => e.ReservedChange),
            Array(NpgsqlDbType.Bigint, entries, e => e.Shortfall),
            Array(NpgsqlDbType.Bigint, entries, e => e.BalanceAfter),
            Array(NpgsqlDbType.Bigint, entries, e => e.ReservedAfter),
            Array(NpgsqlDbType.Bigint, entries, e => e.ReservationAfter),
            Array(NpgsqlDbType.Text, entries, e => e.Reference),
            Array(NpgsqlDbType.Text, entries, e => e.IdempotencyKey),
            Array(NpgsqlDbType.Text, entries, e => e.Actor),
            Array(NpgsqlDbType.Text, entries, e => e.Note),
            Array(NpgsqlDbType.TimestampTz, entries, e => e.At.UtcDateTime)));

        if (commit.OpenReservations.Count > 0)
        {
            var open = commit.OpenReservations.ToArray();
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO wallet_reservations (tenant_id, reference, amount)
                SELECT $1, * FROM unnest($2::text[], $3::bigint[])
                ON CONFLICT (tenant_id, reference) DO UPDATE SET amount = excluded.amount
                """,
                Text(tenant.Value), Array(NpgsqlDbType.Text, open, r => r.Key), Array(NpgsqlDbType.Bigint, open, r => r.Value)));
        }
        if (commit.ClosedReservations.Count > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM wallet_reservations WHERE tenant_id = $1 AND reference = ANY($2)",
                Text(tenant.Value), Array(NpgsqlDbType.Text, commit.ClosedReservations, r => r)));
        }

        if (commit.Events.Count > 0) batch.BatchCommands.Add(VoicePlatform.Silo.Webhooks.WebhookOutboxCommands.Append(commit.Events, commit.Entries[^1].At));

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            // An idempotency key the ledger already has, or a sequence another writer took first.
            throw new WalletCommitConflictException($"The ledger refused the commit: {e.ConstraintName}.", e);
        }
        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            // Unreachable while the planning rule above holds; if it ever broke, say so loudly.
            throw new InvalidOperationException(
                $"Entries {commit.ExpectedSequence + 1}..{commit.Sequence} of tenant {tenant} landed but the wallet was not at entry {commit.ExpectedSequence}.");
        }
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _entries, entries.Count);
        Interlocked.Add(ref _commitTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
    }

    public async Task<IReadOnlyList<WalletLedgerEntry>> FindAsync(TenantId tenant, IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken = default)
    {
        if (idempotencyKeys.Count == 0) return [];
        await using var command = _dataSource.CreateCommand(
            $"SELECT {EntryColumns} FROM wallet_ledger WHERE tenant_id = $1 AND idempotency_key = ANY($2)");
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Array(NpgsqlDbType.Text, idempotencyKeys.ToArray(), k => k));
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<Page<WalletLedgerEntry>> ListAsync(TenantId tenant, WalletLedgerQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT {EntryColumns} FROM wallet_ledger
            WHERE tenant_id = $1
              AND ($2::bigint IS NULL OR sequence < $2)
              AND ($3::timestamptz IS NULL OR created_at >= $3)
              AND ($4::timestamptz IS NULL OR created_at < $4)
            ORDER BY sequence DESC
            LIMIT $5
            """);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)query.After ?? DBNull.Value });
        command.Parameters.Add(Time(query.From));
        command.Parameters.Add(Time(query.To));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = limit + 1 });
        var page = (await ReadEntriesAsync(command, cancellationToken)).ToList();
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        return new Page<WalletLedgerEntry> { Items = page, Next = more ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null };
    }

    public async Task<WalletLedgerCheck> CheckAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // Each entry against the one before it: after-figures follow from the change, and no sequence is skipped.
                Command(
                    """
                    SELECT count(*), coalesce(max(sequence), 0), coalesce(sum(balance_change), 0)::bigint, coalesce(sum(reserved_change), 0)::bigint,
                           count(*) FILTER (WHERE sequence <> previous_sequence + 1
                                               OR balance_after <> previous_balance + balance_change
                                               OR reserved_after <> previous_reserved + reserved_change)
                    FROM (SELECT sequence, balance_change, reserved_change, balance_after, reserved_after,
                                 lag(sequence, 1, 0::bigint) OVER w AS previous_sequence,
                                 lag(balance_after, 1, 0::bigint) OVER w AS previous_balance,
                                 lag(reserved_after, 1, 0::bigint) OVER w AS previous_reserved
                          FROM wallet_ledger WHERE tenant_id = $1
                          WINDOW w AS (ORDER BY sequence)) AS chained
                    """, Text(tenant.Value)),
                Command("SELECT sequence, balance, reserved FROM wallets WHERE tenant_id = $1", Text(tenant.Value)),
                Command("SELECT coalesce(sum(amount), 0)::bigint FROM wallet_reservations WHERE tenant_id = $1", Text(tenant.Value)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (entries, last, balanceChanges, reservedChanges, broken) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        await reader.NextResultAsync(cancellationToken);
        var (stored, balance, reserved) = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : (0L, 0L, 0L);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var reservations = reader.GetInt64(0);
        return new WalletLedgerCheck
        {
            Entries = entries,
            LastSequence = last,
            SumOfBalanceChanges = balanceChanges,
            SumOfReservedChanges = reservedChanges,
            BrokenEntries = broken,
            Balance = balance,
            Reserved = reserved,
            SumOfOpenReservations = reservations,
            StoredSequence = stored,
        };
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<IReadOnlyList<WalletLedgerEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<WalletLedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new WalletLedgerEntry
            {
                Sequence = reader.GetInt64(0),
                Kind = KebabEnum<WalletEntryKind>.Parse(reader.GetString(1)),
                Status = KebabEnum<WalletOperationStatus>.Parse(reader.GetString(2)),
                Requested = reader.GetInt64(3),
                Amount = reader.GetInt64(4),
                BalanceChange = reader.GetInt64(5),
                ReservedChange = reader.GetInt64(6),
                Shortfall = reader.GetInt64(7),
                BalanceAfter = reader.GetInt64(8),
                ReservedAfter = reader.GetInt64(9),
                ReservationAfter = reader.GetInt64(10),
                Reference = reader.GetString(11),
                IdempotencyKey = reader.GetString(12),
                Actor = reader.IsDBNull(13) ? null : reader.GetString(13),
                Note = reader.IsDBNull(14) ? null : reader.GetString(14),
                At = reader.GetFieldValue<DateTimeOffset>(15),
            });
        }
        return entries;
    }

    // Positional parameters with explicit types: the SQL is sent as written and a null still has a type.
    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value };

    private static NpgsqlParameter Bigint(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    private static NpgsqlParameter Boolean(bool value) => new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = value };

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    private static NpgsqlParameter Array<TItem, TValue>(NpgsqlDbType type, IReadOnlyList<TItem> items, Func<TItem, TValue> value)
    {
        var values = new TValue[items.Count];
        for (var i = 0; i < values.Length; i++) values[i] = value(items[i]);
        return new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values };
    }
}
