using Npgsql;

namespace VoicePlatform.Tests.Cluster;

/// <summary>What cluster tests read straight from the cluster's PostgreSQL, and how they wait for it to change.</summary>
public static class DatabaseProbe
{
    public static async Task<object?> ScalarAsync(string connectionString, string sql, object? mark = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (mark is not null) command.Parameters.AddWithValue("mark", mark);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string sql) => Convert.ToInt64(await ScalarAsync(connectionString, sql));

    /// <summary>Re-checks <paramref name="condition"/> every 100 ms; fails naming <paramref name="what"/> after <paramref name="patience"/>.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }
}
