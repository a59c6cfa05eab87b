using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Two silos on PostgreSQL and an ApiHost client, as the README runs them; one silo is killed (no goodbye) while
/// tenants keep reading and writing through the API. Until the survivor has declared it dead, requests for grains it
/// held can fail inside the cluster: each must answer 200/201, or 503 with Retry-After — never a 500 — and a write
/// answered 503 is repeated with its Idempotency-Key to exactly one result.
/// </summary>
public sealed class ApiDuringSiloDeathTests
{
    private const int Tenants = 12;

    [Fact]
    public async Task RequestsWhileASiloIsDeclaredDeadAnswerSuccessOr503WithRetryAfterAndWritesRepeatSafely()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("apikill");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "apikill-svc", silos: 2);
        var app = await ClusterApiHost.StartAsync(connectionString, cluster, "--Security:AuthenticationFailures:PerAddressLimit", "1000000", "--Security:AuthenticationFailures:PerKeyAndAddressLimit", "1000000");
        try
        {
            using var op = new HttpClient { BaseAddress = ClusterApiHost.BaseAddress(app), Timeout = TimeSpan.FromSeconds(60) };
            op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiHostFixture.OperatorKey);
            var clients = new List<HttpClient>();
            for (var i = 0; i < Tenants; i++)
            {
                var created = await op.PostAsJsonAsync("api/operator/tenants", new { name = $"Kill {i}" });
                var tenantId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
                var issued = await (await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "admin", role = "tenant-admin" }))
                    .Content.ReadFromJsonAsync<JsonElement>();
                var client = new HttpClient { BaseAddress = op.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("key").GetString());
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/tenant")).StatusCode);
                clients.Add(client);
            }

            await cluster.KillSiloAsync(cluster.Silos[1]);

            // Every tenant reads and creates brands (each with its own Idempotency-Key) until a full round succeeds.
            var answers = new ConcurrentBag<(string Request, HttpStatusCode Status, string? RetryAfter, string Body)>();
            var unconfirmed = new ConcurrentBag<(HttpClient Client, string Key)>();
            var round = 0;
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (true)
            {
                round++;
                var results = await Task.WhenAll(clients.Select(async (client, i) =>
                {
                    var read = await client.GetAsync("api/tenant");
                    answers.Add(("GET api/tenant", read.StatusCode, read.Headers.RetryAfter?.ToString(), await read.Content.ReadAsStringAsync()));
                    var key = $"kill-{i}-{round}";
                    using var write = new HttpRequestMessage(HttpMethod.Post, "api/brands") { Content = JsonContent.Create(new { companyName = $"Brand {round}" }) };
                    write.Headers.Add("Idempotency-Key", key);
                    var wrote = await client.SendAsync(write);
                    var body = await wrote.Content.ReadAsStringAsync();
                    answers.Add(("POST api/brands", wrote.StatusCode, wrote.Headers.RetryAfter?.ToString(), body));
                    if (wrote.StatusCode == HttpStatusCode.ServiceUnavailable) unconfirmed.Add((client, key));
                    return read.StatusCode == HttpStatusCode.OK && wrote.StatusCode == HttpStatusCode.Created;
                }));
                if (results.All(ok => ok)) break;
                Assert.False(patience.IsCancellationRequested, "the API recovered after the silo was declared dead");
            }

            foreach (var answer in answers)
            {
                Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
                    $"{answer.Request} answered {(int)answer.Status}: {answer.Body}");
                if (answer.Status != HttpStatusCode.ServiceUnavailable) continue;
                Assert.Equal("2", answer.RetryAfter);
                var problem = JsonDocument.Parse(answer.Body).RootElement;
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                if (answer.Request.StartsWith("POST", StringComparison.Ordinal)) Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString());
            }

            // A write whose outcome was unknown, repeated with its key, answers one brand; repeating again answers the same.
            foreach (var (client, key) in unconfirmed)
            {
                string? first = null;
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    using var repeat = new HttpRequestMessage(HttpMethod.Post, "api/brands") { Content = JsonContent.Create(new { companyName = "Repeated" }) };
                    repeat.Headers.Add("Idempotency-Key", key);
                    var answer = await client.SendAsync(repeat);
                    Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                    var id = answer.IsSuccessStatusCode ? (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
                    first ??= id;
                    Assert.Equal(first, id);
                }
            }
            Console.WriteLine($"silo death: {answers.Count} answers in {round} rounds, {answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} were 503, {unconfirmed.Count} unconfirmed writes repeated");
            foreach (var client in clients) client.Dispose();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await cluster.StopAsync();
        }
    }
}
