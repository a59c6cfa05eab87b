using System.Net;
using System.Net.Http.Json;
using VoicePlatform.Grains.RateLimits;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Protection;

/// <summary>A host with small per-tenant limits: writes 2 a second in bursts of 4, reads 5 in bursts of 10, one lead import per 10 s.</summary>
public sealed class RateLimitFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--RateLimits:Writes:PerSecond", "2", "--RateLimits:Writes:Burst", "4",
        "--RateLimits:Reads:PerSecond", "5", "--RateLimits:Reads:Burst", "10",
        "--RateLimits:LeadImports:PerSecond", "0.1", "--RateLimits:LeadImports:Burst", "1",
    ];
}

/// <summary>
/// Per-tenant API limits: a tenant over its write limit gets 429 with Retry-After and problem details naming the limit,
/// while its reads, its lead imports and every other tenant go on; after Retry-After it may write again. Two API hosts
/// on one cluster share one limit.
/// </summary>
public sealed class RateLimitTests(RateLimitFixture host) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public void ATokenBucketRefillsAtItsRateUpToItsBurst()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var bucket = new TokenBucket(start);
        Assert.Equal((4, TimeSpan.Zero), bucket.Take(10, 2, 4, start));
        var (none, retry) = bucket.Take(1, 2, 4, start);
        Assert.Equal(0, none);
        Assert.Equal(TimeSpan.FromSeconds(0.5), retry);
        Assert.Equal(1, bucket.Take(5, 2, 4, start.AddSeconds(0.5)).Granted);
        Assert.Equal(4, bucket.Take(5, 2, 4, start.AddMinutes(1)).Granted);
    }

    [Fact]
    public async Task ATenantOverItsWriteLimitGets429WithRetryAfterAndOthersGoOn()
    {
        var tenant = await host.CreateTenantAsync("Busy");
        using var admin = host.WithKey(tenant.AdminKey);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
            answers.Add(await admin.PostAsJsonAsync("api/do-not-call", new { number = $"+1415555{1000 + i}" }));
        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        Assert.InRange(created, 4, 6);
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("writes", problem.GetProperty("limit").GetString());
        Assert.Contains("2 a second", problem.GetProperty("detail").GetString());
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        // A refused write changed nothing: only the accepted numbers are listed.
        var listed = await (await admin.GetAsync("api/do-not-call?limit=50")).ReadJsonAsync();
        Assert.Equal(created, listed.GetProperty("items").GetArrayLength());

        // Reads have their own bucket; another tenant has its own limits.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/tenant")).StatusCode);
        using var other = host.WithKey((await host.CreateTenantAsync("Quiet")).AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("api/do-not-call", new { number = "+14155559999" })).StatusCode);

        // After the time the answer gave, a write goes through again.
        await Task.Delay(retryAfter);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155558888" })).StatusCode);
    }

    [Fact]
    public async Task LeadImportsHaveALimitOfTheirOwn()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        var campaign = await tenant.CreateCampaignAsync();
        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.PostAsJsonAsync($"api/campaigns/{campaign}/leads", new { csv = "phone\n+14155550101\n" })).StatusCode);
        var second = await tenant.Admin.PostAsJsonAsync($"api/campaigns/{campaign}/leads", new { csv = "phone\n+14155550102\n" });
        Assert.Equal("lead-imports", (await second.AssertProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("limit").GetString());
        // Other writes of the same tenant are not held up by it.
        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.PostAsync($"api/campaigns/{campaign}/start", null)).StatusCode);
    }
}

/// <summary>Two API hosts, cluster clients of one silo on PostgreSQL, draw on one tenant bucket.</summary>
public sealed class RateLimitAcrossHostsTests
{
    [Fact]
    public async Task TwoApiHostsShareOneTenantLimit()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("ratelimit");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "ratelimit-svc", silos: 1);
        string[] limits = ["--RateLimits:Writes:PerSecond", "0.5", "--RateLimits:Writes:Burst", "5"];
        var hostA = await ClusterApiHost.StartAsync(connectionString, cluster, limits);
        var hostB = await ClusterApiHost.StartAsync(connectionString, cluster, limits);
        try
        {
            using var op = Client(ClusterApiHost.BaseAddress(hostA), ApiHostFixture.OperatorKey);
            var tenantId = (await (await op.PostAsJsonAsync("api/operator/tenants", new { name = "Shared" })).ReadJsonAsync()).GetProperty("id").GetString()!;
            var key = (await (await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "admin", role = "tenant-admin" })).ReadJsonAsync())
                .GetProperty("key").GetString()!;
            using var onA = Client(ClusterApiHost.BaseAddress(hostA), key);
            using var onB = Client(ClusterApiHost.BaseAddress(hostB), key);

            // Twelve writes, alternating hosts: a limit per host would take ten of them; the tenant's takes its burst of five
            // (one more if a token refilled meanwhile, at one per two seconds).
            var started = DateTime.UtcNow;
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 12; i++)
                statuses.Add((await (i % 2 == 0 ? onA : onB).PostAsJsonAsync("api/do-not-call", new { number = $"+1415555{2000 + i}" })).StatusCode);
            var refills = (int)Math.Floor((DateTime.UtcNow - started).TotalSeconds * 0.5);
            Assert.InRange(statuses.Count(s => s == HttpStatusCode.Created), 5, 5 + refills);
            Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Where((_, i) => i % 2 == 0));
            Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Where((_, i) => i % 2 == 1));
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, s.ToString()));
        }
        finally
        {
            await hostA.StopAsync();
            await hostB.StopAsync();
            await hostA.DisposeAsync();
            await hostB.DisposeAsync();
        }
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
