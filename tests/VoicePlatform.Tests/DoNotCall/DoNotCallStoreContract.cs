using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Grains.DoNotCall;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.DoNotCall;

/// <summary>What every do-not-call store does, in memory and on PostgreSQL alike.</summary>
public abstract class DoNotCallStoreContract
{
    protected abstract IDoNotCallStore Store { get; }

    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, 123, TimeSpan.Zero);

    private static DoNotCallEntry Entry(string number, DoNotCallSource source = DoNotCallSource.Api, string? reason = null, DateTimeOffset? at = null, CallId? call = null) =>
        new() { Number = number, Source = source, Reason = reason, AddedBy = "key_test", AddedAt = at ?? Noon, CallId = call };

    [Fact]
    public async Task ANumberAddedTwiceKeepsItsFirstEntry()
    {
        var tenant = TenantId.New();
        var call = PrefixedId.New<CallId>();
        var first = Assert.Single(await Store.AddAsync(tenant, [Entry("+14155550100", DoNotCallSource.CallOutcome, "asked", call: call)]));
        Assert.True(first.Added);
        Assert.Equal((DoNotCallSource.CallOutcome, "asked", (CallId?)call), (first.Entry.Source, first.Entry.Reason, first.Entry.CallId));
        var again = Assert.Single(await Store.AddAsync(tenant, [Entry("+14155550100", DoNotCallSource.Import, at: Noon.AddHours(1))]));
        Assert.False(again.Added);
        Assert.Equal(first.Entry, again.Entry);
    }

    [Fact]
    public async Task ABatchAddsWhatIsNewOnceAndAnswersEveryEntry()
    {
        var tenant = TenantId.New();
        await Store.AddAsync(tenant, [Entry("+14155550101")]);
        var results = await Store.AddAsync(tenant, [Entry("+14155550101"), Entry("+14155550102"), Entry("+14155550102"), Entry("+14155550103")]);
        Assert.Equal([false, true, false, true], results.Select(r => r.Added));
        Assert.Equal(["+14155550101", "+14155550102", "+14155550102", "+14155550103"], results.Select(r => r.Entry.Number));
        var found = await Store.FindAsync(tenant, ["+14155550103", "+14155550199", "+14155550101"]);
        Assert.Equal(["+14155550101", "+14155550103"], found.Select(e => e.Number).Order());
    }

    [Fact]
    public async Task RemovingAndPagingAndTenantsApart()
    {
        var (tenant, other) = (TenantId.New(), TenantId.New());
        var numbers = Enumerable.Range(0, 5).Select(i => $"+1415555012{i}").ToList();
        await Store.AddAsync(tenant, numbers.Select(n => Entry(n)).ToList());
        Assert.Empty(await Store.FindAsync(other, numbers));
        Assert.Empty((await Store.ListAsync(other, null, 10)).Items);

        var first = await Store.ListAsync(tenant, null, 2);
        Assert.Equal(numbers[..2], first.Items.Select(e => e.Number));
        var rest = await Store.ListAsync(tenant, first.Next, 10);
        Assert.Equal(numbers[2..], rest.Items.Select(e => e.Number));
        Assert.Null(rest.Next);

        Assert.False(await Store.RemoveAsync(other, numbers[0]));
        Assert.True(await Store.RemoveAsync(tenant, numbers[0]));
        Assert.False(await Store.RemoveAsync(tenant, numbers[0]));
        Assert.Equal(4, (await Store.ListAsync(tenant, null, 10)).Items.Count);
        // Added again after its removal: a new entry.
        Assert.True(Assert.Single(await Store.AddAsync(tenant, [Entry(numbers[0], at: Noon.AddDays(1))])).Added);
    }
}
