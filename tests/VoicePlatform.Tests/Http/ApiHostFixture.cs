using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Http;

/// <summary>
/// The real ApiHost in all-in-one mode (in-process silo, in-memory providers) listening on a loopback
/// port; tests talk to it over real HTTP.
/// </summary>
public class ApiHostFixture : IAsyncLifetime
{
    public const string OperatorKey = "vpo_test_operator_key_0123456789abcdefghij";

    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>More command-line settings for a fixture that needs its own host (e.g. <c>--LiveKitEmulator:…</c>).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Services a fixture adds to the host before it is built (an in-memory span exporter, for one).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        App = ApiHostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--Cluster:SiloPort", FreePorts.Next().ToString(),
            "--Cluster:GatewayPort", FreePorts.Next().ToString(),
            "--LiveKitEmulator:Port", FreePorts.Next().ToString(),
            "--Operator:ApiKey", OperatorKey,
            "--Logging:LogLevel:Default", "Warning",
            // The embedded emulator's scripted agent worker would report on and hang up answered calls; these hosts
            // assert exact call states, so it stays off unless a fixture turns it on in ExtraArguments.
            "--LiveKitEmulator:AgentWorker:Enabled", "false",
            // Hundreds of tests send bad credentials from 127.0.0.1; the failure budgets are tested by a host of their own.
            "--Security:AuthenticationFailures:PerAddressLimit", "1000000",
            "--Security:AuthenticationFailures:PerKeyAndAddressLimit", "1000000",
            // Likewise the per-tenant API limits: tests drive tenants far harder than people do; RateLimitTests has its own host.
            "--RateLimits:Reads:PerSecond", "1000000", "--RateLimits:Reads:Burst", "1000000",
            "--RateLimits:Writes:PerSecond", "1000000", "--RateLimits:Writes:Burst", "1000000",
            "--RateLimits:LeadImports:PerSecond", "1000000", "--RateLimits:LeadImports:Burst", "1000000",
            .. ExtraArguments,
        ], Configure);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Running[BaseAddress] = this;
        // Development mode seeds its demo tenant in the background; let it finish so tests that count tenants see a still world.
        await DemoApiKeyAsync();
    }

    /// <summary>The hosts running now, by base address: test data that must exist on LiveKit is put into each one's emulator.</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<Uri, ApiHostFixture> Running { get; } = new();

    public virtual async Task DisposeAsync()
    {
        Running.TryRemove(BaseAddress, out _);
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient AsOperator() => WithKey(OperatorKey);

    /// <summary>A fresh tenant with a tenant-admin key, made through the operator API.</summary>
    public async Task<TestTenant> CreateTenantAsync(string name = "Tenant")
    {
        using var op = AsOperator();
        var created = await op.PostAsJsonAsync("api/operator/tenants", new { name });
        created.EnsureSuccessStatusCode();
        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>(Json);
        var id = tenant.GetProperty("id").GetString()!;
        var adminKey = await IssueKeyAsync(id, "admin", "tenant-admin");
        return new TestTenant(id, adminKey);
    }

    public async Task<string> IssueKeyAsync(string tenantId, string name, string role)
    {
        using var op = AsOperator();
        var response = await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name, role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("key").GetString()!;
    }

    /// <summary>The demo tenant's key printed by development mode, once the seeder has run.</summary>
    public async Task<string> DemoApiKeyAsync()
    {
        var seeder = App.Services.GetServices<IHostedService>().OfType<DemoTenantSeeder>().Single();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seeder.DemoApiKey is null)
        {
            // The seeder runs just after start-up; poll its in-memory result briefly rather than sleeping blind.
            await Task.Delay(20, timeout.Token);
        }
        return seeder.DemoApiKey;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return options;
    }
}

public sealed record TestTenant(string Id, string AdminKey);

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "api host";
}
