using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using static VoicePlatform.Tests.LiveKit.LiveKitTestTokens;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>
/// Every Twirp body the platform sends to provision trunks and dispatch rules, as the LiveKit client writes it, decoded
/// strictly by the official LiveKit protobuf types for Node (@livekit/protocol, pinned by the check's package-lock):
/// an unknown field, a wrong type or a wrong enum name would fail the decode.
/// </summary>
public sealed class ProvisioningRequestsNodeCrossCheckTests
{
    [Fact]
    public async Task TheOfficialProtobufTypesAcceptEveryProvisioningRequest()
    {
        var recorder = new RecordingHandler();
        var client = new LiveKitClient(new HttpClient(recorder), Options(), TimeProvider.System, NullLogger<LiveKitClient>.Instance);
        var (tenant, trunk, number) = (TenantId.New(), PrefixedId.New<SipTrunkId>(), PrefixedId.New<PhoneNumberId>());
        var trunks = new LiveKitTrunks(client, tenant, trunk);
        var outbound = new SipTrunkSettings
        {
            LiveKitTrunkId = "", Name = "Carrier", Numbers = ["+15125550100"], MaxConcurrentCalls = 5, CallsPerSecond = 1,
            Provider = new SipTrunkProvider { Address = "sip.carrier.example", Transport = SipTransport.Tls, AuthUsername = "acme" },
        };
        var inbound = outbound with
        {
            Direction = SipTrunkDirection.Inbound,
            Provider = new SipTrunkProvider { AllowedAddresses = ["203.0.113.0/24"], AuthUsername = "acme" },
        };

        await trunks.CreateAsync(outbound, "pw");
        await trunks.UpdateAsync("ST_out", outbound, "pw");
        await trunks.CreateAsync(inbound, "pw");
        await trunks.UpdateAsync("ST_in", inbound, null);
        await trunks.ExistsAsync("ST_out", SipTrunkDirection.Outbound);
        await trunks.ExistsAsync("ST_in", SipTrunkDirection.Inbound);
        await trunks.DeleteAsync("ST_out");
        var rule = InboundDispatchRules.For(tenant, number, "+15125550100", "voiceplatform-agent");
        await client.ListSipDispatchRulesAsync();
        await client.CreateSipDispatchRuleAsync(rule);
        await client.ReplaceSipDispatchRuleAsync("SDR_1", rule);
        await client.DeleteSipDispatchRuleAsync("SDR_1");

        var sent = recorder.Requests;
        Assert.Equal(
            ["ListSIPOutboundTrunk", "CreateSIPOutboundTrunk", "UpdateSIPOutboundTrunk", "ListSIPInboundTrunk", "CreateSIPInboundTrunk", "UpdateSIPInboundTrunk",
             "GetSIPOutboundTrunk", "GetSIPInboundTrunk", "DeleteSIPTrunk", "ListSIPDispatchRule", "CreateSIPDispatchRule", "UpdateSIPDispatchRule", "DeleteSIPDispatchRule"],
            sent.Select(r => r.Method));
        var input = new JsonObject
        {
            ["requests"] = new JsonArray(sent.Select(r => (JsonNode)new JsonObject { ["type"] = r.Method + "Request", ["json"] = JsonNode.Parse(r.Body) }).ToArray()),
        };
        var checkedRequests = (await NodeLiveKitSdk.CheckAsync(input)).GetProperty("requests").EnumerateArray().ToList();
        for (var i = 0; i < sent.Count; i++)
            Assert.True(checkedRequests[i].GetProperty("ok").GetBoolean(), $"{sent[i].Method}: {sent[i].Body}\n{checkedRequests[i]}");

        // What the protobuf types read is what was meant, field by field where it matters.
        var createdOutbound = checkedRequests[1].GetProperty("message").GetProperty("trunk");
        Assert.Equal("SIP_TRANSPORT_TLS", createdOutbound.GetProperty("transport").GetString());
        Assert.Equal("sip.carrier.example", createdOutbound.GetProperty("address").GetString());
        Assert.Equal("pw", createdOutbound.GetProperty("authPassword").GetString());
        var createdInbound = checkedRequests[4].GetProperty("message").GetProperty("trunk");
        Assert.Equal("203.0.113.0/24", createdInbound.GetProperty("allowedAddresses")[0].GetString());
        Assert.Equal("30s", createdInbound.GetProperty("ringingTimeout").GetString());
        var createdRule = checkedRequests[10].GetProperty("message").GetProperty("dispatchRule");
        Assert.Equal(InboundRoomNameFor(tenant, number), createdRule.GetProperty("rule").GetProperty("dispatchRuleIndividual").GetProperty("roomPrefix").GetString());
        Assert.Equal("voiceplatform-agent", createdRule.GetProperty("roomConfig").GetProperty("agents")[0].GetProperty("agentName").GetString());
        Assert.Equal("+15125550100", createdRule.GetProperty("numbers")[0].GetString());
        Assert.Equal("ST_out", checkedRequests[2].GetProperty("message").GetProperty("sipTrunkId").GetString());
    }

    private static string InboundRoomNameFor(TenantId tenant, PhoneNumberId number) => VoicePlatform.Calls.InboundRoomName.RulePrefix(tenant, number);

    /// <summary>Keeps each request's method and body, and answers as LiveKit would enough for the client to go on.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Method, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var method = request.RequestUri!.Segments[^1];
            Requests.Add((method, await request.Content!.ReadAsStringAsync(cancellationToken)));
            var reply = method switch
            {
                var m when m.StartsWith("List", StringComparison.Ordinal) => """{"items":[]}""",
                var m when m.StartsWith("Get", StringComparison.Ordinal) => """{"trunk":{"sip_trunk_id":"ST_found"}}""",
                var m when m.StartsWith("Create", StringComparison.Ordinal) => """{"sip_trunk_id":"ST_new","sip_dispatch_rule_id":"SDR_new"}""",
                _ => "{}",
            };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply, Encoding.UTF8, "application/json") };
        }
    }
}
