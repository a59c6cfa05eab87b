using System.Net;
using System.Net.Http.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class TelephonyIsolationTests(ApiHostFixture host)
{
    [Fact]
    public async Task AnotherTenantsTrunkAndNumberAreNotFoundOnEveryRouteAndNeverListed()
    {
        var n = TestNumbers.Block();
        var owner = await host.CreateTenantAsync("Owner");
        using var ownerAdmin = host.WithKey(owner.AdminKey);
        var trunk = await ownerAdmin.CreateTrunkAsync();
        var number = await ownerAdmin.CreateNumberAsync(new { number = n.Us(0), trunkId = trunk });

        var intruder = await host.CreateTenantAsync("Intruder");
        using var admin = host.WithKey(intruder.AdminKey);
        using var supervisor = host.WithKey(await host.IssueKeyAsync(intruder.Id, "sup", "supervisor"));

        foreach (var client in new[] { admin, supervisor })
        {
            await (await client.GetAsync($"api/sip-trunks/{trunk}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"api/phone-numbers/{number}")).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(0, await client.CountAsync("api/sip-trunks"));
            Assert.Equal(0, await client.CountAsync("api/phone-numbers"));
        }
        await (await admin.PutAsJsonAsync($"api/sip-trunks/{trunk}", TelephonyTestData.Trunk("Stolen"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"api/sip-trunks/{trunk}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"api/phone-numbers/{number}", new { number = n.Us(0) })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"api/phone-numbers/{number}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(1), trunkId = trunk })).AssertFieldErrorAsync("trunkId");

        // Nothing the intruder tried changed the owner's objects.
        var ownTrunk = await (await ownerAdmin.GetAsync($"api/sip-trunks/{trunk}")).ReadJsonAsync();
        Assert.Equal(1, ownTrunk.GetProperty("revision").GetInt32());
        var ownNumber = await (await ownerAdmin.GetAsync($"api/phone-numbers/{number}")).ReadJsonAsync();
        Assert.Equal(1, ownNumber.GetProperty("revision").GetInt32());
        Assert.Equal(1, await ownerAdmin.CountAsync("api/phone-numbers"));
    }
}
