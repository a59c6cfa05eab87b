using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;
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

        // Everywhere else: the call list's direction filter, the call's webhook payload, the metrics' direction label.
        var inbound = (await (await tenant.Admin.GetAsync("api/calls?direction=inbound")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(CallIdOf(rung), Assert.Single(inbound).GetProperty("callId").GetString());
        Assert.Equal("inbound", inbound[0].GetProperty("direction").GetString());
        Assert.Empty((await (await tenant.Admin.GetAsync("api/calls?direction=outbound")).ReadJsonAsync()).GetProperty("items").EnumerateArray());
        var bad = await tenant.Admin.GetAsync("api/calls?direction=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("direction", out _));
        var byAgent = Assert.Single((await (await tenant.Admin.GetAsync("api/usage?groupBy=agent")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal((tenant.AgentId, 1L, 1L, total), (byAgent.GetProperty("key").GetString(), byAgent.GetProperty("calls").GetInt64(),
            byAgent.GetProperty("connectedCalls").GetInt64(), byAgent.GetProperty("cost").GetInt64()));
        var metrics = await host.AsOperator().GetStringAsync("metrics");
        Assert.Contains("voiceplatform_calls_ended{direction=\"inbound\",end_reason=\"completed\"}", metrics);
    }

    [Fact]
    public async Task TheDemoReceptionLinePrintedAtStartUpIsAnsweredByTheDemoReceptionist()
    {
        using var demo = host.WithKey(await host.DemoApiKeyAsync());
        var line = await (await demo.GetAsync("api/phone-numbers?limit=100")).ReadJsonAsync();
        Assert.Contains(line.GetProperty("items").EnumerateArray(), n => n.GetProperty("number").GetString() == VoicePlatform.ApiHost.Hosting.DemoTenantSeeder.DemoInboundNumber);

        var rung = await host.RingAsync(Caller, VoicePlatform.ApiHost.Hosting.DemoTenantSeeder.DemoInboundNumber);
        var tenant = new InboundTenant(VoicePlatform.ApiHost.Hosting.DemoTenantSeeder.DemoTenantId.Value, demo, "", "", VoicePlatform.ApiHost.Hosting.DemoTenantSeeder.DemoInboundNumber);
        var call = await tenant.WaitForCallAsync(rung, c => Ended(c) && c.GetProperty("outcome").ValueKind == JsonValueKind.Object);
        Assert.Equal(VoicePlatform.ApiHost.Hosting.DemoTenantSeeder.DemoReceptionistId.Value, call.GetProperty("agentId").GetString());
        var transcript = (await (await demo.GetAsync($"api/calls/{CallIdOf(rung)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal("Bright Smile Dental, this is Ava. How can I help you today?", transcript[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnAnonymousCallerIsRefusedWithoutAnAnswerWhenTheNumberSaysSo()
    {
        var tenant = await host.TenantWithInboundNumberAsync(inbound: (_, agent) => Task.FromResult<object>(new { agentId = agent, allowAnonymous = false }));

        var refused = await host.RingAsync("anonymous", tenant.Number);
        var call = await tenant.WaitForCallAsync(refused, Ended);
        Assert.Equal("rejected", call.GetProperty("endReason").GetString());
        Assert.Contains("anonymous", call.GetProperty("endDetail").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredAt").ValueKind);
        Assert.Equal(0, call.GetProperty("chargedSoFar").GetInt64());
        await Calls.CallTestSupport.WaitUntilAsync(async () => (await host.EmulatorCallAsync(refused.GetProperty("sipCallId").GetString()!)).GetProperty("status").GetString() == "rejected");
        var emulated = await host.EmulatorCallAsync(refused.GetProperty("sipCallId").GetString()!);
        Assert.Equal(486, emulated.GetProperty("sipStatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, emulated.GetProperty("answeredAt").ValueKind);

        // A caller with a number gets through on the same number.
        var answered = await host.RingAsync(Caller, tenant.Number);
        Assert.Equal("completed", (await tenant.WaitForCallAsync(answered, Ended)).GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task ABlockedCallerIsRefusedOnEveryNumberOfTheTenantAndAnsweredOnceUnblocked()
    {
        const string pest = "+15125550177";
        var tenant = await host.TenantWithInboundNumberAsync();
        var added = await tenant.Admin.PostAsJsonAsync("api/caller-blocklist", new { number = "+1 512-555-0177", reason = "abusive" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.PostAsJsonAsync("api/caller-blocklist", new { number = pest })).StatusCode);
        var bad = await tenant.Admin.PostAsJsonAsync("api/caller-blocklist", new { number = "not a number" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("number", out _));
        var listed = (await (await tenant.Admin.GetAsync("api/caller-blocklist")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(pest, Assert.Single(listed).GetProperty("number").GetString());

        var refused = await host.RingAsync(pest, tenant.Number);
        var call = await tenant.WaitForCallAsync(refused, Ended);
        Assert.Equal("rejected", call.GetProperty("endReason").GetString());
        Assert.Contains("blocklist", call.GetProperty("endDetail").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredAt").ValueKind);

        // Another tenant's list is its own: the same caller reaches another tenant's number.
        var other = await host.TenantWithInboundNumberAsync();
        Assert.Empty((await (await other.Admin.GetAsync("api/caller-blocklist")).ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("completed", (await other.WaitForCallAsync(await host.RingAsync(pest, other.Number), Ended)).GetProperty("endReason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin.DeleteAsync("api/caller-blocklist/%2B15125550177")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Admin.DeleteAsync("api/caller-blocklist/%2B15125550177")).StatusCode);
        Assert.Equal("completed", (await tenant.WaitForCallAsync(await host.RingAsync(pest, tenant.Number), Ended)).GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task ACallerWhoseNumberIsNoPhoneNumberIsFollowedByLiveKitsIdentityForIt()
    {
        // An extension or a withheld number: LiveKit names the participant sip_{the From user as received}.
        var tenant = await host.TenantWithInboundNumberAsync();
        var rung = await host.RingAsync("1001", tenant.Number, hangUpAfterSeconds: 3);
        Assert.Equal("sip_1001", rung.GetProperty("participantIdentity").GetString());
        var call = await tenant.WaitForCallAsync(rung, Ended);
        Assert.Equal("anonymous", call.GetProperty("from").GetString());
        Assert.Equal("completed", call.GetProperty("endReason").GetString());
        // Its own hang-up, as LiveKit reported it for that participant.
        Assert.Equal("CLIENT_INITIATED", call.GetProperty("disconnectReason").GetString());
    }

    [Fact]
    public async Task TheTenantsWebhooksTellOfTheInboundCallWithItsDirection()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        await using var receiver = await VoicePlatform.Tests.Webhooks.WebhookReceiver.StartAsync();
        await VoicePlatform.Tests.Webhooks.WebhookTestSupport.RegisterAsync(tenant.Admin, receiver.Url, "call.started", "call.answered", "call.ended");

        var rung = await host.RingAsync(Caller, tenant.Number);
        // Deliveries run concurrently: the three events may come in any order.
        var hooks = await receiver.WaitForAsync(all => all.Select(w => w.Type).Distinct().Count() == 3, TimeSpan.FromSeconds(30));
        var ours = hooks.Where(w => w.Payload.GetProperty("call").GetProperty("id").GetString() == CallIdOf(rung)).ToList();
        Assert.Equal(["call.answered", "call.ended", "call.started"], ours.Select(w => w.Type).Distinct().Order());
        Assert.All(ours, w => Assert.Equal("inbound", w.Payload.GetProperty("call").GetProperty("direction").GetString()));
        Assert.All(ours, w => Assert.Equal(Caller, w.Payload.GetProperty("call").GetProperty("from").GetString()));
    }

    [Fact]
    public async Task AnAnonymousCallerIsAnsweredByDefault()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var rung = await host.RingAsync("anonymous", tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, Ended);
        Assert.Equal("completed", call.GetProperty("endReason").GetString());
        Assert.Equal("anonymous", call.GetProperty("from").GetString());
    }

    [Fact]
    public async Task AfterHoursTheAfterHoursAgentAnswers()
    {
        var afterHours = "";
        var tenant = await host.TenantWithInboundNumberAsync(inbound: async (tenantId, agent) =>
        {
            afterHours = await host.CreateAgentAsync(tenantId, VoicePlatform.Agents.AgentStatus.Active);
            return new { agentId = agent, timeZone = "UTC", holidays = ClosedToday(), afterHoursAgentId = afterHours };
        });

        var rung = await host.RingAsync(Caller, tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, c => Ended(c) && c.GetProperty("outcome").ValueKind == JsonValueKind.Object);
        Assert.Equal(afterHours, call.GetProperty("agentId").GetString());
        Assert.Equal("completed", call.GetProperty("endReason").GetString());
        Assert.True(call.GetProperty("estimatedPerMinute").GetInt64() > 0, "an after-hours conversation is billed like any other");
    }

    [Fact]
    public async Task ClosedWithNoAfterHoursAgentTheCallerHearsTheClosedMessageAndOwesNothing()
    {
        const string closed = "Bright Smile Dental is closed today. Please call again tomorrow.";
        var tenant = await host.TenantWithInboundNumberAsync(inbound: (_, agent) => Task.FromResult<object>(new { agentId = agent, timeZone = "UTC", holidays = ClosedToday(), closedMessage = closed }));

        var rung = await host.RingAsync(Caller, tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, Ended);
        Assert.Equal("completed", call.GetProperty("endReason").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("estimatedPerMinute").ValueKind);
        var transcript = await WaitForTranscriptAsync(tenant, rung);
        Assert.Equal(closed, Assert.Single(transcript).GetProperty("text").GetString());
        await AssertNothingOwedAsync(tenant, rung);
    }

    [Fact]
    public async Task WithNoFundsTheCallerHearsTheShortMessageAndTheCallEndsOwingNothing()
    {
        var tenant = await host.TenantWithInboundNumberAsync(openingBalance: 0);

        var rung = await host.RingAsync(Caller, tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, Ended);
        Assert.Equal("insufficient-funds", call.GetProperty("endReason").GetString());
        var transcript = await WaitForTranscriptAsync(tenant, rung);
        Assert.Contains("cannot take your call", Assert.Single(transcript).GetProperty("text").GetString());
        await AssertNothingOwedAsync(tenant, rung);
        var wallet = await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync();
        Assert.Equal(0, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
    }

    private static async Task<List<JsonElement>> WaitForTranscriptAsync(InboundTenant tenant, JsonElement rung)
    {
        List<JsonElement> transcript = [];
        await Calls.CallTestSupport.WaitUntilAsync(async () =>
            (transcript = (await (await tenant.Admin.GetAsync($"api/calls/{CallIdOf(rung)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList()).Count > 0);
        return transcript;
    }

    private static async Task AssertNothingOwedAsync(InboundTenant tenant, JsonElement rung)
    {
        var cost = await (await tenant.Admin.GetAsync($"api/calls/{CallIdOf(rung)}/cost")).ReadJsonAsync();
        Assert.True(cost.GetProperty("settled").GetBoolean(), cost.ToString());
        Assert.Equal(0, cost.GetProperty("billedSeconds").GetInt64());
        var ledger = (await (await tenant.Admin.GetAsync("api/wallet/ledger?limit=200")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("reference").GetString() == CallIdOf(rung)).ToList();
        // A refused reservation is recorded (so its key answers the same after a restart) but moves nothing.
        Assert.All(ledger, e => Assert.Equal((0L, 0L), (e.GetProperty("balanceChange").GetInt64(), e.GetProperty("reservedChange").GetInt64())));
    }

    /// <summary>Today and tomorrow in UTC: closed for the whole test whenever it runs, midnight included.</summary>
    private static string[] ClosedToday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return [today.ToString("yyyy-MM-dd"), today.AddDays(1).ToString("yyyy-MM-dd")];
    }
}
