using VoicePlatform.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Leads;

/// <summary>What an import job expects of the place its parts wait, held by both stores.</summary>
public abstract class LeadUploadStoreContract
{
    protected abstract ILeadUploadStore Store { get; }

    private static LeadUploadPart Part(int sequence, string csv, int rows) => new()
    {
        Sequence = sequence, RowOffset = sequence * 10_000 + 1, Rows = rows, Source = new LeadImportSource { Csv = csv },
    };

    [Fact]
    public async Task PartsAreKeptOnceReadBackCountedAndDeletedPerJob()
    {
        var (tenant, import, other) = (TenantId.New(), PrefixedId.New<LeadImportId>(), PrefixedId.New<LeadImportId>());
        await Store.PutAsync(tenant, import, Part(0, "phone\n+13125550100\n", 1));
        await Store.PutAsync(tenant, import, Part(0, "phone\n+13125550199\n", 1));   // a repeat keeps the first copy
        await Store.PutAsync(tenant, import, Part(2, "phone;name\n+13125550101;\"A \"\"b\"\"\nc\"\n+13125550102;é\n", 2));
        var rows = new LeadUploadPart
        {
            Sequence = 0, RowOffset = 0, Rows = 1,
            Source = new LeadImportSource { Rows = [new Dictionary<string, string> { ["phone"] = "+13125550103", ["variables.plan"] = "gold" }] },
        };
        await Store.PutAsync(tenant, other, rows);

        var first = await Store.GetAsync(tenant, import, 0);
        Assert.Equal(("phone\n+13125550100\n", 1, 1), (first!.Source.Csv, first.RowOffset, first.Rows));
        Assert.Equal("phone;name\n+13125550101;\"A \"\"b\"\"\nc\"\n+13125550102;é\n", (await Store.GetAsync(tenant, import, 2))!.Source.Csv);
        Assert.Null(await Store.GetAsync(tenant, import, 1));
        Assert.Null(await Store.GetAsync(TenantId.New(), import, 0));
        Assert.Equal("gold", Assert.Single((await Store.GetAsync(tenant, other, 0))!.Source.Rows!)["variables.plan"]);
        Assert.Equal((2, 3), await Store.CountAsync(tenant, import, 3));
        Assert.Equal((1, 1), await Store.CountAsync(tenant, import, 1));

        await Store.DeleteAsync(tenant, import);
        Assert.Equal((0, 0), await Store.CountAsync(tenant, import, 3));
        Assert.NotNull(await Store.GetAsync(tenant, other, 0));
    }
}

public sealed class InMemoryLeadUploadStoreTests : LeadUploadStoreContract
{
    protected override ILeadUploadStore Store { get; } = new InMemoryLeadUploadStore();
}

/// <summary>The table of migration 0009.</summary>
public sealed class PostgresLeadUploadStoreTests : LeadUploadStoreContract, IAsyncLifetime
{
    private PostgresLeadUploadStore? _store;

    protected override ILeadUploadStore Store => _store ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _store = new PostgresLeadUploadStore(await PostgresServer.CreateDatabaseAsync("uploads"));

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
