using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Tenants;
using VoicePlatform.Common;
using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// A live call's activation going away (a silo stopping in a rolling restart, a rebalance) keeps what only LiveKit has
/// told it, or what it has not yet asked: the next activation may start after the callee hung up and the room is gone.
/// </summary>
[Collection(UnseenAgentCollection.Name)]
public sealed class CallDeactivationTests(UnseenAgentFixture host)
{
    [Fact]
    public async Task AnAnsweredCallDeactivatedBeforeItSawItsAgentAsksLiveKitAndIsNotTakenForAbandoned()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await WaitForAsync(tenant, await PlaceAsync(tenant, "+12125550188"), c => c.GetProperty("status").GetString() == "answered");
        var room = call.GetProperty("roomName").GetString()!;
        // The agent is in the room, but no webhook and no look has told the call.
        await WaitUntilAsync(async () => (await host.Client().ListParticipantsAsync(room)).Any(p => p.Kind == CallLifecycle.AgentKind), () => "the agent joined the room");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await GetAsync(tenant, Id(call))).GetProperty("agentJoinedAt").ValueKind);

        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var key = $"{tenant.Id}/{Id(call)}";
        async Task<bool> Active() => (await management.GetDetailedGrainStatistics()).Any(s => s.GrainId.Key.ToString() == key);
        await grains.GetCall(TenantId.Parse(tenant.Id), CallId.FromValidated(Id(call))).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await WaitUntilAsync(async () => !await Active(), () => "the call's activation was deactivated");

        // Read back by a new activation: the agent's arrival, as LiveKit gave it (before the answer), is on record.
        var resumed = await GetAsync(tenant, Id(call));
        Assert.Equal("answered", resumed.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, resumed.GetProperty("agentJoinedAt").ValueKind);
        Assert.True(resumed.GetProperty("agentJoinedAt").GetDateTimeOffset() <= resumed.GetProperty("answeredAt").GetDateTimeOffset(), resumed.ToString());

        // Ended now, it reads as the attended call it was.
        Assert.True((await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null)).IsSuccessStatusCode);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.False(ended.GetProperty("abandoned").GetBoolean(), ended.ToString());
    }
}
