using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Users;

namespace VoicePlatform.Tests.Live;

/// <summary>A host that checks its live connections' credentials every half second (30 s in production).</summary>
public sealed class LiveCredentialsFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Live:CredentialCheckPeriod", "00:00:00.500"];
}

/// <summary>
/// A live floor stays open only as long as what opened it: signing out closes the connection a console session opened,
/// revoking a key closes the connections its tokens opened, and nobody else's connection is touched.
/// </summary>
public sealed class LiveCredentialTests(LiveCredentialsFixture host) : IClassFixture<LiveCredentialsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SigningOutClosesTheLiveFloorTheSessionOpened()
    {
        var tenant = await host.CreateTenantAsync("Floor Agency");
        using var session = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "supervisor");
        await using var floor = await ConnectAsync(async () =>
        {
            var response = await session.SendAsync(HttpMethod.Post, "api/live/token");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ReadJsonAsync()).GetProperty("token").GetString();
        });
        var closed = ClosedAsync(floor);
        await floor.InvokeAsync<JsonElement>("SubscribeTenant");

        Assert.Equal(HttpStatusCode.NoContent, (await session.SendAsync(HttpMethod.Delete, "api/session")).StatusCode);
        await closed.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Disconnected, floor.State);
    }

    [Fact]
    public async Task RevokingAKeyClosesItsConnectionsAndNoOneElses()
    {
        var tenant = await host.CreateTenantAsync("Keys Agency");
        var revokedKey = await host.IssueKeyAsync(tenant.Id, "wall display", "supervisor");
        var keptKey = await host.IssueKeyAsync(tenant.Id, "supervisor laptop", "supervisor");
        await using var revoked = await LiveHubClient.ConnectAsync(host, revokedKey);
        await using var kept = await LiveHubClient.ConnectAsync(host, keptKey);
        var closed = ClosedAsync(revoked);

        using (var admin = host.WithKey(tenant.AdminKey))
        {
            var keys = (await (await admin.GetAsync("api/api-keys")).ReadJsonAsync()).EnumerateArray();
            var keyId = keys.Single(k => k.GetProperty("name").GetString() == "wall display").GetProperty("keyId").GetString();
            Assert.True((await admin.DeleteAsync($"api/api-keys/{keyId}")).IsSuccessStatusCode);
        }
        await closed.WaitAsync(Patience);
        // The sweep that closed it asked about the other key too: that connection still answers.
        Assert.Equal(HubConnectionState.Connected, kept.State);
        await kept.InvokeAsync<JsonElement>("SubscribeTenant");
    }

    private async Task<HubConnection> ConnectAsync(Func<Task<string?>> token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/live"), o => o.AccessTokenProvider = token)
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static Task ClosedAsync(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
