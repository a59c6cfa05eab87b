using Npgsql;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Leads;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Silo.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>The webhook tables of migration 0011 against the shared contract, and the outbox inside another store's transaction.</summary>
public sealed class PostgresWebhookStoreTests : WebhookStoreContract, IAsyncLifetime
{
    private PostgresWebhookStore? _store;
    private string _connectionString = "";

    protected override IWebhookStore Store => _store ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("webhooks");
        _store = new PostgresWebhookStore(_connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    [Fact]
    public async Task ALeadsEventsAreRecordedInItsRowsTransactionAndOnlyWhenTheRowTakesTheWrite()
    {
        var (tenant, campaign) = (TenantId.New(), PrefixedId.New<CampaignId>());
        var endpoint = Endpoint(tenant);
        await Store.SaveEndpointAsync(endpoint);
        await using var leads = new PostgresLeadStore(_connectionString);
        var lead = new LeadRecord
        {
            TenantId = tenant, CampaignId = campaign, LeadId = PrefixedId.New<LeadId>(), Phone = "+14155550100", Status = LeadStatus.Scheduled,
            NextCallableAt = Noon, Revision = 1, ImportedAt = Noon, UpdatedAt = Noon,
        };
        await leads.ImportAsync([lead]);
        // The lead's times are the calling clock, which development and tests move ahead (three days here): its events'
        // deliveries are due by the store's clock all the same, not when the calling clock's time comes round.
        var completed = lead with { Status = LeadStatus.Completed, NextCallableAt = null, Revision = 3, UpdatedAt = DateTimeOffset.UtcNow.AddDays(3) };
        var events = VoicePlatform.Grains.Leads.LeadWebhookEvents.Between(lead, completed);
        Assert.True(await leads.UpdateAsync(completed, events));
        var due = Assert.Single(await Store.DueAsync(tenant, endpoint.Id, DateTimeOffset.UtcNow.AddMinutes(1), 10));
        Assert.Equal(WebhookEventTypes.LeadCompleted, due.Event.Type);
        Assert.Equal(3, due.Event.Sequence);

        // A write the row turns away (an older revision) records nothing: its events never happened.
        var stale = lead with { Status = LeadStatus.DoNotCall, Revision = 2, UpdatedAt = Noon.AddMinutes(2) };
        Assert.False(await leads.UpdateAsync(stale, VoicePlatform.Grains.Leads.LeadWebhookEvents.Between(lead, stale)));
        Assert.Single(await Store.DueAsync(tenant, endpoint.Id, DateTimeOffset.UtcNow.AddMinutes(1), 10));
    }
}
