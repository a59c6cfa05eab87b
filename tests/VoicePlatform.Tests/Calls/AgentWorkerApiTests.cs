using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.AgentWorkerTestSupport;
using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>The agent worker's reports over real HTTP, authenticated with the credential from the real dispatch.</summary>
[Collection(CallsApiCollection.Name)]
public sealed class AgentWorkerApiTests(CallsApiFixture host)
{
    private Task<CallTenant> TenantWithCallerIdAsync() => host.TenantWithCallerIdAsync();

    private Task<JsonElement> AnsweredCallAsync(CallTenant tenant) =>
        PlaceAsync(tenant, CallsApiFixture.Answers).ContinueWith(t => WaitForAsync(tenant, t.Result, c => c.GetProperty("status").GetString() == "answered")).Unwrap();

    [Fact]
    public async Task AWorkersWholeReportIsStoredOnceAndShownOnTheCall()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await AnsweredCallAsync(tenant);
        using var worker = await host.WorkerAsync(call);
        var id = Id(call);

        await worker.PostOkAsync($"api/calls/{id}/answered-by", new { answeredBy = "human" });
        await worker.PostOkAsync($"api/calls/{id}/transcript", new { segments = new[] { Segment("seg-1", "agent", "Hi Maria, this is Ava.", 0), Segment("seg-2", "callee", "Hel", 1500, final: false) } });
        // The interim segment is replaced by its final text; a later attempt to change a final segment is ignored.
        await worker.PostOkAsync($"api/calls/{id}/transcript", new { segments = new[] { Segment("seg-2", "callee", "Hello, who is this?", 1500) } });
        await worker.PostOkAsync($"api/calls/{id}/transcript", new { segments = new[] { Segment("seg-2", "callee", "rewritten", 1500), Segment("seg-1", "agent", "rewritten", 0) } });

        var usage = new
        {
            id = "usage-1",
            items = new object[]
            {
                new { kind = "stt", provider = "deepgram", model = "nova-3", audioMs = 42_000 },
                new { kind = "llm", provider = "openai", model = "gpt-4o-mini", inputTokens = 1200, outputTokens = 300 },
            },
        };
        await worker.PostOkAsync($"api/calls/{id}/usage", usage);
        await worker.PostOkAsync($"api/calls/{id}/usage", usage);
        await worker.PostOkAsync($"api/calls/{id}/usage", new { id = "usage-2", items = new object[] { new { kind = "stt", provider = "deepgram", model = "nova-3", audioMs = 8_000 } } });

