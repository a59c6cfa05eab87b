using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Calls;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Inbound;

/// <summary>A tenant whose number answers calls: its admin client, the number's agent and the number itself.</summary>
public sealed record InboundTenant(string Id, HttpClient Admin, string AgentId, string NumberId, string Number);

/// <summary>Ringing a tenant's number through the emulator's own endpoint, over HTTP, and finding the call it made.</summary>
public static class InboundTestSupport
{
    /// <summary>
    /// A fresh tenant with money, an active agent and a number that answers with it as <paramref name="inbound"/> (given the
    /// tenant and agent ids) says; by default always open.
    /// </summary>
    public static async Task<InboundTenant> TenantWithInboundNumberAsync(this ApiHostFixture host, long openingBalance = CallTestSupport.OpeningBalance,
        Func<string, string, Task<object>>? inbound = null)
    {
        var tenant = await host.CreateTenantAsync("Answering");
        if (openingBalance > 0) await host.TopUpAsync(tenant.Id, openingBalance);
        var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id, AgentStatus.Active);
        var number = TestNumbers.Next();
        var numberId = await admin.CreateNumberAsync(new { number, label = "Reception", inbound = inbound is null ? new { agentId = agent } : await inbound(tenant.Id, agent) });
        return new InboundTenant(tenant.Id, admin, agent, numberId, number);
    }

    /// <summary>The embedded emulator's ring endpoint: a call from <paramref name="from"/> to <paramref name="to"/>; answers the emulator's record of it.</summary>
    public static async Task<JsonElement> RingAsync(this ApiHostFixture host, string from, string to, double? hangUpAfterSeconds = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var emulator = new HttpClient { BaseAddress = new Uri(host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Url) };
        var response = await emulator.PostAsJsonAsync("emulator/inbound-calls", new { from, to, hangUpAfterSeconds });
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> EmulatorCallAsync(this ApiHostFixture host, string sipCallId)
    {
        using var emulator = new HttpClient { BaseAddress = new Uri(host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Url) };
        return await (await emulator.GetAsync($"emulator/inbound-calls/{sipCallId}")).ReadJsonAsync();
    }

    /// <summary>The platform's call for a SIP call id, as the API shows it (its id is derived from LiveKit's SIP call id).</summary>
    public static string CallIdOf(JsonElement rung) => InboundCallIds.For(rung.GetProperty("sipCallId").GetString()!).Value;

    public static async Task<JsonElement> WaitForCallAsync(this InboundTenant tenant, JsonElement rung, Func<JsonElement, bool> condition)
    {
        var id = CallIdOf(rung);
        JsonElement latest = default;
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            var response = await tenant.Admin.GetAsync($"api/calls/{id}");
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            latest = await response.ReadJsonAsync();
            return condition(latest);
        }, () => latest.ValueKind == JsonValueKind.Undefined ? $"call {id} never appeared" : latest.ToString());
        return latest;
    }

    public static bool Ended(JsonElement call) => call.GetProperty("status").GetString() == "ended";
}
