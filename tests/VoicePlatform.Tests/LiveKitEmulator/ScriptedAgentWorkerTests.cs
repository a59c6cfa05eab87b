using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.LiveKitEmulator.Agents;
using VoicePlatform.LiveKitEmulator.Sip;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>
/// The emulator's scripted agent worker against a fake platform over real loopback HTTP, at 20× speed (a whole
/// scripted conversation takes under two seconds). Every wait is for a condition, bounded by a generous timeout.
/// </summary>
public sealed class ScriptedAgentWorkerTests : IAsyncLifetime
{
    private const string Answers = "+15550010001";
    private const string Voicemail = "+15557770001";
    private const string Busy = "+15554860001";
    private const string Greeting = "Hi Ada, this is Max from Acme Solar.";
    private const string VoicemailMessage = "Hi Ada, this is Max from Acme Solar. Please call us back at 555 0100.";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly string[] FullCallSteps = ["answered-by", .. Enumerable.Repeat("transcript", 7), "usage", "outcome", "end"];

    private FakePlatform _platform = null!;
    private EmulatorUnderTest _emulator = null!;
    private string _trunk = "";

    private ScriptedAgentWorker Worker => _emulator.Services.GetRequiredService<ScriptedAgentWorker>();

    public async Task InitializeAsync()
    {
        _platform = await FakePlatform.StartAsync();
        _emulator = await EmulatorUnderTest.StartAsync(options =>
        {
            options.TimeAcceleration = 20;
            options.AgentWorker.Enabled = true;
            options.AgentWorker.PlatformUrl = _platform.Url;
            options.AgentWorker.Seed = 7;
            options.Sip.Rules =
            [
                new SipOutcomeRule { Pattern = Answers, Outcome = "answer;ring=1" },
                new SipOutcomeRule { Pattern = Voicemail, Outcome = "voicemail;ring=1" },
                new SipOutcomeRule { Pattern = Busy, Outcome = "busy;ring=1" },
            ];
        });
        _trunk = await _emulator.CreateTrunkAsync();
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task AnsweredCallIsReportedStepByStepWithTheCallsCredential()
    {
        var call = NewCall();
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Answers);
        await finished.WaitAsync(Generous);

        var posts = _platform.For(call.CallId);
        Assert.All(posts, post =>
        {
            Assert.Equal("Bearer " + call.Credential, post.Authorization);
            // Every report is JSON, except the end, which the platform takes without a body.
            if (post.Step == "end") Assert.Equal("", post.ContentType);
            else Assert.StartsWith("application/json", post.ContentType);
            Assert.Equal(200, post.Status);
        });
        Assert.Equal(FullCallSteps, posts.Select(p => p.Step));
        AssertAnsweredBy("human", posts[0]);

        var segments = Segments(posts);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"seg-{i}"), segments.Select(s => s["id"]!.GetValue<string>()));
        Assert.Equal(Greeting, segments[0]["text"]!.GetValue<string>());
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? "agent" : "callee", segments[i]["speaker"]!.GetValue<string>());
            Assert.True(segments[i]["final"]!.GetValue<bool>());
            Assert.True(segments[i]["endMs"]!.GetValue<long>() > segments[i]["startMs"]!.GetValue<long>());
            Assert.True(i == 0 || segments[i]["startMs"]!.GetValue<long>() >= segments[i - 1]["endMs"]!.GetValue<long>());
        }

        AssertUsageMatches(posts.Single(p => p.Step == "usage").Body, segments, expectLlm: true);

        var outcome = posts.Single(p => p.Step == "outcome").Body;
        Assert.Equal(1, outcome["sequence"]!.GetValue<int>());
        var disposition = outcome["disposition"]!.GetValue<string>();
        Assert.Contains(disposition, new[] { "qualified", "not-interested", "callback-requested" });
        Assert.Equal(disposition == "callback-requested", outcome.ContainsKey("callbackAt"));
        if (disposition == "callback-requested")
        {
            Assert.True(DateTimeOffset.Parse(outcome["callbackAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        }

        Assert.Contains("emulated", outcome["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.NotNull(outcome["fields"]!.AsObject());
        Assert.False(string.IsNullOrWhiteSpace(outcome["summary"]!.GetValue<string>()));
        Assert.Equal("{}", posts[^1].BodyText);

        // The agent was a participant of the room, of kind AGENT, and left it when done.
        var joined = await _emulator.Sink.WaitForAsync("participant_joined", call.Room, w => w.Json["participant"]!["kind"]?.GetValue<string>() == "AGENT");
        var identity = joined.Json["participant"]!["identity"]!.GetValue<string>();
        await _emulator.Sink.WaitForAsync("participant_left", call.Room, w => w.Json["participant"]!["identity"]!.GetValue<string>() == identity);
    }

    [Fact]
    public async Task VoicemailIsReportedAsMachineWithOnlyTheMessage()
    {
        var call = NewCall();
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Voicemail);
        await finished.WaitAsync(Generous);

        var posts = _platform.For(call.CallId);
        Assert.Equal(new[] { "answered-by", "transcript", "usage", "end" }, posts.Select(p => p.Step));
        Assert.All(posts, post => Assert.Equal("Bearer " + call.Credential, post.Authorization));
        AssertAnsweredBy("machine", posts[0]);
        var segment = Assert.Single(Segments(posts));
        Assert.Equal("agent", segment["speaker"]!.GetValue<string>());
        Assert.Equal(VoicemailMessage, segment["text"]!.GetValue<string>());
        AssertUsageMatches(posts.Single(p => p.Step == "usage").Body, [segment], expectLlm: false);
    }

    [Theory]
    [InlineData("RoomService/RemoveParticipant")]
    [InlineData("RoomService/DeleteRoom")]
    public async Task CalleeHangingUpMidScriptStopsTheTalkingButStillReportsUsageAndOutcome(string hangUp)
    {
        var call = NewCall();
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Answers);
        await _platform.WaitUntilAsync(call.CallId, posts => posts.Any(p => p.Step == "transcript"));
        var token = hangUp.EndsWith("DeleteRoom", StringComparison.Ordinal) ? TestTokens.RoomCreate() : TestTokens.RoomAdmin(call.Room);
        Assert.Equal(200, (await _emulator.CallAsync(hangUp, new { room = call.Room, identity = "callee" }, token)).Status);
        await finished.WaitAsync(Generous);

        var posts = _platform.For(call.CallId);
        var segments = Segments(posts);
        Assert.InRange(segments.Count, 1, 6);
        Assert.Equal(Enumerable.Range(1, segments.Count).Select(i => $"seg-{i}"), segments.Select(s => s["id"]!.GetValue<string>()));
        Assert.DoesNotContain(posts, p => p.Step == "end");
        Assert.Equal(new[] { "usage", "outcome" }, posts.Select(p => p.Step).TakeLast(2));
        AssertUsageMatches(posts.Single(p => p.Step == "usage").Body, segments, expectLlm: segments.Count > 2);
        var outcome = posts.Single(p => p.Step == "outcome").Body;
        Assert.Contains(ConversationScript.HungUpTag, outcome["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task TransientFailuresAreRetriedWithTheSameIds()
    {
        var call = NewCall();
        // Each distinct post fails once: 503 the first time, 429 for the usage, 200 when repeated.
        _platform.Respond = (post, earlier) =>
            earlier.Any(e => e.Step == post.Step && e.BodyText == post.BodyText) ? 200 : post.Step == "usage" ? 429 : 503;
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Answers);
        await finished.WaitAsync(Generous);

        var posts = _platform.For(call.CallId);
        Assert.Equal(22, posts.Count);
        for (var i = 0; i < posts.Count; i += 2)
        {
            Assert.NotEqual(200, posts[i].Status);
            Assert.Equal(200, posts[i + 1].Status);
            Assert.Equal(posts[i].Step, posts[i + 1].Step);
            Assert.Equal(posts[i].BodyText, posts[i + 1].BodyText);
        }

        var accepted = posts.Where(p => p.Status == 200).ToArray();
        Assert.Equal(FullCallSteps, accepted.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"seg-{i}"), Segments(accepted).Select(s => s["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ARefusedStepIsSkippedAndTheCallGoesOn()
    {
        var call = NewCall();
        _platform.Respond = (post, _) => post.Step == "answered-by" ? 400 : 200;
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Answers);
        await finished.WaitAsync(Generous);

        var posts = _platform.For(call.CallId);
        Assert.Single(posts, p => p.Step == "answered-by");
        Assert.Equal(7, Segments(posts).Count);
        Assert.Equal("end", posts[^1].Step);
    }

    [Fact]
    public async Task AnUnansweredCallPostsNothingAndTheAgentLeaves()
    {
        var call = NewCall();
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Busy);
        await finished.WaitAsync(Generous);

        Assert.Empty(_platform.For(call.CallId));
        await _emulator.Sink.WaitForAsync("participant_left", call.Room, w => w.Json["participant"]!["kind"]?.GetValue<string>() == "AGENT");
    }

    [Fact]
    public async Task DispatchesWithoutACallPostNothingAndJoinNoAgent()
    {
        var before = Worker.IgnoredCount;
        var room = "browser-test-" + Guid.NewGuid().ToString("N");
        Assert.Equal(200, (await _emulator.CallAsync("RoomService/CreateRoom", new { name = room }, TestTokens.RoomCreate())).Status);
        string[] metadata =
        [
            """{"tenantId":"ten_1","agentId":"agt_1","instructions":"be brief"}""",
            """{"callId":"call_1","tenantId":"ten_1"}""",
            "not json",
            "",
        ];
        foreach (var text in metadata)
        {
            Assert.Equal(200, (await _emulator.CallAsync("AgentDispatchService/CreateDispatch",
                new { agent_name = "scripted", room, metadata = text }, TestTokens.RoomAdmin(room))).Status);
        }

        Assert.Equal(before + metadata.Length, Worker.IgnoredCount);
        var participants = await _emulator.CallAsync("RoomService/ListParticipants", new { room }, TestTokens.RoomAdmin(room));
        Assert.Empty(participants.Json!["participants"]!.AsArray());

        // A real call placed afterwards is the only one the platform hears of.
        var call = NewCall();
        var finished = FinishedAsync(call.CallId);
        await PlaceAsync(call, Answers);
        await finished.WaitAsync(Generous);
        Assert.All(_platform.Received, p => Assert.Equal(call.CallId, p.CallId));
    }

    /// <summary>Who answered, and when the worker heard it: a moment of this test, which a late report is billed from.</summary>
    private static void AssertAnsweredBy(string expected, PlatformPost post)
    {
        var body = post.Body;
        Assert.Equal(["answeredBy", "answeredAt"], body.Select(p => p.Key));
        Assert.Equal(expected, body["answeredBy"]!.GetValue<string>());
        var heard = DateTimeOffset.Parse(body["answeredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(heard, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
    }

    private static void AssertUsageMatches(JsonObject usage, IReadOnlyList<JsonObject> segments, bool expectLlm)
    {
        Assert.Equal("usage-1", usage["id"]!.GetValue<string>());
        var items = usage["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i["kind"]!.GetValue<string>());
        Assert.Equal(expectLlm ? new[] { "stt", "llm", "tts" } : new[] { "stt", "tts" }, items.Keys);
        Assert.Equal("deepgram", items["stt"]["provider"]!.GetValue<string>());
        Assert.Equal("nova-3", items["stt"]["model"]!.GetValue<string>());
        Assert.Equal(segments[^1]["endMs"]!.GetValue<long>(), items["stt"]["audioMs"]!.GetValue<long>());
        Assert.Equal("cartesia", items["tts"]["provider"]!.GetValue<string>());
        Assert.Equal("sonic-2", items["tts"]["model"]!.GetValue<string>());
        var agentCharacters = segments.Where(s => s["speaker"]!.GetValue<string>() == "agent").Sum(s => (long)s["text"]!.GetValue<string>().Length);
        Assert.Equal(agentCharacters, items["tts"]["characters"]!.GetValue<long>());
        if (expectLlm)
        {
            Assert.Equal("openai", items["llm"]["provider"]!.GetValue<string>());
            Assert.Equal("gpt-4o-mini", items["llm"]["model"]!.GetValue<string>());
            Assert.True(items["llm"]["inputTokens"]!.GetValue<long>() > items["llm"]["outputTokens"]!.GetValue<long>());
            Assert.True(items["llm"]["outputTokens"]!.GetValue<long>() > 0);
        }
    }

    private static List<JsonObject> Segments(IEnumerable<PlatformPost> posts) =>
        posts.Where(p => p.Step == "transcript" && p.Status == 200)
            .SelectMany(p => p.Body["segments"]!.AsArray().Select(s => s!.AsObject()))
            .ToList();

    private Task FinishedAsync(string callId)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Worker.CallFinished += id =>
        {
            if (id == callId)
            {
                finished.TrySetResult();
            }
        };
        return finished.Task;
    }

    private static TestCall NewCall()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new TestCall("call_" + id, "cred_" + Guid.NewGuid().ToString("N"), "vp_ten_test_call_" + id);
    }

    private async Task PlaceAsync(TestCall call, string number)
    {
        Assert.Equal(200, (await _emulator.CallAsync("RoomService/CreateRoom", new { name = call.Room }, TestTokens.RoomCreate())).Status);
        var metadata = new JsonObject
        {
            ["callId"] = call.CallId,
            ["tenantId"] = "ten_test",
            ["agentId"] = "agt_test",
            ["instructions"] = "You are Max from Acme Solar. Qualify the lead politely and keep it short.",
            ["greeting"] = Greeting,
            ["voicemailMessage"] = VoicemailMessage,
            ["variables"] = new JsonObject { ["first_name"] = "Ada" },
            ["workerCredential"] = call.Credential,
        };
        Assert.Equal(200, (await _emulator.CallAsync("AgentDispatchService/CreateDispatch",
            new { agent_name = "scripted", room = call.Room, metadata = metadata.ToJsonString() }, TestTokens.RoomAdmin(call.Room))).Status);
        var dial = await _emulator.CallAsync("SIP/CreateSIPParticipant", new JsonObject
        {
            ["sip_trunk_id"] = _trunk,
            ["sip_call_to"] = number,
            ["room_name"] = call.Room,
            ["participant_identity"] = "callee",
            ["ringing_timeout"] = "20s",
        }.ToJsonString(), TestTokens.SipCall());
        Assert.Equal(200, dial.Status);
    }

    private sealed record TestCall(string CallId, string Credential, string Room);
}
