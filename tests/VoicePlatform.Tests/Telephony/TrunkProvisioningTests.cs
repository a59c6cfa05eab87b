using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Telephony;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

/// <summary>
/// Trunks the platform creates, updates and deletes on LiveKit (the embedded emulator, over LiveKit's Twirp API), their
/// write-only passwords, and existing LiveKit trunks attached only after LiveKit confirms them.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class TrunkProvisioningTests(ApiHostFixture host)
{
    private const string Password = "pw-Provisioned-7fk2Q";
    private const string NewPassword = "pw-Rotated-9xw4Z";

    [Fact]
    public async Task AnOutboundTrunkIsCreatedUpdatedAndDeletedOnLiveKitAndItsPasswordIsNeverShown()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var number = TestNumbers.Next();
        var created = await admin.PostAsJsonAsync("api/sip-trunks", new
        {
            name = "Carrier", numbers = new[] { number }, maxConcurrentCalls = 10, callsPerSecond = 2,
            provider = new { address = "sip.carrier.example", transport = "tls", authUsername = "acme", authPassword = Password },
        });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        Assert.DoesNotContain(Password, createdText);
        var trunk = JsonDocument.Parse(createdText).RootElement;
        var id = trunk.GetProperty("id").GetString()!;
        var liveKitTrunkId = trunk.GetProperty("liveKitTrunkId").GetString()!;
        Assert.StartsWith("ST_", liveKitTrunkId);
        Assert.True(trunk.GetProperty("hasAuthPassword").GetBoolean());
        Assert.Equal("acme", trunk.GetProperty("provider").GetProperty("authUsername").GetString());
        Assert.False(trunk.GetProperty("provider").TryGetProperty("authPassword", out _));

        var onLiveKit = await host.Client().GetSipOutboundTrunkAsync(liveKitTrunkId);
        Assert.Equal(("sip.carrier.example", "SIP_TRANSPORT_TLS", "acme", Password), (onLiveKit.Address, onLiveKit.Transport, onLiveKit.AuthUsername, onLiveKit.AuthPassword));
        Assert.Equal([number], onLiveKit.Numbers);
        Assert.Contains(id, onLiveKit.Metadata);

        // An update without a password keeps it; one with a password replaces it. LiveKit follows both.
        var renamed = await admin.PutAsJsonAsync($"api/sip-trunks/{id}", new
        {
            name = "Carrier (renamed)", numbers = new[] { number }, maxConcurrentCalls = 10, callsPerSecond = 2,
            provider = new { address = "sip2.carrier.example", transport = "tls", authUsername = "acme" },
        });
        Assert.True(renamed.StatusCode == HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        onLiveKit = await host.Client().GetSipOutboundTrunkAsync(liveKitTrunkId);
        Assert.Equal(("Carrier (renamed)", "sip2.carrier.example", Password), (onLiveKit.Name, onLiveKit.Address, onLiveKit.AuthPassword));
        var rotated = await admin.PutAsJsonAsync($"api/sip-trunks/{id}", new
        {
            name = "Carrier (renamed)", numbers = new[] { number }, maxConcurrentCalls = 10, callsPerSecond = 2,
            provider = new { address = "sip2.carrier.example", transport = "tls", authUsername = "acme", authPassword = NewPassword },
        });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(NewPassword, (await host.Client().GetSipOutboundTrunkAsync(liveKitTrunkId)).AuthPassword);

        foreach (var read in new[] { $"api/sip-trunks/{id}", "api/sip-trunks" })
        {
            var text = await admin.GetStringAsync(read);
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(NewPassword, text);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/sip-trunks/{id}")).StatusCode);
        var gone = await Assert.ThrowsAsync<LiveKitTwirpException>(() => host.Client().GetSipOutboundTrunkAsync(liveKitTrunkId));
        Assert.Equal("not_found", gone.Code);
    }

    [Fact]
    public async Task AnInboundTrunkIsCreatedOnLiveKitClosedByItsNumbersAndSources()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var number = TestNumbers.Next();
        var created = await admin.PostAsJsonAsync("api/sip-trunks", new
        {
            name = "Inbound", direction = "inbound", numbers = new[] { number }, maxConcurrentCalls = 10, callsPerSecond = 2,
            provider = new { allowedAddresses = new[] { "203.0.113.0/24", "sip.carrier.example" } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var trunk = await created.ReadJsonAsync();
        Assert.Equal("inbound", trunk.GetProperty("direction").GetString());
        Assert.False(trunk.GetProperty("hasAuthPassword").GetBoolean());
        var onLiveKit = await host.Client().GetSipInboundTrunkAsync(trunk.GetProperty("liveKitTrunkId").GetString()!);
        Assert.Equal([number], onLiveKit.Numbers);
        Assert.Equal(["203.0.113.0/24", "sip.carrier.example"], onLiveKit.AllowedAddresses);

        // An inbound trunk places no calls: a number on it is no caller id.
        var numberId = await admin.CreateNumberAsync(new { number, trunkId = trunk.GetProperty("id").GetString() });
        var resolved = await host.Grains().GetTelephonyDirectory(VoicePlatform.Tenants.TenantId.Parse(tenant.Id))
            .ResolveCallerIdAsync(VoicePlatform.Common.PrefixedId.Parse<VoicePlatform.Telephony.PhoneNumberId>(numberId), null, null);
        Assert.Contains("inbound trunk", resolved.Reason);
    }

    [Theory]
    [InlineData("liveKitTrunkId", """{"liveKitTrunkId":"ST_both","name":"T","numbers":["+16502530000"],"maxConcurrentCalls":5,"callsPerSecond":1,"provider":{"address":"sip.example.com"}}""")]
    [InlineData("provider.address", """{"name":"T","numbers":["+16502530000"],"maxConcurrentCalls":5,"callsPerSecond":1,"provider":{}}""")]
    [InlineData("provider.address", """{"name":"T","numbers":["+16502530000"],"maxConcurrentCalls":5,"callsPerSecond":1,"provider":{"address":"sip:user@sip.example.com"}}""")]
    [InlineData("numbers", """{"name":"T","maxConcurrentCalls":5,"callsPerSecond":1,"provider":{"address":"sip.example.com"}}""")]
    [InlineData("numbers", """{"name":"T","direction":"inbound","maxConcurrentCalls":5,"callsPerSecond":1,"provider":{}}""")]
    [InlineData("provider.allowedAddresses[0]", """{"name":"T","direction":"inbound","numbers":["+16502530000"],"maxConcurrentCalls":5,"callsPerSecond":1,"provider":{"allowedAddresses":["http://x y"]}}""")]
    [InlineData("provider.address", """{"name":"T","direction":"inbound","numbers":["+16502530000"],"maxConcurrentCalls":5,"callsPerSecond":1,"provider":{"address":"sip.example.com"}}""")]
    [InlineData("liveKitTrunkId", """{"name":"T","maxConcurrentCalls":5,"callsPerSecond":1,"liveKitTrunkId":"ST_nosuchtrunk1"}""")]
    public async Task ABadTrunkIsRefusedNamingTheFieldAndNothingIsCreatedOnLiveKit(string field, string json)
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var before = (await host.Client().ListSipOutboundTrunksAsync()).Count + (await host.Client().ListSipInboundTrunksAsync()).Count;
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await admin.PostAsync("api/sip-trunks", content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, (await host.Client().ListSipOutboundTrunksAsync()).Count + (await host.Client().ListSipInboundTrunksAsync()).Count);
        Assert.Equal(0, (await (await admin.GetAsync("api/sip-trunks")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnExistingLiveKitTrunkIsAttachedOnlyWhenLiveKitHasItInThatDirection()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var inbound = await host.Client().CreateSipInboundTrunkAsync(new LiveKitSipInboundTrunk { Name = "made in LiveKit", Numbers = [TestNumbers.Next()] });

        var asOutbound = await admin.PostAsJsonAsync("api/sip-trunks", new { liveKitTrunkId = inbound.SipTrunkId, name = "T", maxConcurrentCalls = 5, callsPerSecond = 1 });
        var problem = await asOutbound.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("outbound trunk", problem.GetProperty("errors").GetProperty("liveKitTrunkId")[0].GetString());

        var asInbound = await admin.PostAsJsonAsync("api/sip-trunks", new { liveKitTrunkId = inbound.SipTrunkId, direction = "inbound", name = "T", maxConcurrentCalls = 5, callsPerSecond = 1 });
        Assert.Equal(HttpStatusCode.Created, asInbound.StatusCode);
        var id = (await asInbound.ReadJsonAsync()).GetProperty("id").GetString();
        // Attached, not provisioned: deleting the record leaves LiveKit's trunk alone.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/sip-trunks/{id}")).StatusCode);
        Assert.Equal(inbound.SipTrunkId, (await host.Client().GetSipInboundTrunkAsync(inbound.SipTrunkId!)).SipTrunkId);
    }

    [Fact]
    public async Task ATrunkACampaignDialsThroughCannotBeDeletedAndTheCampaignIsNamed()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var trunks = (await (await tenant.Admin.GetAsync("api/sip-trunks")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var trunk = Assert.Single(trunks).GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns")
        {
            Content = JsonContent.Create(new
            {
                name = "On the trunk", agentId = tenant.AgentId, trunkId = trunk,
                windows = new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }, from = "09:00", to = "17:00" } },
            }),
        };
        var campaign = await tenant.Admin.SendAsync(request);
        Assert.True(campaign.StatusCode == HttpStatusCode.Created, await campaign.Content.ReadAsStringAsync());
        var campaignId = (await campaign.ReadJsonAsync()).GetProperty("id").GetString()!;

        var refused = await tenant.Admin.DeleteAsync($"api/sip-trunks/{trunk}");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(campaignId, problem.ToString());

        await tenant.Admin.PostAsync($"api/campaigns/{campaignId}/cancel", null);
        var stillUsed = await tenant.Admin.DeleteAsync($"api/sip-trunks/{trunk}");
        // The caller-id number is on it too: the number is the blocker now.
        Assert.Equal(HttpStatusCode.Conflict, stillUsed.StatusCode);
        Assert.DoesNotContain(campaignId, await stillUsed.Content.ReadAsStringAsync());
    }
}
