using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class SipTrunksApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task AdminCreatesReadsUpdatesListsAndDeletesATrunk()
    {
        var liveKitTrunkId = TelephonyTestData.LiveKitTrunkId();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);

        var created = await admin.PostAsJsonAsync("api/sip-trunks", new
        {
            liveKitTrunkId,
            name = "  Twilio US  ",
            numbers = new[] { "+1 650-253-0000" },
            maxConcurrentCalls = 50,
            callsPerSecond = 1.5,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var trunk = await created.ReadJsonAsync();
        var id = trunk.GetProperty("id").GetString()!;
        Assert.StartsWith("trk_", id);
        Assert.Equal($"/api/sip-trunks/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal("Twilio US", trunk.GetProperty("name").GetString());
        Assert.Equal("+16502530000", trunk.GetProperty("numbers")[0].GetString());
        Assert.Equal("active", trunk.GetProperty("status").GetString());

        var read = await admin.GetAsync($"api/sip-trunks/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal(liveKitTrunkId, (await read.ReadJsonAsync()).GetProperty("liveKitTrunkId").GetString());

        var put = new HttpRequestMessage(HttpMethod.Put, $"api/sip-trunks/{id}")
        {
            Content = JsonContent.Create(new { liveKitTrunkId, name = "Twilio US", maxConcurrentCalls = 10, callsPerSecond = 0.1, status = "disabled" }),
            Headers = { { "If-Match", "\"1\"" } },
        };
        var updated = await admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.ReadJsonAsync();
        Assert.Equal("disabled", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("revision").GetInt32());
        Assert.Equal(0, body.GetProperty("numbers").GetArrayLength());

        var list = await (await admin.GetAsync("api/sip-trunks")).ReadJsonAsync();
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("disabled", listed.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/sip-trunks/{id}")).StatusCode);
        await (await admin.GetAsync($"api/sip-trunks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"api/sip-trunks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await admin.CountAsync("api/sip-trunks"));
    }

    [Theory]
    [InlineData("liveKitTrunkId", "{\"liveKitTrunkId\":\"trunk-1\",\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":1}")]
    [InlineData("liveKitTrunkId", "{\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":1}")]
    [InlineData("name", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\" \",\"maxConcurrentCalls\":5,\"callsPerSecond\":1}")]
    [InlineData("maxConcurrentCalls", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":0,\"callsPerSecond\":1}")]
    [InlineData("maxConcurrentCalls", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":10001,\"callsPerSecond\":1}")]
    [InlineData("maxConcurrentCalls", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"callsPerSecond\":1}")]
    [InlineData("callsPerSecond", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":0.05}")]
    [InlineData("callsPerSecond", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":101}")]
    [InlineData("numbers[1]", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"numbers\":[\"+16502530000\",\"555-0100\"],\"maxConcurrentCalls\":5,\"callsPerSecond\":1}")]
    [InlineData("numbers", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"numbers\":[\"+16502530000\",\"+1 650 253 0000\"],\"maxConcurrentCalls\":5,\"callsPerSecond\":1}")]
    [InlineData("status", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":1,\"status\":\"paused\"}")]
    [InlineData("sipUri", "{\"liveKitTrunkId\":\"ST_a1\",\"name\":\"T\",\"maxConcurrentCalls\":5,\"callsPerSecond\":1,\"sipUri\":\"sip:x\"}")]
    public async Task AnInvalidTrunkIsRefusedNamingTheFieldAndNothingIsSaved(string field, string json)
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var response = await admin.PostAsync("api/sip-trunks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await admin.CountAsync("api/sip-trunks"));
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedAndChangesNothing()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var id = await admin.CreateTrunkAsync(TelephonyTestData.Trunk("Before"));
        var first = new HttpRequestMessage(HttpMethod.Put, $"api/sip-trunks/{id}") { Content = JsonContent.Create(TelephonyTestData.Trunk("First")), Headers = { { "If-Match", "\"1\"" } } };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(first)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/sip-trunks/{id}") { Content = JsonContent.Create(TelephonyTestData.Trunk("Second")), Headers = { { "If-Match", "\"1\"" } } };
        await (await admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"api/sip-trunks/{id}") { Headers = { { "If-Match", "\"1\"" } } };
        await (await admin.SendAsync(staleDelete)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("First", (await (await admin.GetAsync($"api/sip-trunks/{id}")).ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ASupervisorReadsTrunksButCannotWriteThem()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var id = await admin.CreateTrunkAsync();
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "sup", "supervisor"));
        using var worker = host.WithKey(await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker"));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"api/sip-trunks/{id}")).StatusCode);
        Assert.Equal(1, await supervisor.CountAsync("api/sip-trunks"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("api/sip-trunks", TelephonyTestData.Trunk())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"api/sip-trunks/{id}", TelephonyTestData.Trunk())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"api/sip-trunks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("api/sip-trunks")).StatusCode);
        Assert.Equal(1, await admin.CountAsync("api/sip-trunks"));
    }

    [Fact]
    public async Task ATrunkThatANumberUsesCannotBeDeleted()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var trunk = await admin.CreateTrunkAsync();
        var number = await admin.CreateNumberAsync(new { number = TestNumbers.Next(), trunkId = trunk });

        var refused = await (await admin.DeleteAsync($"api/sip-trunks/{trunk}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(number, refused.GetProperty("blockers")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/sip-trunks/{trunk}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/phone-numbers/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/sip-trunks/{trunk}")).StatusCode);
    }

    [Fact]
    public async Task TrunksArePagedInIdOrder()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await admin.CreateTrunkAsync(TelephonyTestData.Trunk($"T{i}")));

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await (await admin.GetAsync("api/sip-trunks?limit=2" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        await (await admin.GetAsync("api/sip-trunks?limit=0")).AssertFieldErrorAsync("limit");
    }
}
