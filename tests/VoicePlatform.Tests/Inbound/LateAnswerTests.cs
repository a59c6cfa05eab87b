using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// An inbound caller the platform saw leave before it saw the answer — the answer comes by no webhook, and a database or
/// LiveKit outage can hide the polls that would see it (the failure suite found one) — is not a free call: its settlement
/// waits, and the agent worker's answered-by report, with when it heard the answer, makes it the answered, completed
/// call it was, billed from that moment. Without a report it settles unanswered, owing nothing; a report after that
/// changes nothing.
/// </summary>
[Collection(LateAnswerCollection.Name)]
public sealed class LateAnswerTests(LateAnswerFixture host)
{
    [Fact]
    public async Task ACallEndedBeforeItsAnswerWasSeenIsBilledFromTheAnswerTheWorkerReports()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        // Claimed by a worker, whose room LiveKit does not have: the watchdog's first look finds the caller gone, as it
        // finds a caller who hung up while the answer went unseen.
        var reported = await ClaimAsync(tenant, "+15125550143");
        var unreported = await ClaimAsync(tenant, "+15125550144");
        var ended = await WaitForAsync(tenant, reported.CallId, c => c.GetProperty("status").GetString() == "ended");
        Assert.True(ended.GetProperty("endReason").GetString() == "failed", ended.ToString());
        await WaitForAsync(tenant, unreported.CallId, c => c.GetProperty("status").GetString() == "ended");

        // Not settled at the end, unlike an unanswered outbound call: it waits for the worker's word.
        Assert.False((await CostAsync(tenant, reported.CallId)).GetProperty("settled").GetBoolean());
        // The worker heard the answer a moment after the caller rang (within the call, so it is taken as it is).
        var answeredAt = ended.GetProperty("ringingAt").GetDateTimeOffset().AddMilliseconds(200);
        var report = await reported.Worker.PostAsJsonAsync($"api/calls/{reported.CallId}/answered-by", new { answeredBy = "human", answeredAt });
        Assert.True(report.StatusCode == HttpStatusCode.OK, await report.Content.ReadAsStringAsync());

