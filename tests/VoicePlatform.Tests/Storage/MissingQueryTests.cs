using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService;
using VoicePlatform.Tests.Infrastructure;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// The providers refuse to start without their queries and name the missing key; these tests
/// prove the contract's list of required keys matches what 10.4.2 actually demands.
/// </summary>
public sealed class MissingQueryTests
{
    public static TheoryData<string> MembershipKeys => [.. OrleansQueryContract.MembershipKeys.Keys];

    public static TheoryData<string> ReminderKeys => [.. OrleansQueryContract.ReminderKeys.Keys];

    [Theory]
    [MemberData(nameof(MembershipKeys))]
    public async Task ClusteringDoesNotStartWithoutARequiredQuery(string queryKey)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("missing_membership_query");
        await OrleansQueryCatalog.DeleteAsync(connectionString, queryKey);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "missing-query", ServiceId = "missing-query" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.InitializeMembershipTableAsync(true, CancellationToken.None));

        Assert.Contains(queryKey, error.ToString());
    }

    [Fact]
    public async Task ClusteringStartsWithoutTheOptionalPerRowCleanupQuery()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("missing_optional_query");
        await OrleansQueryCatalog.DeleteAsync(connectionString, "CleanupDefunctSiloEntryKey");
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "optional-query", ServiceId = "optional-query" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

        await table.InitializeMembershipTableAsync(true, CancellationToken.None);
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(ReminderKeys))]
    public async Task RemindersDoNotStartWithoutARequiredQuery(string queryKey)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("missing_reminder_query");
        await OrleansQueryCatalog.DeleteAsync(connectionString, queryKey);
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "missing-query";
            o.ServiceId = "missing-query";
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        }));
        await using var provider = services.BuildServiceProvider();
        var table = provider.GetRequiredService<IReminderTable>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.StartAsync(CancellationToken.None));

        Assert.Contains(queryKey, error.ToString());
    }
}
