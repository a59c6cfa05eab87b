using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>No call stays live forever: with every webhook lost, the watchdog's poll of LiveKit ends it.</summary>
[Collection(LostWebhooksCollection.Name)]
public sealed class CallWatchdogTests(LostWebhooksFixture host)
{
    [Fact]
    public async Task ACallWhoseCalleeLeftIsEndedByTheWatchdogWhenTheWebhookIsLost()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.AnswersThenHangsUp);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        Assert.NotNull(ended.GetProperty("answeredAt").GetString());
        // No webhook arrived, so LiveKit's disconnect reason is unknown: the end came from the poll.
        Assert.Null(ended.GetProperty("disconnectReason").GetString());
        // The watchdog closes the room too: the agent does not wait for LiveKit's departure timeout.
        await WaitUntilAsync(async () => (await host.Client().ListRoomsAsync([ended.GetProperty("roomName").GetString()!])).Count == 0, () => "the room was deleted");
    }
}
