using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Hosting;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Production mode: every grain type's state, written through an ApiHost client on a PostgreSQL cluster, answers the
/// same after its activations are collected and again after the whole cluster (and the ApiHost) restarted.
/// </summary>
public sealed class StateAfterDeactivationOnPostgresTests
{
    private const string CallerId = "+16502530001";
    private const string BusyCallee = "+16502530177";

    [Fact]
    public async Task EveryGrainTypeAnswersTheSameAfterCollectionAndAfterAFullRestart()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 10;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = BusyCallee, Outcome = "busy" }];
        });
        var liveKitTrunk = await ClusterCaller.LiveKitClientFor(emulator).CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk
        {
            Name = "tour", Address = "sip.example.test", Numbers = [CallerId],
        });
        var connectionString = await PostgresServer.CreateDatabaseAsync("tour");
        var properties = ClusterCaller.LiveKitProperties(emulator);

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "tour-svc", properties: properties);
        var api = await ClusterApiHost.StartAsync(connectionString, first);
        PlatformTour tour;
        IReadOnlyDictionary<string, string> before;
        try
        {
            tour = await PlatformTour.SeedAsync(ClusterApiHost.BaseAddress(api), ApiHostFixture.OperatorKey, liveKitTrunk.SipTrunkId!, CallerId, BusyCallee);
            before = await tour.SnapshotAsync();

            await first.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            PlatformTour.AssertSame(before, await tour.SnapshotAsync());
        }
        finally
        {
            await api.StopAsync();
            await api.DisposeAsync();
            await first.StopAsync();
        }

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "tour-svc", properties: properties);
        api = await ClusterApiHost.StartAsync(connectionString, second);
        try
        {
            PlatformTour.AssertSame(before, await tour.At(ClusterApiHost.BaseAddress(api)).SnapshotAsync());
        }
        finally
        {
            await api.StopAsync();
            await api.DisposeAsync();
            await second.StopAsync();
        }
    }

}
