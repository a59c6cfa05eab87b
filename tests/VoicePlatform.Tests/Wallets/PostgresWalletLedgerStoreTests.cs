using Npgsql;
using VoicePlatform.Grains.Wallets;
using VoicePlatform.Silo.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Wallets;

/// <summary>The shared contract on migration 0005's tables, plus what only the database itself enforces.</summary>
public sealed class PostgresWalletLedgerStoreTests : WalletLedgerStoreContract, IAsyncLifetime
{
    private string _connectionString = null!;
    private PostgresWalletLedgerStore _store = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("wallet_store");
        _store = new PostgresWalletLedgerStore(_connectionString);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    protected override Task<IWalletLedgerStore> StoreAsync() => Task.FromResult<IWalletLedgerStore>(_store);

    [Fact]
    public async Task TheLedgerTableIsAppendOnlyAndNeverHoldsNegativeMoney()
    {
        var tenant = TenantId.New();
        await ExecuteAsync($"""
            INSERT INTO wallet_ledger (tenant_id, sequence, kind, status, requested, amount, balance_change, reserved_change, shortfall,
                balance_after, reserved_after, reservation_after, reference, idempotency_key, created_at)
            VALUES ('{tenant}', 1, 'top-up', 'applied', 100, 100, 100, 0, 0, 100, 0, 0, 'crd_x', 'credit:x', now())
            """);

        foreach (var change in new[] { "UPDATE wallet_ledger SET amount = 1", "DELETE FROM wallet_ledger", "TRUNCATE wallet_ledger" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(change));
            Assert.Contains("append-only", refused.MessageText);
        }

        var negative = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"""
            INSERT INTO wallet_ledger (tenant_id, sequence, kind, status, requested, amount, balance_change, reserved_change, shortfall,
                balance_after, reserved_after, reservation_after, reference, idempotency_key, created_at)
            VALUES ('{tenant}', 2, 'debit', 'applied', 200, 200, -200, 0, 0, -100, 0, 0, 'call-1', 'call-1:debit', now())
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, negative.SqlState);
        Assert.Equal(100L, await ScalarAsync($"SELECT sum(balance_change) FROM wallet_ledger WHERE tenant_id = '{tenant}'"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
