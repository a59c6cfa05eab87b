using VoicePlatform.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

/// <summary>An ApiHost whose claims count as orphaned after a fifth of a second instead of a minute.</summary>
public sealed class ClaimsHostFixture : ApiHostFixture
{
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromMilliseconds(200);

    protected override IEnumerable<string> ExtraArguments => ["--Telephony:Claims:OrphanGrace", OrphanGrace.ToString()];
}

/// <summary>A number and a LiveKit trunk belong to at most one tenant on the whole platform.</summary>
public sealed class PlatformClaimsTests(ClaimsHostFixture host) : IClassFixture<ClaimsHostFixture>
{
    [Fact]
    public async Task AnotherTenantCannotRegisterANumberOrALiveKitTrunkAlreadyInUseAndIsNotToldWhoHasIt()
    {
        var number = TestNumbers.Next();
        var owner = await host.CreateTenantAsync("Owner");
        using var ownerAdmin = host.WithKey(owner.AdminKey);
        var trunkBody = TelephonyTestData.Trunk("Owner trunk");
        var trunk = await ownerAdmin.CreateTrunkAsync(trunkBody);
        var numberId = await ownerAdmin.CreateNumberAsync(new { number, trunkId = trunk });
        var liveKitTrunkId = (await (await ownerAdmin.GetAsync($"api/sip-trunks/{trunk}")).ReadJsonAsync()).GetProperty("liveKitTrunkId").GetString()!;

        var intruder = await host.CreateTenantAsync("Intruder");
        using var admin = host.WithKey(intruder.AdminKey);
        var ownTrunk = await admin.CreateTrunkAsync();
        foreach (var typed in new[] { number, $"+1 ({number[2..5]}) {number[5..8]}-{number[8..]}" })
        {
            var refused = await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = typed, trunkId = ownTrunk })).AssertProblemAsync(HttpStatusCode.Conflict);
            AssertSaysNothingOf(refused, owner, numberId, trunk);
        }
        var trunkRefused = await (await admin.PostAsJsonAsync("api/sip-trunks", new { liveKitTrunkId, name = "Mine", numbers = Array.Empty<string>(), maxConcurrentCalls = 5, callsPerSecond = 1.0 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        AssertSaysNothingOf(trunkRefused, owner, numberId, trunk);

        // Nor by moving one of its own records onto them.
        var mine = await admin.CreateNumberAsync(new { number = TestNumbers.Next(), trunkId = ownTrunk });
        await (await admin.PutAsJsonAsync($"api/phone-numbers/{mine}", new { number, trunkId = ownTrunk })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync($"api/sip-trunks/{ownTrunk}", new { liveKitTrunkId, name = "Mine", numbers = Array.Empty<string>(), maxConcurrentCalls = 5, callsPerSecond = 1.0 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await admin.CountAsync("api/phone-numbers"));
        Assert.Equal(1, await admin.CountAsync("api/sip-trunks"));

        // The owner's records are untouched and still hold both.
        using var op = host.AsOperator();
        var claim = await (await op.GetAsync($"api/operator/telephony-claims/numbers/{number}")).ReadJsonAsync();
        Assert.Equal(owner.Id, claim.GetProperty("holder").GetProperty("tenant").GetString());
        Assert.Equal(numberId, claim.GetProperty("holder").GetProperty("recordId").GetString());
        var trunkClaim = await (await op.GetAsync($"api/operator/telephony-claims/livekit-trunks/{liveKitTrunkId}")).ReadJsonAsync();
        Assert.Equal(trunk, trunkClaim.GetProperty("holder").GetProperty("recordId").GetString());
        Assert.True((await (await ownerAdmin.GetAsync($"api/phone-numbers/{numberId}")).ReadJsonAsync()).GetProperty("claimed").GetBoolean());
    }

    [Fact]
    public async Task OfTenantsRacingForOneNumberOrOneLiveKitTrunkExactlyOneWins()
    {
        var number = TestNumbers.Next();
        var liveKitTrunkId = TelephonyTestData.LiveKitTrunkId("race");
        var tenants = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.CreateTenantAsync($"Racer {i}")));
        var clients = tenants.Select(t => host.WithKey(t.AdminKey)).ToArray();

        var numberRace = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("api/phone-numbers", new { number })));
        var trunkRace = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("api/sip-trunks",
            new { liveKitTrunkId, name = "Race", numbers = Array.Empty<string>(), maxConcurrentCalls = 5, callsPerSecond = 1.0 })));

        foreach (var race in new[] { numberRace, trunkRace })
        {
            Assert.Single(race, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(race.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }
        // Exactly one tenant has a record, and it is the claim's holder.
        var numberCounts = await Task.WhenAll(clients.Select(c => c.CountAsync("api/phone-numbers")));
        Assert.Equal(1, numberCounts.Sum());
        var winner = tenants[Array.IndexOf(numberCounts, 1)];
        using var op = host.AsOperator();
        var claim = await (await op.GetAsync($"api/operator/telephony-claims/numbers/{number}")).ReadJsonAsync();
        Assert.Equal(winner.Id, claim.GetProperty("holder").GetProperty("tenant").GetString());
        Assert.Equal(1, (await Task.WhenAll(clients.Select(c => c.CountAsync("api/sip-trunks")))).Sum());
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task DeletingOrMovingARecordGivesItsNumberAndTrunkBackToThePlatform()
    {
        var first = TestNumbers.Next();
        var second = TestNumbers.Next();
        var owner = await host.CreateTenantAsync("Leaving");
        using var ownerAdmin = host.WithKey(owner.AdminKey);
        var trunkBody = TelephonyTestData.Trunk("Leaving trunk");
        var trunk = await ownerAdmin.CreateTrunkAsync(trunkBody);
        var liveKitTrunkId = (await (await ownerAdmin.GetAsync($"api/sip-trunks/{trunk}")).ReadJsonAsync()).GetProperty("liveKitTrunkId").GetString()!;
        var numberId = await ownerAdmin.CreateNumberAsync(new { number = first });

        var next = await host.CreateTenantAsync("Next");
        using var nextAdmin = host.WithKey(next.AdminKey);
        // The owner moves its number to another E.164: the first one is free at once.
        Assert.Equal(HttpStatusCode.OK, (await ownerAdmin.PutAsJsonAsync($"api/phone-numbers/{numberId}", new { number = second })).StatusCode);
        await nextAdmin.CreateNumberAsync(new { number = first });
        await (await nextAdmin.PostAsJsonAsync("api/phone-numbers", new { number = second })).AssertProblemAsync(HttpStatusCode.Conflict);

        // Deleting frees the number and the LiveKit trunk.
        Assert.Equal(HttpStatusCode.NoContent, (await ownerAdmin.DeleteAsync($"api/phone-numbers/{numberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ownerAdmin.DeleteAsync($"api/sip-trunks/{trunk}")).StatusCode);
        await nextAdmin.CreateNumberAsync(new { number = second });
        await nextAdmin.CreateTrunkAsync(new { liveKitTrunkId, name = "Taken over", numbers = Array.Empty<string>(), maxConcurrentCalls = 5, callsPerSecond = 1.0 });
    }

    [Fact]
    public async Task AClaimWhoseHolderNeverWroteItsRecordIsReleasedToTheNextTenantAfterTheGrace()
    {
        // A tenant's create that crashed between its claim and its own write: the claim names a record that does not exist.
        var number = TestNumbers.Next();
        var ghost = new TelephonyClaimHolder { Tenant = TenantId.New(), RecordId = PrefixedId.New<PhoneNumberId>().Value };
        var claims = host.Grains();
        Assert.Equal(ghost, await claims.GetTelephonyClaim(TelephonyClaimKey.Number(number)).ClaimAsync(ghost, existingRecord: false));

        var tenant = await host.CreateTenantAsync("After a crash");
        using var admin = host.WithKey(tenant.AdminKey);
        // Within the grace the claim may still be a write in progress, so it is respected; after it, the orphan is proven and taken.
        HttpResponseMessage? created = null;
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            created = await admin.PostAsJsonAsync("api/phone-numbers", new { number });
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
            return created.StatusCode == HttpStatusCode.Created;
        }, () => "the orphaned claim was released");
        var claim = await claims.GetTelephonyClaim(TelephonyClaimKey.Number(number)).GetAsync();
        Assert.Equal(tenant.Id, claim.Holder!.Tenant.Value);

        // A live holder is never mistaken for an orphan, however old its claim.
        await Task.Delay(ClaimsHostFixture.OrphanGrace * 2);
        var other = await host.CreateTenantAsync("Latecomer");
        await (await host.WithKey(other.AdminKey).PostAsJsonAsync("api/phone-numbers", new { number })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyTheOperatorReadsAndReassignsClaimsAndBadInputNamesTheField()
    {
        var tenant = await host.CreateTenantAsync("Not an operator");
        using var admin = host.WithKey(tenant.AdminKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("api/operator/telephony-claims/conflicts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("api/operator/telephony-claims/numbers/+16502530000/holder",
            new { tenantId = tenant.Id, recordId = "num_aaaaaaaaaaaaaaaaaaaa" })).StatusCode);

        using var op = host.AsOperator();
        await (await op.GetAsync("api/operator/telephony-claims/numbers/12")).AssertFieldErrorAsync("number");
        await (await op.PutAsJsonAsync($"api/operator/telephony-claims/numbers/{TestNumbers.Next()}/holder", new { tenantId = "acme", recordId = "x" })).AssertFieldErrorAsync("tenantId");
        await (await op.PutAsJsonAsync($"api/operator/telephony-claims/numbers/{TestNumbers.Next()}/holder", new { tenantId = tenant.Id, recordId = "trk_aaaaaaaaaaaaaaaaaaaa" })).AssertFieldErrorAsync("recordId");
        // A record that does not carry the number cannot be given it.
        await (await op.PutAsJsonAsync($"api/operator/telephony-claims/numbers/{TestNumbers.Next()}/holder", new { tenantId = tenant.Id, recordId = "num_aaaaaaaaaaaaaaaaaaaa" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Array, (await (await op.GetAsync("api/operator/telephony-claims/conflicts")).ReadJsonAsync()).ValueKind);
    }

    private static void AssertSaysNothingOf(JsonElement problem, TestTenant owner, string numberId, string trunkId)
    {
        var text = problem.GetRawText();
        Assert.DoesNotContain(owner.Id, text);
        Assert.DoesNotContain(numberId, text);
        Assert.DoesNotContain(trunkId, text);
        Assert.Empty(problem.GetProperty("blockers").EnumerateArray());
    }
}
