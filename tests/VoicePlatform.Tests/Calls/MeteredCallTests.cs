using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>Calls paid for from the wallet over real HTTP: reserved before dialling, metered, cut off, settled once.</summary>
[Collection(MeteredCallsCollection.Name)]
public sealed class MeteredCallTests(MeteredCallsFixture host)
{
    private static async Task<JsonElement> WalletAsync(CallTenant tenant) => await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync();

    private static async Task<List<JsonElement>> LedgerAsync(CallTenant tenant, string reference)
    {
        var page = await (await tenant.Admin.GetAsync("api/wallet/ledger?limit=200")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("reference").GetString() == reference).ToList();
    }

    private static Task<JsonElement> SettledAsync(CallTenant tenant, JsonElement call) =>
        WaitForCostAsync(tenant, call, c => c.GetProperty("settled").GetBoolean());

    private static async Task<JsonElement> WaitForCostAsync(CallTenant tenant, JsonElement call, Func<JsonElement, bool> condition)
    {
        JsonElement latest = default;
        await WaitUntilAsync(async () => condition(latest = await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/cost")).ReadJsonAsync()), () => latest.ToString());
        return latest;
    }

    [Fact]
    public async Task ACompletedCallIsChargedExactlyItsItemisedCost()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        // A cent a second, so a three-second call costs whole cents (the default book prices it below one).
        await host.Grains().GetTenantPricing(TenantId.Parse(tenant.Id)).SetOverridesAsync(new PricingOverrides { PlatformPerMinuteMicros = 600_000 }, null, "test");
        var call = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());

        var cost = await SettledAsync(tenant, call);
        var total = cost.GetProperty("cost").GetProperty("total").GetInt64();
        var components = cost.GetProperty("cost").GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["telephony", "platform", "stt", "llm-input", "llm-output", "tts"], components.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(total, components.Sum(c => c.GetProperty("amount").GetInt64()));
        // No worker reported usage here, so every AI line is estimated from the duration, and says so.
        Assert.All(components.Skip(2), c => Assert.True(c.GetProperty("estimated").GetBoolean()));
        Assert.True(cost.GetProperty("billedSeconds").GetInt64() >= 2, cost.ToString());
        Assert.True(total > 0);

        var wallet = await WalletAsync(tenant);
        Assert.Equal(OpeningBalance - total, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
        var entries = await LedgerAsync(tenant, Id(call));
        var kinds = entries.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("reserve", kinds);
        Assert.Contains("settle", kinds);
        Assert.Equal(1, kinds.Count(k => k == "settle"));
        Assert.True(kinds.Count(k => k == "debit") >= 1, string.Join(",", kinds));
        // The money that left the balance for this call is exactly the call's price (refunds included).
        Assert.Equal(-total, entries.Sum(e => e.GetProperty("balanceChange").GetInt64()));
    }

    [Fact]
    public async Task WithoutMoneyACallIsNotPlacedAndEndsInsufficientFunds()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        var call = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("insufficient-funds", ended.GetProperty("endReason").GetString());
        Assert.Empty(host.DialsOf(ended));
        var cost = await SettledAsync(tenant, call);
        Assert.Equal(0, cost.GetProperty("cost").GetProperty("total").GetInt64());
        var wallet = await WalletAsync(tenant);
        Assert.Equal(0, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
    }

    [Fact]
    public async Task ACallIsCutOffWhenTheMoneyRunsOutAndTheBalanceStaysAtOrAboveZero()
    {
        // Ten cents a second in platform fee: 60 cents pay for about six seconds.
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 60);
        var overrides = await host.Grains().GetTenantPricing(TenantId.Parse(tenant.Id))
            .SetOverridesAsync(new PricingOverrides { PlatformPerMinuteMicros = 6_000_000 }, null, "test");
        Assert.NotNull(overrides.Value);

        var call = await PlaceAsync(tenant, MeteredCallsFixture.EndlessCall);
        var dial = Assert.Single(await WaitForDialAsync(call));
        // LiveKit itself was told to stop when the wallet would be empty, in case the whole cluster goes down.
        Assert.InRange(dial.MaxCallDuration!.Value.TotalSeconds, 1, 7);

        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("insufficient-funds", ended.GetProperty("endReason").GetString());
        Assert.NotNull(ended.GetProperty("answeredAt").GetString());
        var cost = await SettledAsync(tenant, call);
        var wallet = await WalletAsync(tenant);
        Assert.InRange(wallet.GetProperty("balance").GetInt64(), 0, 60);
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
        Assert.Equal(60 - wallet.GetProperty("balance").GetInt64() + cost.GetProperty("shortfall").GetInt64(), cost.GetProperty("cost").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ACallIsPricedWithThePriceBookVersionInForceWhenItWasDialled()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var quotedVersion = (await WaitForCostAsync(tenant, call, c => c.GetProperty("cost").ValueKind == JsonValueKind.Object))
            .GetProperty("cost").GetProperty("priceBookVersion").GetInt32();

        // A new version (every rate doubled) published while the call runs must not touch it.
        var book = host.Grains().GetPriceBook(DefaultPriceBook.Currency);
        var current = (await book.GetCurrentAsync())!;
        var doubled = current.Rates with
        {
            TelephonyOutboundPerMinuteMicros = current.Rates.TelephonyOutboundPerMinuteMicros * 2,
            PlatformPerMinuteMicros = current.Rates.PlatformPerMinuteMicros * 2,
        };
        var published = await book.PublishAsync(new PublishPriceBook { Rates = doubled, PublishedBy = "test" });
        Assert.True(published.Value!.Version > quotedVersion);

        var cost = await SettledAsync(tenant, call);
        Assert.Equal(quotedVersion, cost.GetProperty("cost").GetProperty("priceBookVersion").GetInt32());
        var platform = cost.GetProperty("cost").GetProperty("components").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "platform");
        Assert.Equal(current.Rates.PlatformPerMinuteMicros, platform.GetProperty("rateMicros").GetInt64());

        // A call placed now gets the new version.
        var later = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var laterCost = await SettledAsync(tenant, later);
        Assert.Equal(published.Value.Version, laterCost.GetProperty("cost").GetProperty("priceBookVersion").GetInt32());
    }

