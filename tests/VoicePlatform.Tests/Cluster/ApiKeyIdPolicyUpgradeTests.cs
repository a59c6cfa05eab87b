using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.ApiKeys;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Keys issued before key ids carried the platform's tag keep working: when the key-id policy is first made, every key
/// that exists then is listed. Simulated by removing the policy's row, so a new tag key is made and the old key's tag
/// no longer verifies.
/// </summary>
public sealed class ApiKeyIdPolicyUpgradeTests
{
    [Fact]
    public async Task AKeyIssuedBeforeThePolicyKeepsWorkingAndMadeUpIdsAreStillRefused()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("keypolicy");
        string oldKey;
        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "keypolicy-svc");
        var api = await ClusterApiHost.StartAsync(connectionString, first);
        try
        {
            using var op = Client(api, ApiHostFixture.OperatorKey);
            var tenant = (await (await op.PostAsJsonAsync("api/operator/tenants", new { name = "Early adopter" })).ReadJsonAsync()).GetProperty("id").GetString();
            oldKey = (await (await op.PostAsJsonAsync($"api/operator/tenants/{tenant}/api-keys", new { name = "old", role = "tenant-admin" })).ReadJsonAsync())
                .GetProperty("key").GetString()!;
            using var early = Client(api, oldKey);
            Assert.Equal(HttpStatusCode.OK, (await early.GetAsync("api/tenant")).StatusCode);
        }
        finally
        {
            await StopAsync(api, first);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM orleans_grain_state WHERE grain_type_string = 'api-key-id-policy'", connection);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "keypolicy-svc");
        api = await ClusterApiHost.StartAsync(connectionString, second);
        try
        {
            using var early = Client(api, oldKey);
            var me = await (await early.GetAsync("api/tenant")).ReadJsonAsync();
            Assert.Equal("Early adopter", me.GetProperty("name").GetString());
            var newKey = (await (await early.PostAsJsonAsync("api/api-keys", new { name = "new", role = "supervisor" })).ReadJsonAsync()).GetProperty("key").GetString()!;
            using var later = Client(api, newKey);
            Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("api/tenant")).StatusCode);
            using var madeUp = Client(api, ApiKeyToken.New().ToString());
            await (await madeUp.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await StopAsync(api, second);
        }
    }

    private static HttpClient Client(WebApplication app, string key)
    {
        var client = new HttpClient { BaseAddress = ClusterApiHost.BaseAddress(app) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task StopAsync(WebApplication app, PostgresTestCluster cluster)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await cluster.StopAsync();
    }
}
