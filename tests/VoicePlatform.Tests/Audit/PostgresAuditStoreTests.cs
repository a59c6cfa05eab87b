using VoicePlatform.Grains.Audit;
using VoicePlatform.Silo.Audit;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Audit;

/// <summary>The PostgreSQL record (migration 0013) against the shared contract, on a migrated database of its own.</summary>
public sealed class PostgresAuditStoreTests : AuditStoreContract, IAsyncLifetime
{
    private PostgresAuditStore? _store;

    protected override IAuditStore Store => _store ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _store = new PostgresAuditStore(await PostgresServer.CreateDatabaseAsync("audit_log"));

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
