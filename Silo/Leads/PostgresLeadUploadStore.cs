using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.Leads;

/// <summary>The production <see cref="ILeadUploadStore"/> on the table of migration 0009; each call is one statement.</summary>
public sealed class PostgresLeadUploadStore(string connectionString) : ILeadUploadStore, IAsyncDisposable
{
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task PutAsync(TenantId tenant, LeadImportId import, LeadUploadPart part, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO lead_upload_parts (tenant_id, import_id, sequence, row_offset, rows, body)
            VALUES (@tenant, @import, @sequence, @offset, @rows, @body)
            ON CONFLICT (tenant_id, import_id, sequence) DO NOTHING
            """);
        Scope(command, tenant, import);
        command.Parameters.AddWithValue("sequence", part.Sequence);
        command.Parameters.AddWithValue("offset", part.RowOffset);
        command.Parameters.AddWithValue("rows", part.Rows);
        command.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(part.Source, BodyJson) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LeadUploadPart?> GetAsync(TenantId tenant, LeadImportId import, int sequence, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT row_offset, rows, body FROM lead_upload_parts WHERE tenant_id = @tenant AND import_id = @import AND sequence = @sequence");
        Scope(command, tenant, import);
        command.Parameters.AddWithValue("sequence", sequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new LeadUploadPart
        {
            Sequence = sequence,
            RowOffset = reader.GetInt32(0),
            Rows = reader.GetInt32(1),
            Source = JsonSerializer.Deserialize<LeadImportSource>(reader.GetString(2), BodyJson)!,
        };
    }

    public async Task<(int Parts, int Rows)> CountAsync(TenantId tenant, LeadImportId import, int parts, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT count(*), coalesce(sum(rows), 0) FROM lead_upload_parts WHERE tenant_id = @tenant AND import_id = @import AND sequence < @parts");
        Scope(command, tenant, import);
        command.Parameters.AddWithValue("parts", parts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    public async Task DeleteAsync(TenantId tenant, LeadImportId import, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM lead_upload_parts WHERE tenant_id = @tenant AND import_id = @import");
        Scope(command, tenant, import);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Every statement names the job's tenant and id: another tenant's job id finds nothing.</summary>
    private static void Scope(NpgsqlCommand command, TenantId tenant, LeadImportId import)
    {
        command.Parameters.AddWithValue("tenant", tenant.Value);
        command.Parameters.AddWithValue("import", import.Value);
    }
}
