using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>A migrated database of its own and one store on it, shared by the tests of a class.</summary>
public sealed class PostgresCallRecordStoreFixture : IAsyncLifetime
{
    private PostgresCallRecordStore? _store;

    public string ConnectionString { get; private set; } = string.Empty;

    public PostgresCallRecordStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Another store on the same database, for a test that counts, fails or disposes its own.</summary>
    public PostgresCallRecordStore NewStore(int maxBatchWrites = PostgresCallRecordStore.DefaultMaxBatchWrites) =>
        new(ConnectionString, NullLogger<PostgresCallRecordStore>.Instance, maxBatchWrites: maxBatchWrites);

    /// <summary>
    /// Holds a lock on the call tables that every write waits for, until disposed. Writes issued meanwhile pile up
    /// in the store's queue, which makes what a group commit holds certain without any timing.
    /// </summary>
    public async Task<IAsyncDisposable> BlockWritesAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        // SHARE conflicts with the ROW EXCLUSIVE lock every INSERT takes, and lets reads through.
        await using (var command = new NpgsqlCommand(
            "LOCK TABLE call_records, call_events, call_transcript_segments IN SHARE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new WriteBlock(connection, transaction);
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("call_records");
        _store = NewStore();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    private sealed class WriteBlock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
