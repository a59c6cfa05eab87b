using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Hosting;

/// <summary>
/// All-in-one development mode as a developer leaves it running: idle activations are collected (here after 5 s
/// instead of 15 min) and every grain must read its state back from the in-memory storage exactly as it wrote it.
/// </summary>
public sealed class IdleCollectionHostFixture : ApiHostFixture
{
    public const string BusyCallee = "+15125550177";
    public const string TourCallerId = "+15125550101";
    public const string EndlessCallee = "+15125550188";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Cluster:GrainCollectionAge", "00:00:05",
        "--LiveKitEmulator:TimeAcceleration", "10",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", BusyCallee,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "busy",
        "--LiveKitEmulator:Sip:Rules:1:Pattern", EndlessCallee,
        "--LiveKitEmulator:Sip:Rules:1:Outcome", "answer;ring=0",
        // One-second metering blocks, and the live-call sweep far away: only the call's own timers can meter it here.
        "--Calls:Metering:BlockDuration", "00:00:01",
        "--Calls:Metering:SettlementGrace", "00:00:00.200",
        "--Calls:Watchdog:ReminderPeriod", "01:00:00",
    ];

    public IManagementGrain Management => App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

    /// <summary>Activations of the grain class named <paramref name="className"/> (statistics name types "Namespace.Class,Assembly").</summary>
    public async Task<int> ActivationsAsync(string className) =>
        (await Management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("." + className + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}

public sealed class StateAfterIdleCollectionTests(IdleCollectionHostFixture host) : IClassFixture<IdleCollectionHostFixture>
{
    private static readonly string[] StatefulGrains =
    [
        "TenantGrain", "TenantDirectoryGrain", "ApiKeyGrain", "PriceBookGrain", "TenantPricingGrain", "TenantCatalogGrain", "BrandGrain",
        "PersonaGrain", "AgentGrain", "SipTrunkGrain", "PhoneNumberGrain", "TelephonyDirectoryGrain", "CallGrain", "WalletGrain",
    ];

    [Fact]
    public async Task EveryGrainTypeAnswersTheSameAfterItsActivationsWereCollected()
    {
        var liveKitTrunk = await host.Client().CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk
        {
            Name = "tour", Address = "sip.example.test", Numbers = [IdleCollectionHostFixture.TourCallerId],
        });
        var tour = await PlatformTour.SeedAsync(host.BaseAddress, ApiHostFixture.OperatorKey, liveKitTrunk.SipTrunkId!,
            IdleCollectionHostFixture.TourCallerId, IdleCollectionHostFixture.BusyCallee);
        var before = await tour.SnapshotAsync();
        foreach (var grain in StatefulGrains.Where(g => g != "CallGrain"))
            Assert.True(await host.ActivationsAsync(grain) > 0, $"{grain} was not active after the tour");

        await host.Management.ForceActivationCollection(TimeSpan.Zero);
        foreach (var grain in StatefulGrains)
            Assert.True(await host.ActivationsAsync(grain) == 0, $"{grain} still has activations after a forced collection");

        PlatformTour.AssertSame(before, await tour.SnapshotAsync());
        // And the collected shared grains keep working for writes: a new tenant, its first key.
        var fresh = await host.CreateTenantAsync("After collection");
        using var admin = host.WithKey(fresh.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/tenant")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/pricing")).StatusCode);
    }

    [Fact]
    public async Task TheDemoTenantServesAndPlacesTheDemoCallAfterIdlingPastTheCollectionAge()
    {
        var demoKey = await host.DemoApiKeyAsync();
        using var demo = host.WithKey(demoKey);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync($"api/agents/{DemoTenantSeeder.DemoAgentId}")).StatusCode);

        // Nothing touches the grains now; Orleans' own collector (age 5 s) must take the demo's activations away.
        await CallTestSupport.WaitUntilAsync(async () =>
            await host.ActivationsAsync("AgentGrain") == 0 && await host.ActivationsAsync("PhoneNumberGrain") == 0
            && await host.ActivationsAsync("TenantGrain") == 0 && await host.ActivationsAsync("ApiKeyGrain") == 0,
            () => "the idle demo activations were collected");

        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/tenant")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/sip-trunks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/phone-numbers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/pricing")).StatusCode);
        var placed = await demo.PostAsJsonAsync("api/calls", new
        {
            agentId = DemoTenantSeeder.DemoAgentId.Value, to = "+15125550123", variables = new Dictionary<string, string> { ["first_name"] = "Maria" },
        });
        Assert.True(placed.StatusCode == HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync());
        var callId = (await placed.ReadJsonAsync()).GetProperty("id").GetString();
        await CallTestSupport.WaitUntilAsync(async () =>
            (await (await demo.GetAsync($"api/calls/{callId}")).ReadJsonAsync()).GetProperty("status").GetString() == "answered",
            () => "the demo call was answered");
        Assert.True((await demo.PostAsync($"api/calls/{callId}/hangup", null)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task ALiveCallOutlivingTheCollectionAgeIsMeteredBlockByBlockWithoutTheSweep()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await CallTestSupport.PlaceAsync(tenant, IdleCollectionHostFixture.EndlessCallee);
        var callId = CallTestSupport.Id(call);
        await CallTestSupport.WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");

        // Nothing but the call's own timers runs now (no worker, no webhooks, the sweep an hour away). Three collection
        // ages of one-second blocks must all be debited: an activation collected mid-call would stop at the first.
        const int blocks = 15;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var debits = 0;
        while ((debits = await DebitsAsync(tenant, callId)) < blocks)
        {
            Assert.False(timeout.IsCancellationRequested, $"only {debits} blocks of call {callId} were debited");
            await Task.Delay(250, CancellationToken.None);
        }
        Assert.True(await host.ActivationsAsync("CallGrain") >= 1);
        Assert.True((await tenant.Admin.PostAsync($"api/calls/{callId}/hangup", null)).IsSuccessStatusCode);
    }

    private static async Task<int> DebitsAsync(CallTenant tenant, string callId)
    {
        var ledger = await (await tenant.Admin.GetAsync("api/wallet/ledger?limit=200")).ReadJsonAsync();
        return ledger.GetProperty("items").EnumerateArray()
            .Count(e => e.GetProperty("kind").GetString() == "debit" && e.GetProperty("reference").GetString() == callId);
    }
}
