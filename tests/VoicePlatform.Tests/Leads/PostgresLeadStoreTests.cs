using Npgsql;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Leads;

/// <summary>The PostgreSQL lead table (migration 0007) against the shared contract, plus its bulk path and its query plan.</summary>
public sealed class PostgresLeadStoreTests : LeadStoreContract, IAsyncLifetime
{
    private PostgresLeadStore? _store;
    private string _connectionString = "";

    protected override ILeadStore Store => _store ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("leads");
        _store = new PostgresLeadStore(_connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    [Fact]
    public async Task TenThousandLeadsGoInByCopyAndTheQueueIsReadByItsIndex()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var leads = Enumerable.Range(0, 10_000).Select(i => Lead(tenant, campaign, $"+1415{5_000_000 + i}", Noon.AddSeconds(i))).ToList();
        Assert.Equal(new LeadImportCounts(10_000, 0), await Store.ImportAsync(leads));
        Assert.Equal(new LeadImportCounts(0, 10_000), await Store.ImportAsync(leads));
        Assert.Equal(leads.Take(5).Select(l => l.Phone), (await Store.DueAsync(tenant, campaign, Noon.AddHours(5), 5)).Select(l => l.Phone));

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE leads", connection)) await analyze.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT * FROM leads WHERE tenant_id = @t AND campaign_id = @c AND next_callable_at IS NOT NULL AND next_callable_at <= now() ORDER BY next_callable_at, lead_id LIMIT 50", connection);
        explain.Parameters.AddWithValue("t", tenant.Value);
        explain.Parameters.AddWithValue("c", campaign.Value);
        var plan = string.Join("\n", await ReadAllAsync(explain));
        Assert.Contains("leads_due", plan);
        Assert.DoesNotContain("Sort", plan);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
