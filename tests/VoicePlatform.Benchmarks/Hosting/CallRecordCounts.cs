using System.Diagnostics;
using Npgsql;
using VoicePlatform.Tenants;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>Waits on the call-record projection, the platform's own record of where each call is (read as the API reads it).</summary>
public static class CallRecordCounts
{
    /// <summary>Until <paramref name="expected"/> of the tenant's call records meet <paramref name="condition"/> (SQL over call_records); a timeout names how far it got.</summary>
    public static async Task WaitUntilAsync(string connectionString, TenantId tenant, string condition, long expected, TimeSpan patience, TimeSpan? poll = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM call_records WHERE tenant_id = @t AND {condition}", connection);
            command.Parameters.AddWithValue("t", tenant.Value);
            var count = Convert.ToInt64(await command.ExecuteScalarAsync());
            if (count >= expected) return;
            if (clock.Elapsed > patience) throw new TimeoutException($"only {count} of {expected} calls reached '{condition}'");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
