using VoicePlatform.Grains.DoNotCall;
using VoicePlatform.Silo.DoNotCall;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.DoNotCall;

/// <summary>The PostgreSQL list (migration 0006) against the shared contract, on a migrated database of its own.</summary>
public sealed class PostgresDoNotCallStoreTests : DoNotCallStoreContract, IAsyncLifetime
{
    private PostgresDoNotCallStore? _store;

    protected override IDoNotCallStore Store => _store ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _store = new PostgresDoNotCallStore(await PostgresServer.CreateDatabaseAsync("do_not_call"));

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
