using VoicePlatform.Audit;
using VoicePlatform.Grains.Audit;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Audit;

/// <summary>What every audit store does, in memory and on PostgreSQL alike.</summary>
public abstract class AuditStoreContract
{
    protected abstract IAuditStore Store { get; }

    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, 123, TimeSpan.Zero);

    private static AuditEntry Entry(string actor, string path, int minute) => new()
    {
        At = Noon.AddMinutes(minute), Actor = actor, Method = "PUT", Route = "/api/brands/{brandId}", Path = path, Status = 200, CorrelationId = $"corr-{minute}",
    };

    [Fact]
    public async Task EntriesComeBackNewestFirstAPageAtATimeAndOnlyToTheirTenant()
    {
        var tenant = TenantId.New();
        var other = TenantId.New();
        for (var i = 0; i < 5; i++) await Store.AppendAsync(tenant, Entry("ada@agency.example", $"/api/brands/brd_{i}", i));
        await Store.AppendAsync(other, Entry("key_other", "/api/brands/brd_x", 9));

        var first = await Store.ListAsync(tenant, null, 2);
        Assert.Equal(["/api/brands/brd_4", "/api/brands/brd_3"], first.Items.Select(e => e.Path));
        Assert.NotNull(first.Next);
        var second = await Store.ListAsync(tenant, long.Parse(first.Next!), 2);
        Assert.Equal(["/api/brands/brd_2", "/api/brands/brd_1"], second.Items.Select(e => e.Path));
        var last = await Store.ListAsync(tenant, long.Parse(second.Next!), 2);
        Assert.Equal(["/api/brands/brd_0"], last.Items.Select(e => e.Path));
        Assert.Null(last.Next);

        var entry = first.Items[0];
        Assert.Equal(("ada@agency.example", "PUT", "/api/brands/{brandId}", 200, "corr-4", Noon.AddMinutes(4)),
            (entry.Actor, entry.Method, entry.Route, entry.Status, entry.CorrelationId, entry.At));
        Assert.True(first.Items[0].Sequence > first.Items[1].Sequence);
        Assert.Equal(["key_other"], (await Store.ListAsync(other, null, 10)).Items.Select(e => e.Actor));
        Assert.Empty((await Store.ListAsync(TenantId.New(), null, 10)).Items);
    }
}
