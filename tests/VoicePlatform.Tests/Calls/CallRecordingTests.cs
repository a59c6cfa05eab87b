using System.Text.Json;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>Recording through LiveKit egress: started at the answer, finished by LiveKit's egress_ended webhook.</summary>
[Collection(CallsApiCollection.Name)]
public sealed class CallRecordingTests(CallsApiFixture host)
{
    [Fact]
    public async Task AnAnsweredCallIsRecordedAndTheWebhookSaysWhereTheFileIs()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);

        // Hanging up closes the room, which ends the egress; its egress_ended webhook (delivered twice, shuffled) lands once.
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("recording").ValueKind == JsonValueKind.Object
                                                          && c.GetProperty("recording").GetProperty("status").GetString() == "complete");
        var recording = ended.GetProperty("recording");
        Assert.Equal($"recordings/{tenant.Id}/{Id(call)}.ogg", recording.GetProperty("location").GetString());
        Assert.StartsWith("EG_", recording.GetProperty("egressId").GetString());
        var events = (await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/events")).ReadJsonAsync()).EnumerateArray()
            .Where(e => e.GetProperty("detail").GetString()!.StartsWith("recording", StringComparison.Ordinal)).ToList();
        Assert.Single(events);
    }

    [Fact]
    public async Task AnUnansweredCallIsNeverRecorded()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Busy);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("recording").ValueKind);
    }
}
