using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Users;

/// <summary>Users made through the API as a tenant admin would: an invitation by key, accepted by the person.</summary>
public static class ConsoleUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>Invites <paramref name="email"/> with the admin key and answers the link's token.</summary>
    public static async Task<string> InviteAsync(ApiHostFixture host, string adminKey, string email, string role)
    {
        using var admin = host.WithKey(adminKey);
        var response = await admin.PostAsJsonAsync("api/users/invitations", new { email, role });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A signed-in console session of a new user of the tenant.</summary>
    public static async Task<ConsoleSession> SignedInAsync(ApiHostFixture host, string adminKey, string role, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@agency.example";
        var token = await InviteAsync(host, adminKey, email, role);
        var session = new ConsoleSession(host.BaseAddress);
        var accepted = await session.AcceptAsync(token, role == "supervisor" ? "Sam Supervisor" : "Ada Admin", Password);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        return session;
    }
}
