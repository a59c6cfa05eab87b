using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>Campaign settings over real HTTP: create in draft, idempotent retries, field-named errors, revisions, tenants apart.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class CampaignsApiTests(ApiHostFixture host)
{
    private static object Body(string agentId, string name = "Spring renewals", IReadOnlyList<string>? numbers = null) => new
    {
        name,
        agentId,
        callerIdNumberIds = numbers ?? [],
        windows = new[] { new { days = new[] { "monday", "friday" }, from = "09:00", to = "18:00" }, new { days = new[] { "saturday" }, from = "22:00", to = "02:00" } },
        defaultTimeZone = "America/Chicago",
        pacing = new { maxConcurrentCalls = 4, maxDialsPerMinute = 20 },
    };

    private static HttpRequestMessage Post(object body, string key) =>
        new(HttpMethod.Post, "api/campaigns") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };

    [Fact]
    public async Task ACampaignIsCreatedInDraftWithItsAgentsBrandAndARetryAnswersTheSameOne()
    {
        var tenant = await host.CreateTenantAsync("Campaigns");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var number = await admin.CreateNumberAsync(new { number = TestNumbers.Next() });
        var key = Guid.NewGuid().ToString("N");

        var created = await admin.SendAsync(Post(Body(agent, numbers: [number]), key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", campaign.GetProperty("status").GetString());
        Assert.StartsWith("brd_", campaign.GetProperty("brandId").GetString());
        var window = campaign.GetProperty("settings").GetProperty("windows")[1];
        Assert.Equal((1320, 120), (window.GetProperty("startMinute").GetInt32(), window.GetProperty("endMinute").GetInt32()));
        Assert.True(campaign.GetProperty("settings").GetProperty("requireConsentForUsNumbers").GetBoolean());

        var retried = await admin.SendAsync(Post(Body(agent, numbers: [number]), key));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(campaign.GetProperty("id").GetString(), (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await (await admin.SendAsync(Post(Body(agent, name: "Other"), key))).AssertProblemAsync(HttpStatusCode.Conflict);

        var listed = await admin.GetFromJsonAsync<JsonElement>("api/campaigns?status=draft");
        Assert.Equal(campaign.GetProperty("id").GetString(), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task EditsNeedTheCurrentRevisionAndDeleteRemovesIt()
    {
        var tenant = await host.CreateTenantAsync("Campaign edits");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var created = await (await admin.SendAsync(Post(Body(agent), Guid.NewGuid().ToString("N")))).Content.ReadFromJsonAsync<JsonElement>();
        var path = $"api/campaigns/{created.GetProperty("id").GetString()}";

        var stale = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(Body(agent, "Renamed")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        await (await admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var edit = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(Body(agent, "Renamed")) };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var edited = await admin.SendAsync(edit);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("\"2\"", edited.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(path)).StatusCode);
        await (await admin.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("api/campaigns")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task BadSettingsAndOtherTenantsReferencesAreNamedAndStoreNothing()
    {
        var tenant = await host.CreateTenantAsync("Campaign input");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var other = await host.CreateTenantAsync("Someone else");
        var theirAgent = await host.CreateAgentAsync(other.Id);

        await (await admin.SendAsync(Post(Body(theirAgent), Guid.NewGuid().ToString("N")))).AssertFieldErrorAsync("agentId");
        await (await admin.SendAsync(Post(new { name = "x", agentId = agent, windows = new[] { new { days = new[] { "monday" }, from = "9am", to = "18:00" } } }, "k1"))).AssertFieldErrorAsync("windows[0].from");
        await (await admin.SendAsync(Post(new { name = "x", agentId = agent, windows = Array.Empty<object>() }, "k2"))).AssertFieldErrorAsync("windows");
        await (await admin.SendAsync(Post(new { name = "x", agentId = agent, windows = new[] { new { days = new[] { "monday" }, from = "09:00", to = "18:00" } }, pacing = new { maxConcurrentCalls = 0, maxDialsPerMinute = 10 } }, "k3")))
            .AssertFieldErrorAsync("pacing.maxConcurrentCalls");
        await (await admin.SendAsync(Post(Body(agent, numbers: ["num_notarealnumberatall"]), "k4"))).AssertFieldErrorAsync("callerIdNumberIds[0]");
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("api/campaigns")).GetProperty("items").EnumerateArray());

        // Another tenant's campaign is not found.
        var created = await (await admin.SendAsync(Post(Body(agent), "k5"))).Content.ReadFromJsonAsync<JsonElement>();
        using var otherAdmin = host.WithKey(other.AdminKey);
        await (await otherAdmin.GetAsync($"api/campaigns/{created.GetProperty("id").GetString()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherAdmin.DeleteAsync($"api/campaigns/{created.GetProperty("id").GetString()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACampaignsCallerIdNumbersMustBeOnItsTrunk()
    {
        var tenant = await host.CreateTenantAsync("Campaign trunk");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var (first, second) = (await admin.CreateTrunkAsync(TelephonyTestData.Trunk("First")), await admin.CreateTrunkAsync(TelephonyTestData.Trunk("Second")));
        var onFirst = await admin.CreateNumberAsync(new { number = TestNumbers.Next(), trunkId = first });
        var onSecond = await admin.CreateNumberAsync(new { number = TestNumbers.Next(), trunkId = second });
        object Settings(string trunkId, params string[] numbers) => new
        {
            name = "Trunked", agentId = agent, trunkId, callerIdNumberIds = numbers,
            windows = new[] { new { days = new[] { "monday" }, from = "09:00", to = "18:00" } }, defaultTimeZone = "America/Chicago",
        };

        var refused = await (await admin.SendAsync(Post(Settings(first, onFirst, onSecond), "trunk-1"))).AssertFieldErrorAsync("callerIdNumberIds[1]");
        Assert.Contains(second, refused.GetProperty("errors").GetProperty("callerIdNumberIds[1]")[0].GetString());
        var created = await admin.SendAsync(Post(Settings(first, onFirst), "trunk-2"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = $"api/campaigns/{(await created.ReadJsonAsync()).GetProperty("id").GetString()}";

        // Moving the campaign to the other trunk checks the numbers it already has.
        var moved = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(Settings(second, onFirst)) };
        await (await admin.SendAsync(moved)).AssertFieldErrorAsync("callerIdNumberIds[0]");
        var both = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(Settings(second, onSecond)) };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(both)).StatusCode);
    }

    [Fact]
    public async Task LeadsAreImportedWithDncConsentAndZonesAppliedAndBadRowsReported()
    {
        var tenant = await host.CreateTenantAsync("Campaign leads");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155550171" });
        var campaign = await (await admin.SendAsync(Post(Body(agent), Guid.NewGuid().ToString("N")))).Content.ReadFromJsonAsync<JsonElement>();
        var path = $"api/campaigns/{campaign.GetProperty("id").GetString()}/leads";

        var csv = "\uFEFFphone,name,consent_at,first_name\n"
                  + "(415) 555-0170,\"Rivera, Ana\",2026-05-01T14:30:00Z,Ana\n"  // a national number in the default region (US)
                  + "+14155550171,On the list,2026-05-01T14:30:00Z,Bo\n"          // on the tenant's DNC list
                  + "+14155550172,No consent,,Cy\n"                              // a US number without consent
                  + "not a number,Bad,,Di\n"                                     // rejected
                  + "+1 415 555 0170,Again,2026-05-01T14:30:00Z,Ana\n";          // merged into row 2
        var report = await (await admin.PostAsJsonAsync(path, new { csv })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((5, 3, 0), (report.GetProperty("received").GetInt32(), report.GetProperty("added").GetInt32(), report.GetProperty("alreadyInCampaign").GetInt32()));
        var byStatus = report.GetProperty("leadsByStatus");
        Assert.Equal((1, 1, 1), (byStatus.GetProperty("scheduled").GetInt32(), byStatus.GetProperty("do-not-call").GetInt32(), byStatus.GetProperty("no-consent").GetInt32()));
        var rejected = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal((5, "phone"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("field").GetString()));
        Assert.Equal(2, Assert.Single(report.GetProperty("merged").EnumerateArray()).GetProperty("mergedInto").GetInt32());

        // The same list again adds nothing; JSON leads go through the same rules.
        var again = await (await admin.PostAsJsonAsync(path, new { csv })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 3), (again.GetProperty("added").GetInt32(), again.GetProperty("alreadyInCampaign").GetInt32()));
        var json = await (await admin.PostAsJsonAsync(path, new { leads = new[] { new { phone = "+442071838750", name = "London", variables = new Dictionary<string, string> { ["plan"] = "gold" } } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, json.GetProperty("added").GetInt32());

        var scheduled = await admin.GetFromJsonAsync<JsonElement>($"{path}?status=scheduled");
        var leads = scheduled.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["+14155550170", "+442071838750"], leads.Select(l => l.GetProperty("phone").GetString()).Order());
        Assert.All(leads, l => Assert.Equal(JsonValueKind.String, l.GetProperty("nextCallableAt").ValueKind));
        Assert.Equal("Ana", leads.Single(l => l.GetProperty("phone").GetString() == "+14155550170").GetProperty("variables").GetProperty("first_name").GetString());

        await (await admin.PostAsJsonAsync(path, new { csv = "name\nA\n" })).AssertFieldErrorAsync("csv");
        await (await admin.PostAsJsonAsync(path, new { })).AssertFieldErrorAsync("csv");
        var other = await host.CreateTenantAsync("Not theirs");
        using var otherAdmin = host.WithKey(other.AdminKey);
        await (await otherAdmin.PostAsJsonAsync(path, new { csv })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherAdmin.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
