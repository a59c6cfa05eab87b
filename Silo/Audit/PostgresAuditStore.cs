using System.Globalization;
using Npgsql;
using VoicePlatform.Audit;
using VoicePlatform.Common;
using VoicePlatform.Grains.Audit;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.Audit;

/// <summary>The production <see cref="IAuditStore"/> on the table of migration 0013: one insert per change, keyset pages.</summary>
public sealed class PostgresAuditStore(string connectionString) : IAuditStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO audit_log (tenant_id, at, actor, method, route, path, status, correlation_id)
            VALUES (@tenant, @at, @actor, @method, @route, @path, @status, @correlation)
            """);
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("at", entry.At.UtcDateTime);
        command.Parameters.AddWithValue("actor", entry.Actor);
        command.Parameters.AddWithValue("method", entry.Method);
        command.Parameters.AddWithValue("route", entry.Route);
        command.Parameters.AddWithValue("path", entry.Path);
        command.Parameters.AddWithValue("status", entry.Status);
        command.Parameters.AddWithValue("correlation", (object?)entry.CorrelationId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Page<AuditEntry>> ListAsync(TenantId tenant, long? before, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand("""
            SELECT sequence, at, actor, method, route, path, status, correlation_id FROM audit_log
            WHERE tenant_id = @tenant AND (@before::bigint IS NULL OR sequence < @before)
            ORDER BY sequence DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("before", (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit + 1);
        var page = new List<AuditEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                page.Add(new AuditEntry
                {
                    Sequence = reader.GetInt64(0), At = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), Actor = reader.GetString(2),
                    Method = reader.GetString(3), Route = reader.GetString(4), Path = reader.GetString(5), Status = reader.GetInt32(6),
                    CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7),
                });
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        return new Page<AuditEntry> { Items = page, Next = more ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null };
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
