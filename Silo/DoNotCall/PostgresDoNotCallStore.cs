using Npgsql;
using NpgsqlTypes;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.DoNotCall;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.DoNotCall;

/// <summary>
/// The production <see cref="IDoNotCallStore"/> on the table of migration 0006. A batch of additions is one statement:
/// the rows go in from arrays, existing numbers are left alone, and one query over the same numbers answers what is
/// stored, so an import of thousands is two round trips.
/// </summary>
public sealed class PostgresDoNotCallStore(string connectionString) : IDoNotCallStore, IAsyncDisposable
{
    private const string Columns = "number, source, reason, added_by, added_at, call_id";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<IReadOnlyList<DoNotCallAddition>> AddAsync(TenantId tenant, IReadOnlyList<DoNotCallEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0) return [];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // The first entry of a number within the batch is the one offered; later ones are repeats.
        var offered = entries.DistinctBy(e => e.Number).ToList();
        HashSet<string> inserted;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO do_not_call (tenant_id, {Columns})
            SELECT @tenant, * FROM unnest(@numbers, @sources, @reasons, @added_by, @added_at, @call_ids)
            ON CONFLICT (tenant_id, number) DO NOTHING
            RETURNING number
            """, connection))
        {
            insert.Parameters.AddWithValue("tenant", tenant.Value);
            insert.Parameters.AddWithValue("numbers", offered.Select(e => e.Number).ToArray());
            insert.Parameters.AddWithValue("sources", offered.Select(e => e.Source.Kebab()).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = offered.Select(e => (object?)e.Reason ?? DBNull.Value).ToArray() });
            insert.Parameters.AddWithValue("added_by", offered.Select(e => e.AddedBy).ToArray());
            insert.Parameters.AddWithValue("added_at", offered.Select(e => e.AddedAt.UtcDateTime).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("call_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = offered.Select(e => (object?)e.CallId?.Value ?? DBNull.Value).ToArray() });
            inserted = [];
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetString(0));
        }
        var stored = (await FindAsync(connection, tenant, offered.Select(e => e.Number).ToArray(), cancellationToken)).ToDictionary(e => e.Number);
        var answered = new HashSet<string>();
        // A number removed by someone else between the two statements answers with what was offered.
        return entries.Select(e => new DoNotCallAddition(stored.GetValueOrDefault(e.Number) ?? e, inserted.Contains(e.Number) && answered.Add(e.Number))).ToList();
    }

    public async Task<bool> RemoveAsync(TenantId tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM do_not_call WHERE tenant_id = @tenant AND number = @number");
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("number", number);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<DoNotCallEntry>> FindAsync(TenantId tenant, IReadOnlyList<string> numbers, CancellationToken cancellationToken = default)
    {
        if (numbers.Count == 0) return [];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, tenant, numbers.Distinct().ToArray(), cancellationToken);
    }

    public async Task<Page<DoNotCallEntry>> ListAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, Paging.MaxPageSize);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM do_not_call
            WHERE tenant_id = @tenant AND (@after::text IS NULL OR number > @after)
            ORDER BY number LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = await ReadAsync(command, cancellationToken);
        var more = items.Count > limit;
        if (more) items.RemoveAt(limit);
        return new Page<DoNotCallEntry> { Items = items, Next = more ? items[^1].Number : null };
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<IReadOnlyList<DoNotCallEntry>> FindAsync(NpgsqlConnection connection, TenantId tenant, string[] numbers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM do_not_call WHERE tenant_id = @tenant AND number = ANY(@numbers) ORDER BY number", connection);
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("numbers", numbers);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<DoNotCallEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<DoNotCallEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new DoNotCallEntry
            {
                Number = reader.GetString(0),
                Source = KebabEnum<DoNotCallSource>.Parse(reader.GetString(1)),
                Reason = reader.IsDBNull(2) ? null : reader.GetString(2),
                AddedBy = reader.GetString(3),
                AddedAt = new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                CallId = reader.IsDBNull(5) ? null : PrefixedId.Parse<CallId>(reader.GetString(5)),
            });
        }
        return entries;
    }
}
