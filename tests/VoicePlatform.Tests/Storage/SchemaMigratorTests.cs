using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoicePlatform.Silo.Database;
using VoicePlatform.Tests.Infrastructure;
using Xunit;

namespace VoicePlatform.Tests.Storage;

public sealed class SchemaMigratorTests
{
    private static SchemaMigrator CreateMigrator(string connectionString) =>
        new(connectionString, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public void MigrationsAreEmbeddedInNumericOrder()
    {
        var migrations = CreateMigrator("Host=unused").Migrations;

        Assert.True(migrations.Count >= 3);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", m.Name));
    }

    [Fact]
    public async Task ApplyingTwiceAppliesEverythingOnceAndThenNothing()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_twice");
        var migrator = CreateMigrator(connectionString);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(migrator.Migrations.Select(m => m.Name), first);
        Assert.Empty(second);
        var rows = await ReadHistoryAsync(connectionString);
        Assert.Equal(migrator.Migrations.Select(m => (m.Version, m.Name, m.Checksum)), rows);
    }

    [Fact]
    public async Task ConcurrentMigratorsApplyEachMigrationExactlyOnce()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_concurrent");
        var migrators = Enumerable.Range(0, 4).Select(_ => CreateMigrator(connectionString)).ToList();

        var results = await Task.WhenAll(migrators.Select(m => m.ApplyAsync()));

        var allApplied = results.SelectMany(r => r).ToList();
        Assert.Equal(migrators[0].Migrations.Select(m => m.Name).Order(), allApplied.Order());
        Assert.Equal(migrators[0].Migrations.Count, (await ReadHistoryAsync(connectionString)).Count);
    }

    [Fact]
    public async Task AnEditedAppliedMigrationIsRefusedByName()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_checksum");
        var migrator = CreateMigrator(connectionString);
        await migrator.ApplyAsync();
        var tampered = migrator.Migrations[1];
        // Same effect as editing the file after it was applied: stored and embedded checksums differ.
        await ExecuteAsync(connectionString,
            $"UPDATE schema_migrations SET checksum = 'edited' WHERE version = {tampered.Version}");

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => migrator.ApplyAsync());

        Assert.Equal(tampered.Name, error.MigrationName);
        Assert.Contains(tampered.Name, error.Message);
    }

    [Fact]
    public async Task AFailingMigrationLeavesNothingBehind()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_failure");
        var migrator = CreateMigrator(connectionString);
        await migrator.ApplyAsync();
        var second = migrator.Migrations[1];
        // Forget the second migration while its table stays: re-running it fails at CREATE TABLE,
        // after nothing else, so its catalog rows must not appear twice or half.
        await ExecuteAsync(connectionString, $"DELETE FROM schema_migrations WHERE version >= {second.Version}");
        var querykeysBefore = await CountAsync(connectionString, "SELECT count(*) FROM orleansquery");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.ApplyAsync());

        Assert.Contains(second.Name, error.Message);
        Assert.Equal(querykeysBefore, await CountAsync(connectionString, "SELECT count(*) FROM orleansquery"));
        Assert.Equal(second.Version - 1, await CountAsync(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    private static async Task<List<(int, string, string)>> ReadHistoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
