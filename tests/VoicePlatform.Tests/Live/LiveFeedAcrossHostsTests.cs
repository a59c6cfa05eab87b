using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// The live feed as it runs in production: API hosts that are cluster clients of silos on PostgreSQL. Two hosts each
/// bridge the tenant's stream and both deliver; when the only silo dies and another starts, each host finds the
/// cluster again, subscribes its streams anew and tells its supervisors to resync, and events flow again.
/// </summary>
public sealed class LiveFeedAcrossHostsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoApiHostsBothDeliverAndEachResubscribesAfterItsClusterConnectionComesBack()
    {
        Progress("start");
        var connectionString = await PostgresServer.CreateDatabaseAsync("livefeed");
        Progress("database");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "livefeed-svc", silos: 1);
        Progress("cluster");
        string[] fastGateways = ["--Cluster:GatewayListRefreshPeriod", "00:00:01"];
        var hostA = await ClusterApiHost.StartAsync(connectionString, cluster, fastGateways);
        Progress("host A");
        var hostB = await ClusterApiHost.StartAsync(connectionString, cluster, fastGateways);
        Progress("host B");
        try
        {
            var baseA = ClusterApiHost.BaseAddress(hostA);
            var baseB = ClusterApiHost.BaseAddress(hostB);
            using var op = Client(baseA, ApiHostFixture.OperatorKey);
            var tenantId = (await (await op.PostAsJsonAsync("api/operator/tenants", new { name = "Floor" })).ReadJsonAsync()).GetProperty("id").GetString()!;
            var key = (await (await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "floor", role = "supervisor" })).ReadJsonAsync())
                .GetProperty("key").GetString()!;

            await using var onA = await LiveHubClient.ConnectAsync(baseA, key);
            await using var onB = await LiveHubClient.ConnectAsync(baseB, key);
            var feedA = Feed(onA);
            var feedB = Feed(onB);
            await onA.InvokeAsync<JsonElement>("SubscribeTenant");
            await onB.InvokeAsync<JsonElement>("SubscribeTenant");

            Progress("subscribed on both hosts");
            await TopUpAsync(op, tenantId, 500);
            await WalletReachesAsync(feedA, 500);
            await WalletReachesAsync(feedB, 500);

            Progress("both delivered the first top-up");
            // The only silo dies without a goodbye and another takes its place.
            await cluster.KillSiloAsync(cluster.Silos[0]);
            await cluster.Cluster.StartAdditionalSiloAsync();

            Progress("silo replaced");
            // Each host found the cluster again and told its supervisors to take a fresh snapshot.
            await ResyncAsync(feedA);
            await ResyncAsync(feedB);
            Progress("both told to resync");
            var snapshot = await onA.InvokeAsync<JsonElement>("SubscribeTenant");
            Assert.Equal(500, snapshot.GetProperty("wallet").GetProperty("balance").GetInt64());
            await onB.InvokeAsync<JsonElement>("SubscribeTenant");

            Progress("subscribed again");
            await TopUpAsync(Client(baseB, ApiHostFixture.OperatorKey), tenantId, 250);
            await WalletReachesAsync(feedA, 750);
            await WalletReachesAsync(feedB, 750);
        }
        finally
        {
            await hostA.StopAsync();
            await hostB.StopAsync();
            await hostA.DisposeAsync();
            await hostB.DisposeAsync();
        }
    }

    /// <summary>Where the test is, with the time: a failure shows how far it got and how long each step took.</summary>
    private void Progress(string step) => output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {step}");

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Everything the hub sends this connection: events, and resync notices as ("resync", reason).</summary>
    private static Channel<(string Method, JsonElement Message)> Feed(HubConnection connection)
    {
        var feed = Channel.CreateUnbounded<(string, JsonElement)>();
        connection.On<JsonElement>("event", e => feed.Writer.TryWrite(("event", e)));
        connection.On<JsonElement>("resync", e => feed.Writer.TryWrite(("resync", e)));
        return feed;
    }

    /// <summary>A top-up through the operator API, retried with the same Idempotency-Key while the cluster settles.</summary>
    private static async Task TopUpAsync(HttpClient op, string tenantId, long amount)
    {
        var idempotencyKey = $"top-up-{Guid.NewGuid():N}";
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenantId}/wallet/credits") { Content = JsonContent.Create(new { kind = "top-up", amount }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            var response = await op.SendAsync(request, patience.Token);
            if (response.IsSuccessStatusCode) return;
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(100, patience.Token);
        }
    }

    private static async Task WalletReachesAsync(Channel<(string Method, JsonElement Message)> feed, long balance)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var (method, message) = await feed.Reader.ReadAsync(patience.Token);
            if (method == "event" && message.GetProperty("type").GetString() == "wallet.updated"
                && message.GetProperty("payload").GetProperty("wallet").GetProperty("balance").GetInt64() == balance) return;
        }
    }

    private static async Task ResyncAsync(Channel<(string Method, JsonElement Message)> feed)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await feed.Reader.ReadAsync(patience.Token)).Method != "resync") { }
    }
}