        var outcome = new { sequence = 1, disposition = "qualified", tags = new[] { "warm" }, fields = new Dictionary<string, string> { ["budget"] = "5000" }, summary = "Wants a consultation." };
        await worker.PostOkAsync($"api/calls/{id}/outcome", outcome);
        await worker.PostOkAsync($"api/calls/{id}/outcome", outcome);
        // Same sequence, other content: a conflict, not a silent overwrite; an older sequence is ignored.
        await (await worker.PostAsJsonAsync($"api/calls/{id}/outcome", outcome with { summary = "Changed." })).AssertProblemAsync(HttpStatusCode.Conflict);
        await worker.PostOkAsync($"api/calls/{id}/outcome", new { sequence = 0, disposition = "not-interested" });
        // A call has no revision a client could send back in If-Match, so its answers carry no ETag (not a constant one).
        var report = await worker.PostAsJsonAsync($"api/calls/{id}/outcome", new { sequence = 0, disposition = "not-interested" });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Null(report.Headers.ETag);
        var ended = await worker.PostOkAsync($"api/calls/{id}/end", null);
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());

        var view = await GetAsync(tenant, id);
        Assert.Equal("human", view.GetProperty("answeredBy").GetString());
        Assert.Equal("qualified", view.GetProperty("outcome").GetProperty("disposition").GetString());
        Assert.Equal("Wants a consultation.", view.GetProperty("outcome").GetProperty("summary").GetString());
        var stt = view.GetProperty("usage").EnumerateArray().Single(u => u.GetProperty("kind").GetString() == "stt");
        Assert.Equal(50_000, stt.GetProperty("audioMs").GetInt64());
        var llm = view.GetProperty("usage").EnumerateArray().Single(u => u.GetProperty("kind").GetString() == "llm");
        Assert.Equal(1200, llm.GetProperty("inputTokens").GetInt64());

        var transcript = (await (await tenant.Admin.GetAsync($"api/calls/{id}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["seg-1", "seg-2"], transcript.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["Hi Maria, this is Ava.", "Hello, who is this?"], transcript.Select(s => s.GetProperty("text").GetString()));
        Assert.All(transcript, s => Assert.True(s.GetProperty("final").GetBoolean()));

        var events = (await (await tenant.Admin.GetAsync($"api/calls/{id}/events")).ReadJsonAsync()).EnumerateArray().ToList();
        var keys = events.Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Contains("dialing", keys);
        Assert.Contains("answered", keys);
        Assert.Contains("answered-by", keys);
        Assert.Contains("usage:usage-1", keys);
        Assert.Contains("usage:usage-2", keys);
        Assert.Contains("outcome:1", keys);
        Assert.DoesNotContain("outcome:0", keys);
        Assert.Contains("end-requested", keys);
        Assert.Contains("ended", keys);
        Assert.True(keys.IndexOf("dialing") < keys.IndexOf("answered") && keys.IndexOf("answered") < keys.IndexOf("ended"));
    }

    [Fact]
    public async Task AnAnsweringMachineMakesTheCallEndAsVoicemail()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await AnsweredCallAsync(tenant);
        using var worker = await host.WorkerAsync(call);
        await worker.PostOkAsync($"api/calls/{Id(call)}/answered-by", new { answeredBy = "machine" });
        await (await worker.PostAsJsonAsync($"api/calls/{Id(call)}/answered-by", new { answeredBy = "human" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await worker.PostOkAsync($"api/calls/{Id(call)}/transcript", new { segments = new[] { Segment("vm-1", "agent", "Hi Maria, please call us back.", 0) } });
        var ended = await worker.PostOkAsync($"api/calls/{Id(call)}/end", null);
        Assert.Equal("voicemail", ended.GetProperty("endReason").GetString());
        Assert.Equal("machine", (await GetAsync(tenant, Id(call))).GetProperty("answeredBy").GetString());
    }

    [Fact]
    public async Task TheWorkerHearingAHumanAnswersACallStillRinging()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        using var worker = await host.WorkerAsync(call);
        var answered = await worker.PostOkAsync($"api/calls/{Id(call)}/answered-by", new { answeredBy = "human" });
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
    }

    [Fact]
    public async Task ACallCredentialReachesItsOwnCallOnlyAndForgedOnesAreRefused()
    {
        var tenant = await TenantWithCallerIdAsync();
        var first = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        var second = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        var credential = await host.WorkerCredentialAsync(first);
        using var worker = host.WithKey(credential);
        var body = new { segments = new[] { Segment("s-1", "agent", "Hello", 0) } };

        await worker.PostOkAsync($"api/calls/{Id(first)}/transcript", body);
        await (await worker.PostAsJsonAsync($"api/calls/{Id(second)}/transcript", body)).AssertProblemAsync(HttpStatusCode.NotFound);
        // A call credential is for reporting, not for reading or hanging up through the tenant API.
        await (await worker.GetAsync($"api/calls/{Id(first)}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await worker.PostAsync($"api/calls/{Id(first)}/hangup", null)).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var forged = host.WithKey(credential[..^4] + "aaaa");
        await (await forged.PostAsJsonAsync($"api/calls/{Id(first)}/transcript", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var malformed = host.WithKey("vpc.nonsense");
        await (await malformed.PostAsJsonAsync($"api/calls/{Id(first)}/transcript", body)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // An agent-worker key reports on any call of its own tenant; a supervisor key may not report at all.
        using var workerKey = host.WithKey(await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker"));
        await workerKey.PostOkAsync($"api/calls/{Id(second)}/transcript", body);
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "wallboard", "supervisor"));
        await (await supervisor.PostAsJsonAsync($"api/calls/{Id(second)}/transcript", body)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var transcript = (await (await tenant.Admin.GetAsync($"api/calls/{Id(second)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Single(transcript);
        await tenant.Admin.PostAsync($"api/calls/{Id(first)}/hangup", null);
        await tenant.Admin.PostAsync($"api/calls/{Id(second)}/hangup", null);
    }

    [Fact]
    public async Task AnotherTenantReachesNoCallRoute()
    {
        var owner = await TenantWithCallerIdAsync();
        var call = await AnsweredCallAsync(owner);
        var ownerCredential = await host.WorkerCredentialAsync(call);
        var other = await host.CreateTenantAsync("Other");
        using var stranger = host.WithKey(other.AdminKey);
        using var strangerWorker = host.WithKey(await host.IssueKeyAsync(other.Id, "worker", "agent-worker"));
        var id = Id(call);

        foreach (var path in new[] { $"api/calls/{id}", $"api/calls/{id}/transcript", $"api/calls/{id}/events" })
            await (await stranger.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        var posts = new (string Path, object Body)[]
        {
            ($"api/calls/{id}/transcript", new { segments = new[] { Segment("x", "agent", "x", 0) } }),
            ($"api/calls/{id}/usage", new { id = "u", items = new object[] { new { kind = "tts", provider = "p", model = "m", characters = 5 } } }),
            ($"api/calls/{id}/answered-by", new { answeredBy = "machine" }),
            ($"api/calls/{id}/outcome", new { sequence = 1, disposition = "do-not-call" }),
            ($"api/calls/{id}/transfer", new { to = "+15125550142" }),
            ($"api/calls/{id}/end", null!),
        };
        foreach (var (path, body) in posts)
            await (await (body is null ? strangerWorker.PostAsync(path, null) : strangerWorker.PostAsJsonAsync(path, body))).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await stranger.GetAsync("api/calls")).ReadJsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("callId").GetString() == id);

        // The owner's call did not move, and its credential names the owner's tenant, so it cannot be re-aimed.
        var unchanged = await GetAsync(owner, id);
        Assert.Equal("answered", unchanged.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("answeredBy").ValueKind);
        Assert.Contains(owner.Id, ownerCredential);
        await owner.Admin.PostAsync($"api/calls/{id}/hangup", null);
    }

    [Fact]
    public async Task InvalidReportsNameTheFieldAndStoreNothing()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await AnsweredCallAsync(tenant);
        using var worker = await host.WorkerAsync(call);
        var id = Id(call);

        async Task AssertFieldAsync(string path, object body, string field)
        {
            var problem = await (await worker.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        await AssertFieldAsync($"api/calls/{id}/transcript", new { segments = new object[] { Segment("ok", "agent", "fine", 0), new { id = "bad", speaker = "agent", startMs = 0, endMs = 10 } } }, "segments[1].text");
        await AssertFieldAsync($"api/calls/{id}/transcript", new { segments = new[] { new { id = "late", speaker = "agent", text = "x", startMs = 500, endMs = 100 } } }, "segments[0].endMs");
        await AssertFieldAsync($"api/calls/{id}/transcript", new { segments = new[] { new { id = "who", speaker = "robot", text = "x", startMs = 0, endMs = 1 } } }, "segments[0].speaker");
        await AssertFieldAsync($"api/calls/{id}/usage", new { id = "u1", items = new object[] { new { kind = "stt", provider = "deepgram", model = "nova-3", inputTokens = 5 } } }, "items[0].inputTokens");
        await AssertFieldAsync($"api/calls/{id}/usage", new { id = "u 1", items = new object[] { new { kind = "tts", provider = "p", model = "m", characters = 1 } } }, "id");
        await AssertFieldAsync($"api/calls/{id}/outcome", new { sequence = 1, disposition = "callback-requested" }, "callbackAt");
        await AssertFieldAsync($"api/calls/{id}/answered-by", new { }, "answeredBy");
        await AssertFieldAsync($"api/calls/{id}/transfer", new { to = "555" }, "to");

        Assert.Empty((await (await tenant.Admin.GetAsync($"api/calls/{id}/transcript")).ReadJsonAsync()).EnumerateArray());
        var view = await GetAsync(tenant, id);
        Assert.Empty(view.GetProperty("usage").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("outcome").ValueKind);
        await tenant.Admin.PostAsync($"api/calls/{id}/hangup", null);
    }

    [Fact]
    public async Task ATransferHandsTheCalleeOverOnceAndTheCallCompletes()
    {
        var tenant = await TenantWithCallerIdAsync();
        var ringing = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        using var early = await host.WorkerAsync(ringing);
        await (await early.PostAsJsonAsync($"api/calls/{Id(ringing)}/transfer", new { to = "+15125550142" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await tenant.Admin.PostAsync($"api/calls/{Id(ringing)}/hangup", null);

        var call = await AnsweredCallAsync(tenant);
        using var worker = await host.WorkerAsync(call);
        await worker.PostOkAsync($"api/calls/{Id(call)}/transfer", new { to = "+15125550142" }, HttpStatusCode.Accepted);
        await worker.PostOkAsync($"api/calls/{Id(call)}/transfer", new { to = "+15125550142" }, HttpStatusCode.Accepted);
        await (await worker.PostAsJsonAsync($"api/calls/{Id(call)}/transfer", new { to = "+15125550143" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        Assert.Equal("+15125550142", ended.GetProperty("transferredTo").GetString());
        await WaitUntilAsync(async () =>
        {
            var events = await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/events")).ReadJsonAsync();
            return events.EnumerateArray().Any(e => e.GetProperty("key").GetString() == "transfer:done");
        });
    }

    [Fact]
    public async Task ADoNotCallOutcomeListsTheNumberAtOnceAndOnce()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await AnsweredCallAsync(tenant);
        using var worker = await host.WorkerAsync(call);
        var outcome = new { sequence = 1, disposition = "do-not-call", summary = "Asked never to be called again." };
        await worker.PostOkAsync($"api/calls/{Id(call)}/outcome", outcome);
        await worker.PostOkAsync($"api/calls/{Id(call)}/outcome", outcome);

        var listed = await tenant.Admin.GetAsync("api/do-not-call/" + Uri.EscapeDataString(CallsApiFixture.Answers));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var entry = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("call-outcome", Id(call), "platform"), (entry.GetProperty("source").GetString(), entry.GetProperty("callId").GetString(), entry.GetProperty("addedBy").GetString()));
        var page = await tenant.Admin.GetFromJsonAsync<JsonElement>("api/do-not-call");
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }
}
