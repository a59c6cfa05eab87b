using Microsoft.Extensions.Logging;
using Npgsql;

namespace VoicePlatform.Silo.Database;

/// <summary>
/// Applies the SQL migrations embedded in this assembly to a PostgreSQL database, each exactly once.
/// </summary>
/// <remarks>
/// Every pending migration runs in its own transaction together with its schema_migrations row,
/// so a failure leaves nothing half-applied and the next run retries it. Concurrent migrators
/// (several silos starting at once) are serialized by a transaction-scoped advisory lock, and each
/// one re-checks under the lock what is already applied.
/// </remarks>
public sealed class SchemaMigrator(string connectionString, ILogger<SchemaMigrator> logger)
{
    // Arbitrary but fixed: every VoicePlatform migrator must contend for the same lock.
    private const long AdvisoryLockKey = 0x566F_6963_6550_6C61; // "VoicePla"

    private readonly IReadOnlyList<Migration> _migrations = Migration.LoadEmbedded(typeof(SchemaMigrator).Assembly);

    /// <summary>The embedded migrations, in the order they are applied.</summary>
    public IReadOnlyList<Migration> Migrations => _migrations;

    /// <summary>
    /// Applies the pending migrations and returns the names of those this call applied
    /// (empty when the database is up to date).
    /// </summary>
    /// <exception cref="MigrationChecksumMismatchException">An applied migration's file changed.</exception>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        await EnsureHistoryTableAndVerifyAsync(connection, ct);

        var applied = new List<string>();
        foreach (var migration in _migrations)
        {
            if (await ApplyIfPendingAsync(connection, migration, ct))
            {
                applied.Add(migration.Name);
            }
        }

        if (applied.Count == 0)
        {
            logger.LogInformation("Database schema is up to date ({MigrationCount} migrations)", _migrations.Count);
        }

        return applied;
    }

    // Checks every applied migration before applying anything, so an edited file stops start-up
    // even when nothing new is pending.
    private async Task EnsureHistoryTableAndVerifyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);

        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var known = _migrations.ToDictionary(m => m.Version);
        await using (var read = new NpgsqlCommand(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var version = reader.GetInt32(0);
                var name = reader.GetString(1);
                var checksum = reader.GetString(2);
                if (!known.TryGetValue(version, out var migration))
                {
                    // A newer build migrated this database; older code may still run against it
                    // during a rolling deployment, so this is worth a warning, not a refusal.
                    logger.LogWarning("Database has migration {MigrationName} that this build does not know", name);
                    continue;
                }

                if (migration.Checksum != checksum)
                {
                    throw new MigrationChecksumMismatchException(migration.Name, checksum, migration.Checksum);
                }
            }
        }

        await transaction.CommitAsync(ct);
    }

    private async Task<bool> ApplyIfPendingAsync(NpgsqlConnection connection, Migration migration, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);

        // Re-read under the lock: another migrator may have applied it since we verified.
        await using (var check = new NpgsqlCommand(
            "SELECT checksum FROM schema_migrations WHERE version = @version", connection, transaction))
        {
            check.Parameters.AddWithValue("version", migration.Version);
            if (await check.ExecuteScalarAsync(ct) is string appliedChecksum)
            {
                if (appliedChecksum != migration.Checksum)
                {
                    throw new MigrationChecksumMismatchException(migration.Name, appliedChecksum, migration.Checksum);
                }

                return false;
            }
        }

        logger.LogInformation("Applying migration {MigrationName}", migration.Name);
        try
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                // DDL on a big table can take long; the caller's token bounds the wait instead.
                apply.CommandTimeout = 0;
                await apply.ExecuteNonQueryAsync(ct);
            }
        }
        catch (PostgresException ex)
        {
            throw new InvalidOperationException($"Migration '{migration.Name}' failed: {ex.MessageText}", ex);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Applied migration {MigrationName}", migration.Name);
        return true;
    }

    // Transaction-scoped, so it is released by commit or rollback and can never leak on a
    // pooled connection that is returned after an exception.
    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(ct);
    }
}
