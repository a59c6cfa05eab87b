using Npgsql;

namespace VoicePlatform.Tests.Storage;

/// <summary>Reads and edits the orleansquery rows of a test database.</summary>
public static class OrleansQueryCatalog
{
    public static async Task<Dictionary<string, string>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0), reader.GetString(1));
        }

        return queries;
    }

    public static async Task DeleteAsync(string connectionString, string queryKey)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM orleansquery WHERE querykey = @key", connection);
        command.Parameters.AddWithValue("key", queryKey);
        await command.ExecuteNonQueryAsync();
    }
}
