using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Wallets;

/// <summary>The wallet over real HTTP: the operator credits, tenants read, nobody else adds money, bad input changes nothing.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class WalletApiTests(ApiHostFixture host)
{
    private static HttpRequestMessage Credit(string tenantId, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenantId}/wallet/credits") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<JsonElement> WalletAsync(HttpClient client, string path = "api/wallet")
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task TheOperatorCreditsOnceAndTheTenantSeesItsWalletAndLedger()
    {
        var tenant = await host.CreateTenantAsync("Wallet Co");
        using var op = host.AsOperator();
        var key = Guid.NewGuid().ToString();

        var first = await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 5_000, note = "Invoice 2026-118" }, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await first.ReadJsonAsync();
        var creditId = receipt.GetProperty("creditId").GetString()!;
        Assert.StartsWith("crd_", creditId);
        Assert.Equal((5_000, 5_000, 0, 5_000), (receipt.GetProperty("amount").GetInt64(), receipt.GetProperty("balance").GetInt64(),
            receipt.GetProperty("reserved").GetInt64(), receipt.GetProperty("available").GetInt64()));

        // The retry with the same key answers the same credit and adds nothing.
        var retry = await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 5_000, note = "Invoice 2026-118" }, key));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(creditId, (await retry.ReadJsonAsync()).GetProperty("creditId").GetString());
        var bonus = await op.SendAsync(Credit(tenant.Id, new { kind = "bonus", amount = 250 }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Created, bonus.StatusCode);

        using var admin = host.WithKey(tenant.AdminKey);
        var wallet = await WalletAsync(admin);
        Assert.Equal("USD", wallet.GetProperty("currency").GetString());
        Assert.Equal((5_250, 0, 5_250), (wallet.GetProperty("balance").GetInt64(), wallet.GetProperty("reserved").GetInt64(), wallet.GetProperty("available").GetInt64()));
        // The default threshold, 10.00 USD, in cents.
        Assert.Equal(1_000, wallet.GetProperty("lowBalanceThreshold").GetInt64());
        Assert.False(wallet.GetProperty("lowBalance").GetBoolean());
        Assert.Equal(wallet.ToString(), (await WalletAsync(op, $"api/operator/tenants/{tenant.Id}/wallet")).ToString());

        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "wallboard", "supervisor"));
        var ledger = await (await supervisor.GetAsync("api/wallet/ledger")).ReadJsonAsync();
        var entries = ledger.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("bonus", 2), (entries[0].GetProperty("kind").GetString(), entries[0].GetProperty("sequence").GetInt32()));
        Assert.Equal(("top-up", "applied", creditId, "Invoice 2026-118"), (entries[1].GetProperty("kind").GetString(),
            entries[1].GetProperty("status").GetString(), entries[1].GetProperty("reference").GetString(), entries[1].GetProperty("note").GetString()));
        Assert.Equal(5_000, entries[1].GetProperty("balanceAfter").GetInt64());
    }

    [Fact]
    public async Task ATenantCanNeverCreditItself()
    {
        var tenant = await host.CreateTenantAsync("Self Credit Co");
        using var admin = host.WithKey(tenant.AdminKey);

        var onOperatorRoute = await admin.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 1_000_000 }, "k1"));
        Assert.Equal(HttpStatusCode.Forbidden, onOperatorRoute.StatusCode);
        // No tenant route adds money.
        var onTenantRoute = await admin.PostAsJsonAsync("api/wallet/credits", new { kind = "top-up", amount = 1_000_000 });
        Assert.Contains(onTenantRoute.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PostAsJsonAsync("api/wallet", new { amount = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"api/operator/tenants/{tenant.Id}/wallet")).StatusCode);
        using var worker = host.WithKey(await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker"));
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("api/wallet")).StatusCode);
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/wallet")).StatusCode);

        Assert.Equal(0, (await WalletAsync(admin)).GetProperty("balance").GetInt64());
    }

    [Theory]
    [InlineData("""{ "kind": "top-up", "amount": 0 }""", "amount")]
    [InlineData("""{ "kind": "top-up", "amount": -100 }""", "amount")]
    [InlineData("""{ "kind": "refund", "amount": 12.5 }""", "amount")]
    [InlineData("""{ "kind": "adjustment", "amount": 0 }""", "amount")]
    [InlineData("""{ "kind": "top-up" }""", "amount")]
    [InlineData("""{ "amount": 100 }""", "kind")]
    [InlineData("""{ "kind": "payment", "amount": 100 }""", "kind")]
    [InlineData("""{ "kind": "top-up", "amount": 100, "paymentId": "pi_123" }""", "paymentId")]
    [InlineData("""{ "kind": "top-up", "amount": 1000000000001 }""", "amount")]
    public async Task BadCreditsNameTheFieldAndChangeNothing(string body, string field)
    {
        var tenant = await host.CreateTenantAsync("Bad Credit Co");
        using var op = host.AsOperator();
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenant.Id}/wallet/credits")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        };
        await (await op.SendAsync(request)).AssertFieldErrorAsync(field);
        Assert.Equal(0, (await WalletAsync(op, $"api/operator/tenants/{tenant.Id}/wallet")).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task ACreditNeedsAnIdempotencyKeyAndAReusedKeyOrAnOverdrawingAdjustmentChangesNothing()
    {
        var tenant = await host.CreateTenantAsync("Careful Co");
        using var op = host.AsOperator();
        await (await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 100 }, key: null))).AssertFieldErrorAsync("Idempotency-Key");
        await (await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 100 }, new string('k', 201)))).AssertFieldErrorAsync("Idempotency-Key");

        Assert.Equal(HttpStatusCode.Created, (await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 700 }, "same"))).StatusCode);
        await (await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = 900 }, "same"))).AssertProblemAsync(HttpStatusCode.Conflict);
        var overdraw = await op.SendAsync(Credit(tenant.Id, new { kind = "adjustment", amount = -701, note = "Correction" }, "adj-1"));
        await overdraw.AssertProblemAsync(HttpStatusCode.Conflict);
        var correction = await op.SendAsync(Credit(tenant.Id, new { kind = "adjustment", amount = -200, note = "Correction" }, "adj-2"));
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);

        Assert.Equal(500, (await WalletAsync(op, $"api/operator/tenants/{tenant.Id}/wallet")).GetProperty("balance").GetInt64());
        await (await op.SendAsync(Credit("tnt_doesnotexist2345", new { kind = "top-up", amount = 100 }, "k"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.SendAsync(Credit("not-an-id", new { kind = "top-up", amount = 100 }, "k"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync("api/operator/tenants/tnt_doesnotexist2345/wallet")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheLedgerPagesNewestFirstAndFiltersByTime()
    {
        var tenant = await host.CreateTenantAsync("Ledger Co");
        using var op = host.AsOperator();
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await op.SendAsync(Credit(tenant.Id, new { kind = "top-up", amount = i * 100 }, $"k{i}"))).StatusCode);
        using var admin = host.WithKey(tenant.AdminKey);

        var sequences = new List<long>();
        string? after = null;
        do
        {
            var page = await (await admin.GetAsync("api/wallet/ledger?limit=2" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            sequences.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], sequences);

        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        var past = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        Assert.Equal(5, (await (await admin.GetAsync($"api/wallet/ledger?from={Uri.EscapeDataString(past)}&to={Uri.EscapeDataString(future)}")).ReadJsonAsync())
            .GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await admin.GetAsync($"api/wallet/ledger?from={Uri.EscapeDataString(future)}")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(5, (await (await op.GetAsync($"api/operator/tenants/{tenant.Id}/wallet/ledger")).ReadJsonAsync()).GetProperty("items").GetArrayLength());

        await (await admin.GetAsync("api/wallet/ledger?after=abc")).AssertFieldErrorAsync("after");
        await (await admin.GetAsync("api/wallet/ledger?limit=0")).AssertFieldErrorAsync("limit");
        await (await admin.GetAsync("api/wallet/ledger?from=2026-11-24T09:00:00")).AssertFieldErrorAsync("from");
        await (await admin.GetAsync($"api/wallet/ledger?from={Uri.EscapeDataString(future)}&to={Uri.EscapeDataString(past)}")).AssertFieldErrorAsync("to");
    }

    [Fact]
    public async Task TenantsSeeOnlyTheirOwnWallet()
    {
        var rich = await host.CreateTenantAsync("Rich Co");
        var poor = await host.CreateTenantAsync("Poor Co");
        using var op = host.AsOperator();
        Assert.Equal(HttpStatusCode.Created, (await op.SendAsync(Credit(rich.Id, new { kind = "top-up", amount = 9_999 }, "shared-key"))).StatusCode);
        // The same key for another tenant is another credit.
        Assert.Equal(HttpStatusCode.Created, (await op.SendAsync(Credit(poor.Id, new { kind = "top-up", amount = 1 }, "shared-key"))).StatusCode);

        using var poorAdmin = host.WithKey(poor.AdminKey);
        Assert.Equal(1, (await WalletAsync(poorAdmin)).GetProperty("balance").GetInt64());
        var poorLedger = await (await poorAdmin.GetAsync("api/wallet/ledger")).ReadJsonAsync();
        Assert.Equal(1, Assert.Single(poorLedger.GetProperty("items").EnumerateArray()).GetProperty("amount").GetInt64());
        using var richAdmin = host.WithKey(rich.AdminKey);
        Assert.Equal(9_999, (await WalletAsync(richAdmin)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task TheDemoTenantStartsWithItsOpeningTopUpOnce()
    {
        using var demo = host.WithKey(await host.DemoApiKeyAsync());
        var ledger = await (await demo.GetAsync($"api/wallet/ledger?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}&limit=200")).ReadJsonAsync();
        var opening = Assert.Single(ledger.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "top-up");
        Assert.Equal(1, opening.GetProperty("sequence").GetInt64());
        Assert.Equal(DemoTenantSeeder.DemoOpeningBalance, opening.GetProperty("amount").GetInt64());
        Assert.Equal("credit:demo-opening-balance", opening.GetProperty("idempotencyKey").GetString());
        Assert.True((await WalletAsync(demo)).GetProperty("balance").GetInt64() > 0, "demo calls can be paid");
    }
}
