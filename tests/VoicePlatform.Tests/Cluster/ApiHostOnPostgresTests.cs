using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

/// <summary>The production shape: two silos on PostgreSQL and an ApiHost that finds their gateways in the membership table.</summary>
public sealed class ApiHostOnPostgresTests
{
    [Fact]
    public async Task AnApiHostClientServesRequestsThroughTwoSilosFoundInPostgres()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("apihost");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "apihost-svc", silos: 2);
        var app = await ClusterApiHost.StartAsync(connectionString, cluster);
        try
        {
            using var op = new HttpClient { BaseAddress = ClusterApiHost.BaseAddress(app) };
            op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiHostFixture.OperatorKey);

            Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("health/ready")).StatusCode);

            var created = await op.PostAsJsonAsync("api/operator/tenants", new { name = "On Postgres" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var tenantId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var issued = await (await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "admin", role = "tenant-admin" }))
                .Content.ReadFromJsonAsync<JsonElement>();

            using var tenant = new HttpClient { BaseAddress = op.BaseAddress };
            tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("key").GetString());
            var me = await tenant.GetFromJsonAsync<JsonElement>("api/tenant");
            Assert.Equal("On Postgres", me.GetProperty("name").GetString());

            // The dashboard is served through the client too, behind the operator credential.
            using var browser = new HttpClient { BaseAddress = op.BaseAddress };
            browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + ApiHostFixture.OperatorKey)));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("dashboard/")).StatusCode);
            var counters = await browser.GetFromJsonAsync<JsonElement>("dashboard/DashboardCounters");
            Assert.Equal(2, counters.GetProperty("totalActiveHostCount").GetInt32());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await cluster.StopAsync();
        }
    }
}
