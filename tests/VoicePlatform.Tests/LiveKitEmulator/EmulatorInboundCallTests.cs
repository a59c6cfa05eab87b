using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Sip;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>
/// Dispatch rules and inbound calls as LiveKit answers and plays them (../shared/livekit/INBOUND-AND-DATA.md §3–4): rule
/// conflicts and forms, the INVITE matched to a trunk and a rule (none: dropped), the caller's room, attributes and
/// webhooks, the agent dispatch, and the answer once another participant's audio is there (486 when none comes).
/// </summary>
public sealed class EmulatorInboundCallTests : IAsyncLifetime
{
    private EmulatorUnderTest _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorUnderTest.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<TwirpResponse> Sip(string method, object body) => _emulator.CallAsync("SIP/" + method, body, TestTokens.SipAdmin());

    private async Task<JsonElement> RingAsync(string from, string to, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_emulator.BaseUrl) };
        var response = await http.PostAsJsonAsync(InboundCallsEndpoints.Path, new { from, to });
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task DispatchRulesAreCreatedInBothFormsListedReplacedAndDeletedAndConflictsAreRefused()
    {
        var created = await Sip("CreateSIPDispatchRule", new
        {
            dispatchRule = new { name = "reception", numbers = new[] { "+15550100" }, rule = new { dispatchRuleIndividual = new { roomPrefix = "call" } } },
        });
        Assert.Equal(200, created.Status);
        var id = created.Json!["sip_dispatch_rule_id"]!.GetValue<string>();
        Assert.StartsWith("SDR_", id);

        // The same number again conflicts; the deprecated flat form (the Node SDK's) is read too.
        var conflict = await Sip("CreateSIPDispatchRule", new { rule = new { dispatchRuleIndividual = new { roomPrefix = "other" } }, name = "dup" });
        Assert.Equal(200, conflict.Status);
        var duplicate = await Sip("CreateSIPDispatchRule", new { dispatchRule = new { numbers = new[] { "+15550100" }, rule = new { dispatchRuleDirect = new { roomName = "x" } } } });
        Assert.Equal("invalid_argument", duplicate.Code);
        Assert.Contains(id, duplicate.Json!["msg"]!.GetValue<string>());
        Assert.Equal("invalid_argument", (await Sip("CreateSIPDispatchRule", new { dispatchRule = new { name = "no rule" } })).Code);

        var replaced = await Sip("UpdateSIPDispatchRule", new { sipDispatchRuleId = id, replace = new { name = "renamed", numbers = new[] { "+15550101" }, rule = new { dispatchRuleIndividual = new { roomPrefix = "new" } } } });
        Assert.Equal("renamed", replaced.Json!["name"]!.GetValue<string>());
        Assert.Equal("new", replaced.Json["rule"]!["dispatch_rule_individual"]!["room_prefix"]!.GetValue<string>());
        Assert.Equal(2, (await Sip("ListSIPDispatchRule", new { })).Json!["items"]!.AsArray().Count);

        Assert.Equal(200, (await Sip("DeleteSIPDispatchRule", new { sipDispatchRuleId = id })).Status);
        Assert.Equal("not_found", (await Sip("DeleteSIPDispatchRule", new { sipDispatchRuleId = id })).Code);
        Assert.Equal("not_found", (await Sip("UpdateSIPDispatchRule", new { sipDispatchRuleId = id, update = new { name = "x" } })).Code);
    }

    [Fact]
    public async Task ACallThatNoRuleTakesIsDroppedAndTrunksAreToldApartByTheirAllowedCallers()
    {
        var dropped = await RingAsync("+15125550142", "+15550199", HttpStatusCode.NotFound);
        Assert.Equal("dropped", dropped.GetProperty("status").GetString());

        var a = await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "a", numbers = new[] { "+15550200" }, allowedNumbers = new[] { "+15125550142" } } });
        // Sharing a caller with a: LiveKit refuses it, so one INVITE never matches two trunks.
        Assert.Equal("invalid_argument", (await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "b", numbers = new[] { "+15550200" }, allowedNumbers = new[] { "+15125550142", "+15125550143" } } })).Code);
        var b = await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "b", numbers = new[] { "+15550200" }, allowedNumbers = new[] { "+15125550143" } } });
        await Sip("CreateSIPDispatchRule", new { dispatchRule = new { numbers = new[] { "+15550200" }, rule = new { dispatchRuleIndividual = new { roomPrefix = "call" } } } });

        Assert.Equal(a.Json!["sip_trunk_id"]!.GetValue<string>(), (await RingAsync("+15125550142", "+15550200")).GetProperty("trunkId").GetString());
        Assert.Equal(b.Json!["sip_trunk_id"]!.GetValue<string>(), (await RingAsync("+15125550143", "+15550200")).GetProperty("trunkId").GetString());
        // No trunk lets this caller in: as in LiveKit's open-source server, the call goes on without one, and a rule for
        // any trunk still takes it.
        Assert.Equal("", (await RingAsync("+15125550144", "+15550200")).GetProperty("trunkId").GetString());
    }

    [Fact]
    public async Task ARungNumberGetsItsRoomItsCallerAndItsAgentAndIsAnsweredOnceTheAgentsAudioIsThere()
    {
        var trunk = await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "in", numbers = new[] { "+15550300" } } });
        var rule = await Sip("CreateSIPDispatchRule", new
        {
            dispatchRule = new
            {
                numbers = new[] { "+15550300" },
                rule = new { dispatchRuleIndividual = new { roomPrefix = "vpin_demo" } },
                attributes = new Dictionary<string, string> { ["brand"] = "acme" },
                roomConfig = new { emptyTimeout = 60, agents = new[] { new { agentName = "voice", metadata = """{"job":"inbound-call"}""" } } },
            },
        });
        var rung = await RingAsync("+15125550142", "+15550300");
        var room = rung.GetProperty("room").GetString()!;
        Assert.Matches(@"^vpin_demo_\+15125550142_[2-9A-HJ-NP-Za-km-z]{12}$", room);
        Assert.Equal("sip_+15125550142", rung.GetProperty("participantIdentity").GetString());
        Assert.Equal(rule.Json!["sip_dispatch_rule_id"]!.GetValue<string>(), rung.GetProperty("ruleId").GetString());

        var rooms = _emulator.Services.GetRequiredService<RoomStore>();
        var caller = rooms.ParticipantsIn(room).Single();
        var attributes = rooms.AttributesOf(caller);
        Assert.Equal(rung.GetProperty("sipCallId").GetString(), attributes["sip.callID"]);
        Assert.Equal(("ringing", "+15125550142", "+15550300", "acme"), (attributes["sip.callStatus"], attributes["sip.phoneNumber"], attributes["sip.trunkPhoneNumber"], attributes["brand"]));
        Assert.Equal(trunk.Json!["sip_trunk_id"]!.GetValue<string>(), attributes["sip.trunkID"]);
        var dispatch = Assert.Single(_emulator.Services.GetRequiredService<DispatchStore>().ForRoom(room));
        Assert.Equal(("voice", """{"job":"inbound-call"}"""), (dispatch.AgentName, dispatch.Metadata));
        var hooks = await _emulator.Sink.WaitUntilAsync(all => all.Count(h => h.RoomName == room) >= 2);
        Assert.Equal(["room_started", "participant_joined"], hooks.Where(h => h.RoomName == room).Select(h => h.Event).Take(2));
        Assert.Equal("SIP", hooks.First(h => h.RoomName == room && h.Event == "participant_joined").Json["participant"]!["kind"]!.GetValue<string>());

        // An agent in the room is not enough; its audio is.
        var agent = rooms.Join(room, "agent-1", "voice", "", ParticipantKind.Agent, new Dictionary<string, string>());
        Assert.Equal("ringing", rooms.AttributesOf(caller)["sip.callStatus"]);
        var simulator = _emulator.Services.GetRequiredService<InboundCallSimulator>();
        var answered = new TaskCompletionSource<InboundCall>();
        simulator.CallChanged += c => { if (c.SipCallId == rung.GetProperty("sipCallId").GetString() && c.Status == "active") answered.TrySetResult(c); };
        rooms.PublishAudio(agent);
        var record = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("active", rooms.AttributesOf(caller)["sip.callStatus"]);
        Assert.True(record.AnsweredAt > record.InvitedAt);

        // Removing the caller hangs up: the call ends as removed (recorded as the simulated bridge sees its caller go).
        var ended = new TaskCompletionSource<InboundCall>();
        simulator.CallChanged += c => { if (c.SipCallId == record.SipCallId && c.EndedAt is not null) ended.TrySetResult(c); };
        rooms.RemoveParticipant(room, caller.Identity);
        Assert.Equal(("ended", "removed"), ((await ended.Task.WaitAsync(TimeSpan.FromSeconds(10))).Status, (await ended.Task).EndedBy));
        await _emulator.Sink.WaitUntilAsync(all => all.Any(h => h.RoomName == room && h.Event == "participant_left"));
    }

    [Fact]
    public async Task NoAudioWithinTheTrunksRingingTimeoutIs486()
    {
        await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "in", numbers = new[] { "+15550400" }, ringingTimeout = "0.3s" } });
        await Sip("CreateSIPDispatchRule", new { dispatchRule = new { numbers = new[] { "+15550400" }, rule = new { dispatchRuleIndividual = new { roomPrefix = "nobody" } } } });
        var rung = await RingAsync("+15125550142", "+15550400");
        var calls = _emulator.Services.GetRequiredService<InboundCallSimulator>();
        var ended = new TaskCompletionSource<InboundCall>();
        calls.CallChanged += c => { if (c.SipCallId == rung.GetProperty("sipCallId").GetString() && c.Status == "rejected") ended.TrySetResult(c); };
        if (calls.Find(rung.GetProperty("sipCallId").GetString()!) is { Status: "rejected" } already) ended.TrySetResult(already);
        var rejected = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((486, "timeout"), (rejected.SipStatusCode, rejected.EndedBy));
        Assert.Null(rejected.AnsweredAt);
    }

    [Fact]
    public async Task TheTrafficSettingRingsTheNumberAtItsRate()
    {
        await using var busy = await EmulatorUnderTest.StartAsync(o => o.InboundTraffic = new InboundTrafficOptions { CallsPerSecond = 50, To = "+15550500" });
        await busy.CallAsync("SIP/CreateSIPDispatchRule", new { dispatchRule = new { numbers = new[] { "+15550500" }, rule = new { dispatchRuleIndividual = new { roomPrefix = "load" } } } },
            TestTokens.SipAdmin());
        var calls = busy.Services.GetRequiredService<InboundCallSimulator>();
        var rung = new TaskCompletionSource();
        calls.CallChanged += _ => { if (calls.Recent(100).Count(c => c.Status == "ringing" && c.To == "+15550500") >= 5) rung.TrySetResult(); };
        await rung.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(calls.Recent(5), c => Assert.StartsWith("+1512555", c.From));
    }
}
