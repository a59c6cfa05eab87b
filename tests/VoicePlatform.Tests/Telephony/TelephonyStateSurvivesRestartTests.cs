using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Telephony;

/// <summary>Trunks, numbers and the tenant's telephony directory on real PostgreSQL across a full restart.</summary>
public sealed class TelephonyStateSurvivesRestartTests
{
    [Fact]
    public async Task ANumberAndATrunkSurviveAFullClusterRestart()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("telephony");
        var tenant = TenantId.New();
        var trunkId = PrefixedId.New<SipTrunkId>();
        var numberId = PrefixedId.New<PhoneNumberId>();

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "telephony-svc");
        await first.GrainFactory.GetSipTrunk(tenant, trunkId).CreateAsync(new SipTrunkSettings
        {
            LiveKitTrunkId = "ST_restart1", Name = "Survivor trunk", Numbers = ["+442079460958"], MaxConcurrentCalls = 30, CallsPerSecond = 0.5,
        });
        await first.GrainFactory.GetPhoneNumber(tenant, numberId).CreateAsync(new PhoneNumberSettings
        {
            Number = "+442079460958", Label = "London", TrunkId = trunkId,
        });
        await first.StopAsync();

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "telephony-svc");
        var trunk = await second.GrainFactory.GetSipTrunk(tenant, trunkId).GetAsync();
        Assert.NotNull(trunk);
        Assert.Equal("ST_restart1", trunk.LiveKitTrunkId);
        Assert.Equal(["+442079460958"], trunk.Numbers);
        Assert.Equal(0.5, trunk.CallsPerSecond);

        var number = await second.GrainFactory.GetPhoneNumber(tenant, numberId).GetAsync();
        Assert.NotNull(number);
        Assert.Equal("+442079460958", number.Number);
        Assert.Equal("GB", number.RegionCode);
        Assert.Equal(["Europe/London"], number.TimeZones);
        Assert.Equal(trunkId, number.TrunkId);

        var directory = second.GrainFactory.GetTelephonyDirectory(tenant);
        Assert.Contains((await directory.ListNumbersAsync(new PhoneNumberFilter(), null, 200)).Items, n => n.Id == numberId);
        Assert.Contains((await directory.ListTrunksAsync(null, 200)).Items, t => t.Id == trunkId);
        // The reservation survived too: another number cannot take the E.164.
        Assert.Equal(numberId, await directory.ReserveNumberAsync(PrefixedId.New<PhoneNumberId>(), "+442079460958"));
    }
}
