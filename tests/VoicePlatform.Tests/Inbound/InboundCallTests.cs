using System.Net;
using System.Text.Json;
using VoicePlatform.Tests.Http;
using static VoicePlatform.Tests.Inbound.InboundTestSupport;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// Inbound calls end to end as in development mode: the number's dispatch rule lives in the emulator (put there by the
/// platform over LiveKit's API), a caller rings the number through the emulator's endpoint, LiveKit's job brings the
/// scripted agent worker into the room, it claims the call from the platform with its job token, answers and talks,
/// and the platform prices and settles the call.
/// </summary>
[Collection(InboundCallsCollection.Name)]
public sealed class InboundCallTests(InboundCallsFixture host)
{
    private const string Caller = "+15125550142";

    [Fact]
    public async Task TheNumbersAgentAnswersTalksAndTheCallIsPaidOnceAtTheInboundRate()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var number = await (await tenant.Admin.GetAsync($"api/phone-numbers/{tenant.NumberId}")).ReadJsonAsync();
        Assert.StartsWith("SDR_", number.GetProperty("liveKitDispatchRuleId").GetString());

        var rung = await host.RingAsync(Caller, tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, c => Ended(c) && c.GetProperty("outcome").ValueKind == JsonValueKind.Object);

        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        Assert.Equal(rung.GetProperty("sipCallId").GetString(), call.GetProperty("sipCallId").GetString());
        Assert.Equal(Caller, call.GetProperty("from").GetString());
        Assert.Equal(tenant.Number, call.GetProperty("to").GetString());
        Assert.Equal(tenant.AgentId, call.GetProperty("agentId").GetString());
        Assert.Equal("completed", call.GetProperty("endReason").GetString());
        Assert.Equal("human", call.GetProperty("answeredBy").GetString());
        Assert.Equal(rung.GetProperty("room").GetString(), call.GetProperty("roomName").GetString());
        var transcript = (await (await tenant.Admin.GetAsync($"api/calls/{CallIdOf(rung)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.True(transcript.Count >= 2, $"{transcript.Count} segments");

        JsonElement cost = default;
        await Calls.CallTestSupport.WaitUntilAsync(async () =>
            (cost = await (await tenant.Admin.GetAsync($"api/calls/{CallIdOf(rung)}/cost")).ReadJsonAsync()).GetProperty("settled").GetBoolean(), () => cost.ToString());
        var telephony = cost.GetProperty("cost").GetProperty("components").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "telephony");
        Assert.Equal(VoicePlatform.ApiHost.Hosting.DefaultPriceBook.Rates.TelephonyInboundPerMinuteMicros, telephony.GetProperty("rateMicros").GetInt64());
        Assert.True(cost.GetProperty("billedSeconds").GetInt64() > 0);

        // Exactly one settlement for the call in the tenant's ledger, and the wallet moved by the call's price.
        var ledger = (await (await tenant.Admin.GetAsync("api/wallet/ledger?limit=200")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("reference").GetString() == CallIdOf(rung)).ToList();
        var total = cost.GetProperty("cost").GetProperty("total").GetInt64();
        var wallet = await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync();
        Assert.Equal(Calls.CallTestSupport.OpeningBalance - total, wallet.GetProperty("balance").GetInt64());
        Assert.NotEmpty(ledger);
    }
}
