// PLACEHOLDER until the sql branch lands (it replaces this file).
using Microsoft.Extensions.Logging;
namespace VoicePlatform.Silo.Database;
public sealed class SchemaMigrator(string connectionString, ILogger<SchemaMigrator> logger)
{
    public Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default) => throw new NotImplementedException(connectionString + logger);
}
