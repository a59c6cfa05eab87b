using System.Net;
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
/// LiveKit's webhooks about an inbound caller, signed as LiveKit signs them and delivered twice and out of order: the
/// call is keyed by the SIP call id, so every delivery reaches the one call, which is created once and ends once.
/// </summary>
[Collection(InboundCallsCollection.Name)]
public sealed class InboundWebhookTests(InboundCallsFixture host)
{
    [Fact]
    public async Task DuplicatedAndReorderedWebhooksMakeOneCallThatEndsOnceAndReleasesItsReservation()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var sipCallId = "SCL_" + RandomIds.Create(12);
        var room = InboundRoomName.RulePrefix(TenantId.Parse(tenant.Id), PrefixedId.Parse<PhoneNumberId>(tenant.NumberId)) + "_+15125550142_" + RandomIds.Create(12);
        var joined = Body("participant_joined", "EV_" + RandomIds.Create(12), room, sipCallId, disconnect: null);
        var left = Body("participant_left", "EV_" + RandomIds.Create(12), room, sipCallId, disconnect: "CLIENT_INITIATED");

        // The caller's departure first, then its arrival three times at once, then the departure again.
        await PostAsync(left);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(joined)));
        await PostAsync(left);

        var id = InboundCallIds.For(sipCallId).Value;
        var response = await tenant.Admin.GetAsync($"api/calls/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var call = await response.ReadJsonAsync();
        Assert.True(call.GetProperty("status").GetString() == "ended", call.ToString());
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        Assert.Equal("cancelled", call.GetProperty("endReason").GetString());
        var calls = (await (await tenant.Admin.GetAsync("api/calls")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(id, Assert.Single(calls).GetProperty("callId").GetString());

        // Never answered: whatever was reserved for it is released, nothing is debited.
        JsonElement wallet = default;
        await CallTestSupport.WaitUntilAsync(async () => (wallet = await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync()).GetProperty("reserved").GetInt64() == 0,
            () => wallet.ToString());
        Assert.Equal(CallTestSupport.OpeningBalance, wallet.GetProperty("balance").GetInt64());
    }

    private static byte[] Body(string name, string eventId, string room, string sipCallId, string? disconnect) => LiveKitWebhookSigner.Serialize(new LiveKitWebhookEvent
    {
        Event = name,
        Id = eventId,
        CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Room = new LiveKitRoom { Name = room },
        Participant = new LiveKitParticipantInfo
        {
            Identity = "sip_+15125550142",
            Kind = "SIP",
            JoinedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            DisconnectReason = disconnect ?? "",
            Attributes = new Dictionary<string, string>
            {
                ["sip.callID"] = sipCallId,
                ["sip.phoneNumber"] = "+15125550142",
                ["sip.callStatus"] = disconnect is null ? "ringing" : "hangup",
            },
        },
    });

    private async Task PostAsync(byte[] body)
    {
        var signer = host.App.Services.GetRequiredService<LiveKitWebhookSigner>();
        using var client = host.Anonymous();
        var response = await CallTestSupport.PostWebhookAsync(client, body, signer.Sign(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
