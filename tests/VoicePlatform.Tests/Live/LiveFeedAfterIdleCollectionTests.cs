using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Hosting;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// The all-in-one host left watched but idle past the grain collection age: every idle activation (the wallet, the
/// stream's pub-sub rendezvous and queue grains) is collected, and the supervisor still open on the floor must get the
/// next change without doing anything.
/// </summary>
public sealed class LiveFeedAfterIdleCollectionTests(IdleCollectionHostFixture host) : IClassFixture<IdleCollectionHostFixture>
{
    [Fact]
    public async Task AnOpenFloorKeepsReceivingAfterEveryIdleActivationWasCollected()
    {
        var tenant = await host.CreateTenantAsync("Idle floor");
        var key = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        await using var hub = await LiveHubClient.ConnectAsync(host, key);
        var events = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("event", e => events.Writer.TryWrite(e));
        await hub.InvokeAsync<JsonElement>("SubscribeTenant");

        await host.TopUpAsync(tenant.Id, 400);
        await WalletReachesAsync(events, 400);

        await host.Management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await host.ActivationsAsync("WalletGrain"));

        await host.TopUpAsync(tenant.Id, 100);
        await WalletReachesAsync(events, 500);
    }

    private static async Task WalletReachesAsync(Channel<JsonElement> events, long balance)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!(await events.Reader.ReadAsync(patience.Token) is var e
                 && e.GetProperty("type").GetString() == "wallet.updated"
                 && e.GetProperty("payload").GetProperty("wallet").GetProperty("balance").GetInt64() == balance)) { }
    }
}