    [Fact]
    public async Task AnotherTenantCannotReadACallsCost()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var other = await host.CreateTenantAsync("Other");
        using var stranger = host.WithKey(other.AdminKey);
        await (await stranger.GetAsync($"api/calls/{Id(call)}/cost")).AssertProblemAsync(HttpStatusCode.NotFound);
        await SettledAsync(tenant, call);
    }

    [Fact]
    public async Task UsageAddsUpTheSettledCallsPerAgentAndDay()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        await host.Grains().GetTenantPricing(TenantId.Parse(tenant.Id)).SetOverridesAsync(new PricingOverrides { PlatformPerMinuteMicros = 600_000 }, null, "test");
        var first = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var second = await PlaceAsync(tenant, MeteredCallsFixture.ShortCall);
        var costs = new[] { await SettledAsync(tenant, first), await SettledAsync(tenant, second) };

        var byAgent = Assert.Single((await (await tenant.Admin.GetAsync("api/usage?groupBy=agent")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(tenant.AgentId, byAgent.GetProperty("key").GetString());
        Assert.Equal(2, byAgent.GetProperty("calls").GetInt64());
        Assert.Equal(2, byAgent.GetProperty("connectedCalls").GetInt64());
        Assert.Equal(costs.Sum(c => c.GetProperty("cost").GetProperty("total").GetInt64()), byAgent.GetProperty("cost").GetInt64());
        Assert.Equal(costs.Sum(c => c.GetProperty("billedSeconds").GetInt64()), byAgent.GetProperty("billedSeconds").GetInt64());
        Assert.Equal("USD", byAgent.GetProperty("currency").GetString());
        var byDay = Assert.Single((await (await tenant.Admin.GetAsync("api/usage?groupBy=day")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(byAgent.GetProperty("cost").GetInt64(), byDay.GetProperty("cost").GetInt64());

        var other = await host.CreateTenantAsync("Other");
        using var stranger = host.WithKey(other.AdminKey);
        Assert.Empty((await (await stranger.GetAsync("api/usage?groupBy=agent")).ReadJsonAsync()).EnumerateArray());
        foreach (var (query, field) in new[] { ("", "groupBy"), ("?groupBy=week", "groupBy"), ("?groupBy=day&from=soon", "from") })
        {
            var problem = await (await tenant.Admin.GetAsync($"api/usage{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    private async Task<IReadOnlyList<VoicePlatform.LiveKitEmulator.Sip.SipCallRequest>> WaitForDialAsync(JsonElement call)
    {
        IReadOnlyList<VoicePlatform.LiveKitEmulator.Sip.SipCallRequest> dials = [];
        await WaitUntilAsync(() => Task.FromResult((dials = host.DialsOf(call).ToList()).Count > 0));
        return dials;
    }
}
