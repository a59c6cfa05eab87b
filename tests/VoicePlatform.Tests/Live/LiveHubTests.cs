using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// The live hub with a real SignalR client over HTTP: a supervisor's key buys a short-lived hub token, the token opens
/// the hub and nothing else, and a subscription gets a snapshot and then the tenant's calls as they happen — and
/// nothing of another tenant, whose call ids are refused exactly like ids that do not exist.
/// </summary>
[Collection(DemoCallsCollection.Name)]
public sealed class LiveHubTests(DemoCallsFixture host)
{
    [Fact]
    public async Task AKeyIsExchangedForAHubTokenThatOpensTheHubAndNothingElse()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var supervisorKey = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        var workerKey = await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker");

        using var supervisor = host.WithKey(supervisorKey);
        var issued = await (await supervisor.PostAsync("api/live/token", null)).ReadJsonAsync();
        var token = issued.GetProperty("token").GetString()!;
        Assert.StartsWith("vph.", token);
        Assert.Equal("/hubs/live", issued.GetProperty("hub").GetString());
        Assert.InRange(issued.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

        using (var worker = host.WithKey(workerKey))
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync("api/live/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().PostAsync("api/live/token", null)).StatusCode);
        // The hub token on a REST route, and the long-lived key in the hub's URL: both refused.
        using (var withHubToken = host.WithKey(token))
            Assert.Equal(HttpStatusCode.Unauthorized, (await withHubToken.GetAsync("api/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().PostAsync($"hubs/live/negotiate?negotiateVersion=1&access_token={supervisorKey}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().PostAsync($"hubs/live/negotiate?negotiateVersion=1&access_token={token[..^2]}xx", null)).StatusCode);

        await using var hub = await ConnectAsync(supervisorKey);
        var snapshot = await hub.InvokeAsync<JsonElement>("SubscribeTenant");
        Assert.Equal(0, snapshot.GetProperty("liveCalls").GetArrayLength());
        Assert.True(snapshot.GetProperty("wallet").GetProperty("balance").GetInt64() > 0);
        // A new tenant's floor: nothing ended in the last 15 minutes, and no rate made up from nothing.
        var floor = snapshot.GetProperty("floor");
        Assert.Equal(0, floor.GetProperty("minutes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, floor.GetProperty("answerRate").ValueKind);
        Assert.Equal(TimeSpan.FromMinutes(15), floor.GetProperty("to").GetDateTimeOffset() - floor.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task ASupervisorSeesItsTenantsCallsLiveAndNothingOfAnotherTenant()
    {
        var tenantA = await host.TenantWithCallerIdAsync();
        var tenantB = await host.TenantWithCallerIdAsync();
        await using var supervisorA = await ConnectAsync(await host.IssueKeyAsync(tenantA.Id, "floor", "supervisor"));
        await using var supervisorB = await ConnectAsync(await host.IssueKeyAsync(tenantB.Id, "floor", "supervisor"));
        var eventsA = Channel.CreateUnbounded<JsonElement>();
        var eventsB = Channel.CreateUnbounded<JsonElement>();
        supervisorA.On<JsonElement>("event", e => eventsA.Writer.TryWrite(e));
        supervisorB.On<JsonElement>("event", e => eventsB.Writer.TryWrite(e));
        await supervisorA.InvokeAsync<JsonElement>("SubscribeTenant");
        await supervisorB.InvokeAsync<JsonElement>("SubscribeTenant");

        var placed = await PlaceAsync(tenantA, DemoCallsFixture.Answers);
        var callId = Id(placed);
        var all = new List<JsonElement>();
        using var patience = new CancellationTokenSource(Patience);
        // The call's end, and the wallet holding the call's first block (its events come at most once a second; the
        // settlement waits for late usage reports, longer than this test).
        while (!all.Any(e => e.GetProperty("type").GetString() == "call.updated" && Status(e) == "ended")
               || !all.Any(e => e.GetProperty("type").GetString() == "wallet.updated" && e.GetProperty("payload").GetProperty("wallet").GetProperty("reserved").GetInt64() > 0))
            all.Add(await eventsA.Reader.ReadAsync(patience.Token));

        var received = all.Where(e => e.GetProperty("sourceId").GetString() == callId).ToList();
        var wallet = all.Where(e => e.GetProperty("sourceId").GetString() == tenantA.Id).ToList();
        Assert.Equal(all.Count, received.Count + wallet.Count);
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long)i), received.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(wallet, e => Assert.Equal("wallet.updated", e.GetProperty("type").GetString()));
        Assert.Equal(wallet.Select(e => e.GetProperty("sequence").GetInt64()).Order(), wallet.Select(e => e.GetProperty("sequence").GetInt64()));
        // Dialing → (ringing) → answered → ended, in that order; ringing only when the poll or a webhook saw it before
        // the answer (a ringing reported after the answer changes nothing and is not published).
        var statuses = received.Where(e => e.GetProperty("type").GetString() == "call.updated").Select(Status).Distinct().ToList();
        string[] lifecycle = ["queued", "dialing", "ringing", "answered", "ended"];
        Assert.Equal(statuses.OrderBy(s => Array.IndexOf(lifecycle, s)), statuses);
        Assert.Equal(["queued", "dialing", "answered", "ended"], statuses.Where(s => s != "ringing"));
        // The transcript, line by line in the order it was spoken.
        var lines = received.Where(e => e.GetProperty("type").GetString() == "call.transcript").Select(e => e.GetProperty("payload").GetProperty("segment")).ToList();
        Assert.True(lines.Count >= 2, $"{lines.Count} transcript lines");
        Assert.All(lines, l => Assert.NotEqual("", l.GetProperty("text").GetString()));
        Assert.Equal(lines.Select(l => l.GetProperty("startMs").GetInt64()).Order(), lines.Select(l => l.GetProperty("startMs").GetInt64()));

        // The call itself: its snapshot for A; for B, A's call is refused word for word like a call that does not exist.
        var callSnapshot = await supervisorA.InvokeAsync<JsonElement>("SubscribeCall", callId);
        Assert.Equal(callId, callSnapshot.GetProperty("call").GetProperty("id").GetString());
        Assert.NotEqual(0, callSnapshot.GetProperty("transcript").GetArrayLength());
        var refused = await Assert.ThrowsAsync<HubException>(() => supervisorB.InvokeAsync<JsonElement>("SubscribeCall", callId));
        var missing = await Assert.ThrowsAsync<HubException>(() => supervisorB.InvokeAsync<JsonElement>("SubscribeCall", "cal_doesnotexist00000000"));
        Assert.Equal(missing.Message, refused.Message);
        // A's floor now counts the ended call (from the call records, which trail the event by a group commit).
        JsonElement floor = default;
        await WaitUntilAsync(async () => (floor = (await supervisorA.InvokeAsync<JsonElement>("SubscribeTenant")).GetProperty("floor"))
            .GetProperty("minutes").EnumerateArray().Sum(m => m.GetProperty("ended").GetInt32()) == 1, () => floor.ToString());
        Assert.Equal(1.0, floor.GetProperty("answerRate").GetDouble());
        Assert.True(floor.GetProperty("averageHandleSeconds").GetDouble() > 0);
        Assert.Equal(0, (await supervisorB.InvokeAsync<JsonElement>("SubscribeTenant")).GetProperty("floor").GetProperty("minutes").GetArrayLength());
        // B's floor shows B's own wallet, never A's call or money.
        while (eventsB.Reader.TryRead(out var seen))
            Assert.Equal((tenantB.Id, "wallet.updated"), (seen.GetProperty("tenantId").GetString(), seen.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task AReconnectedSupervisorGetsASnapshotWithWhatHappenedMeanwhileAndThenEveryChange()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var key = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        var first = await ConnectAsync(key);
        var events = Channel.CreateUnbounded<JsonElement>();
        first.On<JsonElement>("event", e => events.Writer.TryWrite(e));
        var before = await first.InvokeAsync<JsonElement>("SubscribeTenant");
        var balance = before.GetProperty("wallet").GetProperty("balance").GetInt64();

        // A call starts while the supervisor watches...
        var placed = await PlaceAsync(tenant, DemoCallsFixture.Answers);
        using (var patience = new CancellationTokenSource(Patience))
            while (!(await events.Reader.ReadAsync(patience.Token) is var e && e.GetProperty("sourceId").GetString() == Id(placed))) { }

        // ...and ends, and money arrives, while the supervisor's page is gone (a closed laptop, a lost network).
        await first.DisposeAsync();
        await WaitForAsync(tenant, placed, c => c.GetProperty("status").GetString() == "ended");
        await WaitUntilAsync(async () => (await (await tenant.Admin.GetAsync($"api/calls/{Id(placed)}/cost")).ReadJsonAsync()).GetProperty("settled").GetBoolean());
        await host.TopUpAsync(tenant.Id, 700);
        var walletNow = (await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync()).GetProperty("balance").GetInt64();
        Assert.NotEqual(balance, walletNow);

        // Back: the snapshot shows what happened meanwhile — no live call, the money as it is now — and changes flow after it.
        await using var again = await ConnectAsync(key);
        var after = Channel.CreateUnbounded<JsonElement>();
        again.On<JsonElement>("event", e => after.Writer.TryWrite(e));
        JsonElement snapshot = default;
        // The call's end reaches the call list through a group commit: the snapshot shows it once written.
        await WaitUntilAsync(async () => (snapshot = await again.InvokeAsync<JsonElement>("SubscribeTenant")).GetProperty("liveCalls").GetArrayLength() == 0,
            () => snapshot.ToString());
        Assert.Equal(walletNow, snapshot.GetProperty("wallet").GetProperty("balance").GetInt64());
        var snapshotBalance = snapshot.GetProperty("wallet").GetProperty("balance").GetInt64();
        await host.TopUpAsync(tenant.Id, 300);
        using var wait = new CancellationTokenSource(Patience);
        JsonElement update;
        do update = await after.Reader.ReadAsync(wait.Token);
        while (update.GetProperty("type").GetString() != "wallet.updated" || update.GetProperty("payload").GetProperty("wallet").GetProperty("balance").GetInt64() != snapshotBalance + 300);
    }

    private static string? Status(JsonElement e) => e.GetProperty("payload").GetProperty("call").GetProperty("status").GetString();

    private Task<HubConnection> ConnectAsync(string key) => LiveHubClient.ConnectAsync(host, key);
}

/// <summary>How the tests connect to the live hub.</summary>
public static class LiveHubClient
{
    /// <summary>A hub connection whose every (re)connect exchanges the key for a fresh hub token, as the wallboard does.</summary>
    public static Task<HubConnection> ConnectAsync(ApiHostFixture host, string key) => ConnectAsync(host.BaseAddress, key);

    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, string key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/live"), o => o.AccessTokenProvider = async () =>
            {
                using var client = new HttpClient { BaseAddress = baseAddress };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                var response = await client.PostAsync("api/live/token", null);
                response.EnsureSuccessStatusCode();
                return (await response.ReadJsonAsync()).GetProperty("token").GetString();
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
