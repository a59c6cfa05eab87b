using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Users;

/// <summary>
/// People in the console over real HTTP: an invitation accepted with a chosen password, an HTTP-only SameSite=Strict
/// session cookie, the CSRF token every change needs, sign-out here and everywhere, roles, removal, and the names of
/// users in what they change.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConsoleSessionTests(ApiHostFixture host)
{
    [Fact]
    public async Task AnInvitedAdminChoosesAPasswordAndWorksInTheTenantWithACookieThatScriptsCannotRead()
    {
        var tenant = await host.CreateTenantAsync("Cookie Agency");
        var email = $"ada-{Guid.NewGuid():N}@agency.example";
        var token = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "tenant-admin");

        using var browser = new ConsoleSession(host.BaseAddress);
        // The link shows whom it is for before anyone chooses a password.
        var preview = await browser.Http.PostAsJsonAsync("api/invitations/preview", new { token });
        var offered = await preview.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(email, offered.GetProperty("email").GetString());
        Assert.Equal("Cookie Agency", offered.GetProperty("tenantName").GetString());
        Assert.Equal("tenant-admin", offered.GetProperty("role").GetString());

        // A short password is refused next to its field, and the invitation stays open.
        await (await browser.AcceptAsync(token, "Ada", "short")).AssertFieldErrorAsync("password");
        var accepted = await browser.AcceptAsync(token, "Ada Lovelace", ConsoleUsers.Password);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var setCookie = accepted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vp_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        var body = await accepted.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ConsoleUsers.Password, body);
        Assert.DoesNotContain("pbkdf2", body);
        Assert.DoesNotContain(browser.SessionCookie!.Value, body);

        // The session reads the tenant and changes it: with the CSRF token only.
        var me = await (await browser.GetAsync("api/session")).ReadJsonAsync();
        Assert.Equal(email, me.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(tenant.Id, me.GetProperty("user").GetProperty("tenantId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/tenant")).StatusCode);
        var brand = new { companyName = "Cookie Dental" };
        var forged = await browser.SendAsync(HttpMethod.Post, "api/brands", brand, csrf: false);
        Assert.Contains("CSRF", (await forged.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        var fromElsewhere = await browser.SendAsync(HttpMethod.Post, "api/brands", brand, configure: r => r.Headers.Add("Origin", "https://evil.example"));
        await fromElsewhere.AssertProblemAsync(HttpStatusCode.Forbidden);
        using (var key = host.WithKey(tenant.AdminKey))
            Assert.Equal(0, (await (await key.GetAsync("api/brands")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
        var created = await browser.SendAsync(HttpMethod.Post, "api/brands", brand, configure: r => r.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Behind a proxy that ends TLS the page says https while this host sees http: still this site.
        var viaProxy = await browser.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "Cookie Dental South" },
            configure: r => r.Headers.Add("Origin", "https://" + host.BaseAddress.Authority));
        Assert.Equal(HttpStatusCode.Created, viaProxy.StatusCode);

        // Signing out ends this session: the old cookie no longer opens anything.
        var cookie = browser.SessionCookie!.Value;
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Delete, "api/session")).StatusCode);
        using var replay = host.Anonymous();
        replay.DefaultRequestHeaders.Add("Cookie", $"vp_session={cookie}");
        await (await replay.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The invitation cannot make a second account; its user signs in with the password they chose.
        using var again = new ConsoleSession(host.BaseAddress);
        await (await again.AcceptAsync(token, "Someone Else", "another long password")).AssertFieldErrorAsync("token", HttpStatusCode.Conflict);
        await (await again.SignInAsync(email, "wrong password here")).AssertFieldErrorAsync("password", HttpStatusCode.Unauthorized);
        await (await again.SignInAsync($"nobody-{Guid.NewGuid():N}@agency.example", ConsoleUsers.Password)).AssertFieldErrorAsync("password", HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await again.SignInAsync(email.ToUpperInvariant(), ConsoleUsers.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task ASupervisorWatchesButCannotAdministerAndTheTenantsAdminsManageItsPeople()
    {
        var tenant = await host.CreateTenantAsync("Roles Agency");
        using var admin = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "tenant-admin");
        var supervisorEmail = $"sam-{Guid.NewGuid():N}@agency.example";
        using var supervisor = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "supervisor", supervisorEmail);

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/brands")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.SendAsync(HttpMethod.Post, "api/live/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "Not Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/api-keys")).StatusCode);

        // The admin sees both people; promoting the supervisor takes effect on their next request, without signing in again.
        var people = await (await admin.GetAsync("api/users")).ReadJsonAsync();
        var users = people.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(2, users.Count);
        var supervisorId = users.Single(u => u.GetProperty("email").GetString() == supervisorEmail).GetProperty("id").GetString();
        var adminId = users.Single(u => u.GetProperty("role").GetString() == "tenant-admin").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, $"api/users/{supervisorId}/role", new { role = "tenant-admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, $"api/users/{supervisorId}/role", new { role = "supervisor" })).StatusCode);

        // The last admin can neither leave nor stop being an admin.
        await (await admin.SendAsync(HttpMethod.Put, $"api/users/{adminId}/role", new { role = "supervisor" })).AssertFieldErrorAsync("role", HttpStatusCode.Conflict);
        await (await admin.SendAsync(HttpMethod.Delete, $"api/users/{adminId}")).AssertFieldErrorAsync("userId", HttpStatusCode.Conflict);
        await (await admin.SendAsync(HttpMethod.Put, $"api/users/{supervisorId}/role", new { role = "operator" })).AssertFieldErrorAsync("role");

        // Another tenant's admin does not see these people, nor reach them.
        var other = await host.CreateTenantAsync("Neighbour Agency");
        using (var neighbour = host.WithKey(other.AdminKey))
        {
            Assert.Equal(0, (await (await neighbour.GetAsync("api/users")).ReadJsonAsync()).GetProperty("users").GetArrayLength());
            await (await neighbour.DeleteAsync($"api/users/{supervisorId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // Removal ends the supervisor's session at once; the address may be invited again.
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Delete, $"api/users/{supervisorId}")).StatusCode);
        await (await supervisor.GetAsync("api/brands")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var returning = new ConsoleSession(host.BaseAddress);
        await (await returning.SignInAsync(supervisorEmail, ConsoleUsers.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var reinvited = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, supervisorEmail, "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await returning.AcceptAsync(reinvited, "Sam Again", "a brand new long password")).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhereAndAPasswordChangeEndTheOtherBrowsersSessions()
    {
        var tenant = await host.CreateTenantAsync("Everywhere Agency");
        var email = $"eve-{Guid.NewGuid():N}@agency.example";
        using var laptop = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "tenant-admin", email);
        using var phone = new ConsoleSession(host.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignInAsync(email, ConsoleUsers.Password)).StatusCode);
        Assert.Equal(2, (await (await phone.GetAsync("api/session")).ReadJsonAsync()).GetProperty("user").GetProperty("activeSessions").GetInt32());

        // A password change keeps this browser and ends the other; the old password stops working.
        await (await laptop.SendAsync(HttpMethod.Put, "api/session/password", new { currentPassword = "not the password", newPassword = "an even longer passphrase" }))
            .AssertFieldErrorAsync("currentPassword");
        await (await laptop.SendAsync(HttpMethod.Put, "api/session/password", new { currentPassword = ConsoleUsers.Password, newPassword = "short" }))
            .AssertFieldErrorAsync("newPassword");
        Assert.Equal(HttpStatusCode.OK, (await laptop.SendAsync(HttpMethod.Put, "api/session/password", new { currentPassword = ConsoleUsers.Password, newPassword = "an even longer passphrase" })).StatusCode);
        await (await phone.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("api/tenant")).StatusCode);
        await (await phone.SignInAsync(email, ConsoleUsers.Password)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await phone.SignInAsync(email, "an even longer passphrase")).StatusCode);

        // Sign-out everywhere from the phone ends the laptop's session too.
        Assert.Equal(HttpStatusCode.NoContent, (await phone.SendAsync(HttpMethod.Post, "api/session/sign-out-everywhere")).StatusCode);
        await (await laptop.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await phone.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheOperatorSignsInTheSameWayAndWhatPeopleChangeNamesThem()
    {
        var tenant = await host.CreateTenantAsync("Named Agency");
        var operatorEmail = $"olga-{Guid.NewGuid():N}@platform.example";
        string token;
        using (var op = host.AsOperator())
        {
            var invited = await op.PostAsJsonAsync("api/operator/users/invitations", new { email = operatorEmail });
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
            var created = await invited.ReadJsonAsync();
            token = created.GetProperty("token").GetString()!;
            Assert.Contains("/app/#accept=" + token, created.GetProperty("link").GetString());
            // A tenant role is no operator's.
            await (await op.PostAsJsonAsync("api/operator/users/invitations", new { email = "x@platform.example", role = "supervisor" })).AssertFieldErrorAsync("role");
        }
        using var operatorSession = new ConsoleSession(host.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await operatorSession.AcceptAsync(token, "Olga Operator", ConsoleUsers.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorSession.GetAsync("api/operator/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorSession.GetAsync("api/brands")).StatusCode);

        // The operator's top-up names the operator's user on the tenant's ledger.
        var credited = await operatorSession.SendAsync(HttpMethod.Post, $"api/operator/tenants/{tenant.Id}/wallet/credits", new { kind = "top-up", amount = 2500 },
            configure: r => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.True(credited.IsSuccessStatusCode, await credited.Content.ReadAsStringAsync());
        // The operator invites the tenant's first console admin, who is named on what they issue.
        var adminToken = (await (await operatorSession.SendAsync(HttpMethod.Post, $"api/operator/tenants/{tenant.Id}/invitations", new { email = $"first-{Guid.NewGuid():N}@agency.example" }))
            .ReadJsonAsync()).GetProperty("token").GetString()!;
        using var admin = new ConsoleSession(host.BaseAddress);
        var adminMe = await (await admin.AcceptAsync(adminToken, "First Admin", ConsoleUsers.Password)).ReadJsonAsync();
        Assert.Equal(operatorEmail, adminMe.GetProperty("user").GetProperty("invitedBy").GetString());
        var adminEmail = adminMe.GetProperty("user").GetProperty("email").GetString();
        var ledger = await (await admin.GetAsync("api/wallet/ledger")).ReadJsonAsync();
        Assert.Contains(ledger.GetProperty("items").EnumerateArray(), e => e.TryGetProperty("actor", out var actor) && actor.GetString() == operatorEmail);
        var key = await (await admin.SendAsync(HttpMethod.Post, "api/api-keys", new { name = "made in the console", role = "supervisor" })).ReadJsonAsync();
        var keys = await (await admin.GetAsync("api/api-keys")).ReadJsonAsync();
        var issued = keys.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == key.GetProperty("apiKey").GetProperty("keyId").GetString());
        Assert.Equal(adminEmail, issued.GetProperty("issuedBy").GetString());
    }

    [Fact]
    public async Task AWithdrawnOrUnknownInvitationOpensNothing()
    {
        var tenant = await host.CreateTenantAsync("Withdrawn Agency");
        using var admin = host.WithKey(tenant.AdminKey);
        var email = $"wanda-{Guid.NewGuid():N}@agency.example";
        var first = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "supervisor");
        // Inviting the same address again replaces the open invitation: the first link stops working.
        var second = await (await admin.PostAsJsonAsync("api/users/invitations", new { email, role = "supervisor" })).ReadJsonAsync();
        using var browser = new ConsoleSession(host.BaseAddress);
        await (await browser.Http.PostAsJsonAsync("api/invitations/preview", new { token = first })).AssertFieldErrorAsync("token", HttpStatusCode.NotFound);
        var invitationId = second.GetProperty("invitation").GetProperty("id").GetString();
        Assert.Single((await (await admin.GetAsync("api/users")).ReadJsonAsync()).GetProperty("invitations").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/users/invitations/{invitationId}")).StatusCode);
        await (await browser.AcceptAsync(second.GetProperty("token").GetString()!, "Wanda", ConsoleUsers.Password)).AssertFieldErrorAsync("token", HttpStatusCode.Conflict);
        await (await browser.Http.PostAsJsonAsync("api/invitations/preview", new { token = "vpi.nonsense" })).AssertFieldErrorAsync("token");
        await (await admin.PostAsJsonAsync("api/users/invitations", new { email = "not an email", role = "supervisor" })).AssertFieldErrorAsync("email");
        Assert.Empty((await (await admin.GetAsync("api/users")).ReadJsonAsync()).GetProperty("invitations").EnumerateArray());
    }
}