        var call = await WaitForAsync(tenant, reported.CallId, c => c.GetProperty("endReason").GetString() == "completed");
        Assert.Equal("human", call.GetProperty("answeredBy").GetString());
        Assert.Equal(answeredAt, call.GetProperty("answeredAt").GetDateTimeOffset());
        // Billed from that answer to the end, at the inbound rate: the telephony component counts those seconds.
        var cost = await SettledCostAsync(tenant, reported.CallId);
        var billed = (long)Math.Ceiling((call.GetProperty("endedAt").GetDateTimeOffset() - answeredAt).TotalSeconds);
        Assert.True(billed > 0 && cost.GetProperty("billedSeconds").GetInt64() == billed, $"{billed} s expected: {cost}");
        var telephony = cost.GetProperty("cost").GetProperty("components").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "telephony");
        Assert.Equal((billed, VoicePlatform.ApiHost.Hosting.DefaultPriceBook.Rates.TelephonyInboundPerMinuteMicros),
            (telephony.GetProperty("quantity").GetInt64(), telephony.GetProperty("rateMicros").GetInt64()));
        var total = cost.GetProperty("cost").GetProperty("total").GetInt64();

        // The other call heard from no worker: settled unanswered, nothing owed; a report now changes nothing.
        var free = await SettledCostAsync(tenant, unreported.CallId);
        Assert.Equal((0L, 0L), (free.GetProperty("billedSeconds").GetInt64(), free.GetProperty("cost").GetProperty("total").GetInt64()));
        var tooLate = await unreported.Worker.PostAsJsonAsync($"api/calls/{unreported.CallId}/answered-by", new { answeredBy = "human", answeredAt = DateTimeOffset.UtcNow.AddSeconds(-5) });
        Assert.Equal(HttpStatusCode.OK, tooLate.StatusCode);
        var stays = await (await tenant.Admin.GetAsync($"api/calls/{unreported.CallId}")).ReadJsonAsync();
        Assert.Equal(("failed", JsonValueKind.Null), (stays.GetProperty("endReason").GetString(), stays.GetProperty("answeredAt").ValueKind));

        // Paid once, for the one call that was answered.
        var wallet = await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync();
        Assert.Equal((CallTestSupport.OpeningBalance - total, 0L), (wallet.GetProperty("balance").GetInt64(), wallet.GetProperty("reserved").GetInt64()));
    }

    [Fact]
    public async Task AnAnswerHeardInTheFutureIsRefusedNamingTheField()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var claimed = await ClaimAsync(tenant, "+15125550145");
        var response = await claimed.Worker.PostAsJsonAsync($"api/calls/{claimed.CallId}/answered-by",
            new { answeredBy = "human", answeredAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("answeredAt", out _));
        var call = await (await tenant.Admin.GetAsync($"api/calls/{claimed.CallId}")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, call.GetProperty("answeredBy").ValueKind);
    }

    private sealed record Claimed(string CallId, HttpClient Worker);

    /// <summary>What a worker LiveKit dispatched into the caller's room does first: claims the call with its job token.</summary>
    private async Task<Claimed> ClaimAsync(InboundTenant tenant, string caller)
    {
        var sipCallId = "SCL_" + RandomIds.Create(12);
        var room = InboundRoomName.RulePrefix(TenantId.Parse(tenant.Id), PrefixedId.Parse<PhoneNumberId>(tenant.NumberId)) + $"_{caller}_" + RandomIds.Create(12);
        var token = host.App.Services.GetRequiredService<LiveKitAccessTokenMinter>().Mint(new LiveKitTokenClaims
        {
            Identity = "agent-AJ_" + RandomIds.Create(12),
            Kind = "agent",
            Video = new LiveKitVideoGrant { RoomJoin = true, Room = room, CanPublish = true, CanSubscribe = true, Agent = true },
        }, TimeSpan.FromHours(1));
        using var anonymous = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound-calls/claims")
        {
            Content = JsonContent.Create(new { room, sipCallId, callerNumber = caller, calledNumber = tenant.Number, participantIdentity = "sip_" + caller }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var claim = await response.ReadJsonAsync();
        Assert.Equal("converse", claim.GetProperty("mode").GetString());
        var worker = host.Anonymous();
        worker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", claim.GetProperty("workerCredential").GetString());
        return new Claimed(claim.GetProperty("callId").GetString()!, worker);
    }

    private static async Task<JsonElement> WaitForAsync(InboundTenant tenant, string callId, Func<JsonElement, bool> condition)
    {
        JsonElement latest = default;
        await CallTestSupport.WaitUntilAsync(async () => condition(latest = await (await tenant.Admin.GetAsync($"api/calls/{callId}")).ReadJsonAsync()),
            () => latest.ToString());
        return latest;
    }

    private static async Task<JsonElement> CostAsync(InboundTenant tenant, string callId) =>
        await (await tenant.Admin.GetAsync($"api/calls/{callId}/cost")).ReadJsonAsync();

    private static async Task<JsonElement> SettledCostAsync(InboundTenant tenant, string callId)
    {
        JsonElement cost = default;
        await CallTestSupport.WaitUntilAsync(async () => (cost = await CostAsync(tenant, callId)).GetProperty("settled").GetBoolean(), () => cost.ToString());
        return cost;
    }
}

/// <summary>
/// The all-in-one host with a late-answer grace a test's report comes well within, and short enough to wait out (LiveKit
/// knows none of the test's rooms: the watchdog finds each caller gone at its first look).
/// </summary>
public sealed class LateAnswerFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Calls:Metering:LateAnswerGrace", "00:00:08"];
}

[CollectionDefinition(Name)]
public sealed class LateAnswerCollection : ICollectionFixture<LateAnswerFixture>
{
    public const string Name = "late answer host";
}
