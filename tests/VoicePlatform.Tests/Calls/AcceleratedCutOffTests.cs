using VoicePlatform.Pricing;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>The money runs out in emulated time: LiveKit ends the call at the limit the wallet set, even with no one watching.</summary>
[Collection(AcceleratedMeteringCollection.Name)]
public sealed class AcceleratedCutOffTests(AcceleratedMeteringFixture host)
{
    [Fact]
    public async Task LiveKitCutsTheCallOffAtTheLimitTheWalletSetAndTheBalanceStaysAtOrAboveZero()
    {
        // $6 a minute: 200 cents pay for 20 emulated seconds, one real second at 20x.
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 200);
        await host.Grains().GetTenantPricing(TenantId.Parse(tenant.Id)).SetOverridesAsync(new PricingOverrides { PlatformPerMinuteMicros = 6_000_000 }, null, "test");

        var call = await PlaceAsync(tenant, AcceleratedMeteringFixture.EndlessCall);
        // Nobody hangs up and the platform's own meter (five-second blocks, in real time) never gets its turn: the call
        // ends because LiveKit reached the limit the wallet set. (The reason reads "completed" here, not
        // "insufficient-funds": the platform recognises LiveKit's cut-off by the connected time, and at 20x one real
        // second is twenty emulated ones — against real LiveKit, and in MeteredCallTests at 1x, it is insufficient-funds.)
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.NotNull(ended.GetProperty("answeredAt").GetString());
        Assert.Equal("CLIENT_INITIATED", ended.GetProperty("disconnectReason").GetString());
        var dial = Assert.Single(host.DialsOf(ended));
        Assert.InRange(dial.MaxCallDuration!.Value.TotalSeconds, 15, 20);
        var connected = DateTimeOffset.Parse(ended.GetProperty("endedAt").GetString()!) - DateTimeOffset.Parse(ended.GetProperty("answeredAt").GetString()!);
        Assert.True(connected < TimeSpan.FromSeconds(5), $"LiveKit ended it after {connected}, before the first block boundary");

        JsonElementWaiter cost = new(tenant, call);
        var settled = await cost.SettledAsync();
        var wallet = await (await tenant.Admin.GetAsync("api/wallet")).ReadJsonAsync();
        Assert.InRange(wallet.GetProperty("balance").GetInt64(), 0, 200);
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
        Assert.Equal(200 - wallet.GetProperty("balance").GetInt64() + settled.GetProperty("shortfall").GetInt64(), settled.GetProperty("cost").GetProperty("total").GetInt64());
    }

    private sealed class JsonElementWaiter(CallTenant tenant, System.Text.Json.JsonElement call)
    {
        public async Task<System.Text.Json.JsonElement> SettledAsync()
        {
            System.Text.Json.JsonElement latest = default;
            await WaitUntilAsync(async () => (latest = await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/cost")).ReadJsonAsync()).GetProperty("settled").GetBoolean(),
                () => latest.ToString());
            return latest;
        }
    }
}
