using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using VoicePlatform.Tests.Infrastructure;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// Drives Orleans' ADO.NET IReminderTable (resolved from its own registration, no silo needed)
/// against our schema, one fresh ServiceId per test.
/// </summary>
public sealed class ReminderTableTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncDisposable
{
    private static readonly CancellationToken NoCancellation = CancellationToken.None;

    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task UpsertReturnsAnEtagAndEveryUpsertReturnsANewOne()
    {
        var table = await CreateTableAsync();
        var reminder = NewReminder(NewGrainId(), "dial-next");

        var first = await table.UpsertRow(reminder, NoCancellation);
        reminder.Period = TimeSpan.FromMinutes(5);
        var second = await table.UpsertRow(reminder, NoCancellation);

        Assert.False(string.IsNullOrEmpty(first));
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        var stored = Assert.IsType<ReminderEntry>(await table.ReadRow(reminder.GrainId, reminder.ReminderName, NoCancellation));
        Assert.Equal(second, stored.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), stored.Period);
    }

    [Fact]
    public async Task ReadsReturnTheExactUtcStartAndPeriodsLongerThanAnInteger()
    {
        var table = await CreateTableAsync();
        var reminder = NewReminder(NewGrainId(), "monthly-invoice");
        // Microsecond-aligned (PostgreSQL's precision), and 40 days: more milliseconds than int.MaxValue.
        reminder.StartAt = new DateTime(2026, 3, 8, 6, 59, 59, DateTimeKind.Utc).AddTicks(1_234_560);
        reminder.Period = TimeSpan.FromDays(40);

        await table.UpsertRow(reminder, NoCancellation);
        var stored = Assert.IsType<ReminderEntry>(await table.ReadRow(reminder.GrainId, reminder.ReminderName, NoCancellation));

        Assert.Equal(reminder.StartAt, stored.StartAt);
        Assert.Equal(DateTimeKind.Utc, stored.StartAt.Kind);
        Assert.Equal(TimeSpan.FromDays(40), stored.Period);
        Assert.Equal(reminder.GrainId, stored.GrainId);
    }

    [Fact]
    public async Task ReadingAnUnknownReminderFindsNothing()
    {
        var table = await CreateTableAsync();

        var stored = await table.ReadRow(NewGrainId(), "never-registered", NoCancellation);

        Assert.Null(stored);
    }

    [Fact]
    public async Task ReadingAGrainsRemindersReturnsAllOfThemAndNoOthers()
    {
        var table = await CreateTableAsync();
        var grain = NewGrainId();
        await table.UpsertRow(NewReminder(grain, "a"), NoCancellation);
        await table.UpsertRow(NewReminder(grain, "b"), NoCancellation);
        await table.UpsertRow(NewReminder(NewGrainId(), "a"), NoCancellation);

        var rows = await table.ReadRows(grain, NoCancellation);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task RemoveWithAStaleEtagFailsAndWithTheCurrentEtagSucceeds()
    {
        var table = await CreateTableAsync();
        var reminder = NewReminder(NewGrainId(), "retry-lead");
        var stale = Assert.IsType<string>(await table.UpsertRow(reminder, NoCancellation));
        var current = Assert.IsType<string>(await table.UpsertRow(reminder, NoCancellation));

        var removedWithStale = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale, NoCancellation);
        var removedWithCurrent = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, current, NoCancellation);
        var removedAgain = await table.RemoveRow(reminder.GrainId, reminder.ReminderName, current, NoCancellation);

        Assert.False(removedWithStale);
        Assert.True(removedWithCurrent);
        Assert.False(removedAgain);
        Assert.Null(await table.ReadRow(reminder.GrainId, reminder.ReminderName, NoCancellation));
    }

    [Fact]
    public async Task RangeReadsMatchTheRingIncludingWrappingAndTopBitHashes()
    {
        var table = await CreateTableAsync();
        var grains = Enumerable.Range(0, 96).Select(_ => NewGrainId()).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(NewReminder(grain, "tick"), NoCancellation);
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        Assert.Contains(hashes, h => h > int.MaxValue); // the top-bit half of the ring is covered
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue / 2),                // plain range in the lower half
            (0x8000_0000, 0xC000_0000),            // top-bit hashes only (negative as int)
            (0x7FFF_0000, 0x8001_0000),            // crosses the signed maximum but not the ring end
            (0xF000_0000, 0x1000_0000),            // wraps past the end of the ring
            (0x1234_5678, 0x1234_5678),            // begin = end: the whole ring
            (hashes[10], hashes[40]),              // exact boundaries: begin excluded, end included
            (hashes[80], hashes[5]),               // exact boundaries, wrapping
        };

        foreach (var (begin, end) in ranges)
        {
            var rows = await table.ReadRows(begin, end, NoCancellation);

            var expected = grains.Where(g => IsInRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
        }
    }

    [Fact]
    public async Task TwoServicesDoNotSeeOrClearEachOthersReminders()
    {
        var blue = await CreateTableAsync();
        var green = await CreateTableAsync();
        var grain = NewGrainId();
        await blue.UpsertRow(NewReminder(grain, "shared-name"), NoCancellation);

        var greenRows = await green.ReadRows(grain, NoCancellation);
        var greenRing = await green.ReadRows(0u, 0u, NoCancellation);
        await green.TestOnlyClearTable(NoCancellation);

        Assert.Empty(greenRows.Reminders);
        Assert.Empty(greenRing.Reminders);
        Assert.Single((await blue.ReadRows(grain, NoCancellation)).Reminders);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    // The ring's own meaning in unsigned space: (begin, end], wrapping when begin >= end.
    private static bool IsInRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId NewGrainId() => GrainId.Create("reminder-test", $"tenant-{Guid.NewGuid():N}");

    private static ReminderEntry NewReminder(GrainId grainId, string name) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = new DateTime(2026, 3, 8, 12, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    private async Task<IReminderTable> CreateTableAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "reminder-tests";
            o.ServiceId = $"service-{Guid.NewGuid():N}";
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database.ConnectionString;
        }));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);

        var table = provider.GetRequiredService<IReminderTable>();
        await table.StartAsync(NoCancellation);
        return table;
    }
}
