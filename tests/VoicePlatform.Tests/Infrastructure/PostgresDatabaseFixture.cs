using Xunit;

namespace VoicePlatform.Tests.Infrastructure;

/// <summary>
/// Gives a test class its own migrated database on the shared test server. Tests inside the
/// class share it and stay apart by using fresh cluster/service ids.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync("test");

    public Task DisposeAsync() => Task.CompletedTask;
}
